// DeltaLog module.

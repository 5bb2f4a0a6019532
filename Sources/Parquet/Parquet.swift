// Parquet module.

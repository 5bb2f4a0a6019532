// Replication module.

/// The public entry point to DeltaLog's Parquet checkpoint decoding, for tools that read one checkpoint file at a
/// time (replication, verification) without replaying a snapshot. It is the same decoder the snapshot loader uses
/// (PROTOCOL.md: Checkpoint Schema), so both read a checkpoint the same way.
public enum CheckpointFileDecoder {
    /// The actions of one Parquet checkpoint file: a classic single or multi-part checkpoint part, a Parquet V2
    /// checkpoint or a Parquet sidecar (sidecars are not followed). One action per row, in the one non-null
    /// top-level action column; `file` names the file in errors.
    /// - Throws: ``DeltaError/invalidCheckpoint(file:reason:)`` when the bytes are not a readable checkpoint.
    public static func actions(ofParquetCheckpoint bytes: [UInt8], file: String) throws -> [Action] {
        try ParquetCheckpointDecoder.decode(bytes, file: file)
    }
}

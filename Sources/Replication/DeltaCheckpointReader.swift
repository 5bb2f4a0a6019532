import DeltaLog
import Storage

/// A ``CheckpointReader`` for every checkpoint form: JSON V2 files are parsed as commit lines (``LogActions``);
/// Parquet checkpoints, parts and sidecars go through DeltaLog's checkpoint decoder
/// (``CheckpointFileDecoder``), the one the snapshot loader uses, so replication and reading agree on what a
/// checkpoint holds.
public struct DeltaCheckpointReader: CheckpointReader {
    /// Creates the reader.
    public init() {}

    public func actions(of path: String, in storage: Storage) throws -> [Action] {
        if path.hasSuffix(".json") { return try JSONCheckpointReader().actions(of: path, in: storage) }
        let bytes = try wrapStorage { try storage.read(path) }
        do {
            return try CheckpointFileDecoder.actions(ofParquetCheckpoint: bytes, file: path)
        } catch DeltaError.invalidCheckpoint(_, let reason) {
            throw ReplicationError.unreadableCheckpoint(file: path, reason: reason)
        } catch let e as DeltaError {
            throw ReplicationError.unreadableCheckpoint(file: path, reason: e.description)
        }
    }
}

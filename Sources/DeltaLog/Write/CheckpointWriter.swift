import Foundation
import Parquet
import Storage

/// Writes classic Parquet checkpoints (PROTOCOL.md: Checkpoints, Last Checkpoint File): `NNN.checkpoint.parquet`,
/// or `NNN.checkpoint.PPPPPPPPPP.TTTTTTTTTT.parquet` parts when the table has more than ``maxActionsPerPart``
/// actions, then `_last_checkpoint` (atomic put; never moved backwards to an older version).
///
/// A crash at any point leaves the table readable: parts are only used by readers once all are present, a checkpoint
/// file is published whole (atomic put), and `_last_checkpoint` is a hint that readers verify.
public struct CheckpointWriter {
    /// The table's storage root.
    public let storage: Storage
    /// Actions per part above which the checkpoint is split into parts (default one million).
    public var maxActionsPerPart: Int
    /// The clock for tombstone retention, in milliseconds since the epoch.
    public var nowMillis: Int64

    /// Creates a writer.
    public init(storage: Storage, maxActionsPerPart: Int = 1_000_000, nowMillis: Int64? = nil) {
        self.storage = storage
        self.maxActionsPerPart = max(1, maxActionsPerPart)
        self.nowMillis = nowMillis ?? Int64(Date().timeIntervalSince1970 * 1000)
    }

    /// Checkpoints `version` (nil: the latest) of the table and returns the `_last_checkpoint` record written.
    @discardableResult
    public func checkpoint(version: Version? = nil) throws -> LastCheckpoint {
        let snapshot = try DeltaTable(storage: storage).snapshot(at: version)
        return try write(CheckpointContent(snapshot: snapshot, nowMillis: nowMillis))
    }

    /// Writes the checkpoint files of `content` and updates `_last_checkpoint`.
    @discardableResult
    public func write(_ content: CheckpointContent) throws -> LastCheckpoint {
        let declared = WriterFeatures.declared(content.protocol) + (content.protocol.readerFeatures ?? [])
        if declared.contains("v2Checkpoint") {
            throw DeltaError.unsupportedFeature("v2Checkpoint", operation: "checkpoint (deltactl writes classic checkpoints only)")
        }
        let props = TableProperties(content.metadata.configuration)
        let parsed = props.writeStatsAsStruct ? try ParsedStatsLayout(metadata: content.metadata) : nil
        let statsAsJson = props.writeStatsAsJson || parsed == nil
        let schema = ParquetSchema(fields: CheckpointSchema.fields(writeStatsAsJson: statsAsJson, parsed: parsed))
        let actions = content.actions
        let parts = max(1, (actions.count + maxActionsPerPart - 1) / maxActionsPerPart)
        var totalBytes: Int64 = 0
        for part in 1...parts {
            let lower = (part - 1) * actions.count / parts
            let upper = part * actions.count / parts
            let records = try actions[lower..<upper].map {
                try CheckpointSchema.row($0, writeStatsAsJson: statsAsJson, parsed: parsed)
            }
            let bytes = try CheckpointParquetEncoder.encode(records, schema: schema)
            let kind: LogPath = parts == 1 ? .checkpoint(content.version, .single)
                : .checkpoint(content.version, .multiPart(part: part, of: parts))
            guard let path = kind.tablePath else {
                throw DeltaError.invalidCheckpoint(file: "\(kind)", reason: "no file name")
            }
            do { try storage.put(path, bytes) } catch { throw DeltaError.storage(error) }
            totalBytes += Int64(bytes.count)
        }
        let record = LastCheckpoint(version: content.version, size: Int64(actions.count), parts: parts == 1 ? nil : parts,
                                    sizeInBytes: totalBytes, numOfAddFiles: Int64(content.adds.count))
        try publishLastCheckpoint(record)
        return record
    }

    /// Writes `_last_checkpoint` unless it already points at a newer checkpoint.
    func publishLastCheckpoint(_ record: LastCheckpoint) throws {
        let path = "_delta_log/_last_checkpoint"
        if let bytes = try? storage.read(path), let existing = try? LastCheckpoint(bytes: bytes),
           existing.version > record.version {
            return
        }
        do { try storage.put(path, record.jsonBytes) } catch { throw DeltaError.storage(error) }
    }
}

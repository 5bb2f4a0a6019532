import Storage

/// The state of a table at one version: the result of replaying a ``LogSegment`` (PROTOCOL.md: Action
/// Reconciliation). Values only; built by ``DeltaTable/snapshot(at:)``.
public struct Snapshot: Sendable {
    /// The version.
    public let version: Version
    /// The commit timestamp in milliseconds since the epoch (the in-commit timestamp when that feature is on,
    /// else the commit file's modification time).
    public let timestamp: Int64
    /// The files that make this version.
    public let segment: LogSegment
    /// Protocol, metadata and parsed schema, with the read gate.
    public let configuration: TableConfiguration
    /// The active data files (add actions in effect), in replay order (newest commit first, then the
    /// checkpoint's order). Use ``activeFilesByPath`` for a stable, sorted order.
    public let activeFiles: [AddFile]
    /// Tombstones: removes not superseded by a newer add (those kept by the checkpoint and later commits).
    public let tombstones: [RemoveFile]
    /// The newest txn action per application id.
    public let transactions: [String: TransactionAction]
    /// Domain metadata in effect, by domain (removed domains excluded).
    public let domainMetadata: [String: DomainMetadata]

    /// Assembles a snapshot from a finished replay. Throws `DeltaError.missingProtocolOrMetadata` when the
    /// replay found no protocol or metaData, and `DeltaError.invalidSchema` for an unreadable schema.
    public init(segment: LogSegment, replay: LogReplay, timestamp: Int64) throws {
        guard let p = replay.protocolAction, let m = replay.metadata else {
            throw DeltaError.missingProtocolOrMetadata(version: segment.version.rawValue)
        }
        self.version = segment.version
        self.timestamp = timestamp
        self.segment = segment
        self.configuration = try TableConfiguration(protocol: p, metadata: m)
        self.activeFiles = replay.activeFiles
        self.tombstones = replay.tombstones
        self.transactions = replay.transactions
        self.domainMetadata = replay.domainMetadata
    }

    /// The protocol in effect.
    public var protocolAction: ProtocolAction { configuration.protocolAction }
    /// The metadata in effect.
    public var metadata: Metadata { configuration.metadata }
    /// The logical schema.
    public var schema: StructType { configuration.schema }
    /// The last committed version per application id (txn actions).
    public var txnVersions: [String: Int64] { transactions.mapValues(\.version) }

    /// The active files sorted by the UTF-8 bytes of their (encoded) path: a deterministic order for listings
    /// and scans.
    public var activeFilesByPath: [AddFile] {
        let files = activeFiles
        return StoragePath.sortedIndices(count: files.count) { files[$0].path }.map { files[$0] }
    }

    /// Number of active files.
    public var numFiles: Int { activeFiles.count }
    /// Total size of the active files in bytes.
    public var sizeInBytes: Int64 {
        var total: Int64 = 0
        for i in activeFiles.indices { total += activeFiles[i].size }  // by index: no copy of each AddFile
        return total
    }
    /// Rows deleted by deletion vectors of the active files.
    public var numDeletedRows: Int64 { activeFiles.reduce(0) { $0 + ($1.deletionVector?.cardinality ?? 0) } }

    /// The number of live rows from the files' statistics (minus deletion-vector cardinality), or nil when some
    /// active file has no `numRecords` statistic (then the Parquet footers must be read).
    public var numRecordsFromStats: Int64? {
        var total: Int64 = 0
        for i in activeFiles.indices {
            guard let n = activeFiles[i].numRecordsFromStats else { return nil }
            total += n - (activeFiles[i].deletionVector?.cardinality ?? 0)
        }
        return total
    }

    /// The active files that lack a `numRecords` statistic.
    public var filesWithoutRowCount: [AddFile] {
        activeFiles.filter { $0.numRecordsFromStats == nil }
    }
}

/// Isolation levels (PROTOCOL.md: Optimistic concurrency; table property `delta.isolationLevel`).
public enum IsolationLevel: String, Sendable {
    /// Every concurrent data change that this transaction read conflicts, blind appends included.
    case serializable = "Serializable"
    /// Concurrent blind appends do not conflict with a reading transaction (Delta's default).
    case writeSerializable = "WriteSerializable"
    /// Concurrent appends never conflict with reads.
    case snapshotIsolation = "SnapshotIsolation"
}

/// Which data a transaction read (and therefore depends on).
public enum ReadPredicate: Equatable, Sendable {
    /// Nothing: a blind append.
    case none
    /// The whole table.
    case wholeTable
    /// Only files whose partition values match one of these specs (each a subset of partition columns and values).
    case partitions([[String: String?]])

    /// Whether a file with these partition values falls inside what was read.
    public func covers(_ partitionValues: [String: String?]) -> Bool {
        switch self {
        case .none: return false
        case .wholeTable: return true
        case .partitions(let specs):
            return specs.contains { spec in spec.allSatisfy { key, value in (partitionValues[key] ?? nil) == value } }
        }
    }
}

/// What the current transaction did and read, for conflict detection.
public struct TransactionIntent: Sendable {
    /// The data the transaction read.
    public var readPredicate: ReadPredicate
    /// Paths of files the transaction read (e.g. the files it rewrites or deletes).
    public var readPaths: Set<String>
    /// Paths the transaction removes.
    public var removedPaths: Set<String>
    /// Whether the transaction changes metadata or protocol.
    public var changesMetadata: Bool
    /// Application ids whose txn version the transaction read or writes.
    public var appIds: Set<String>
    /// Domains the transaction changes.
    public var domains: Set<String>
    /// The isolation level.
    public var isolation: IsolationLevel

    /// Creates an intent.
    public init(readPredicate: ReadPredicate = .none, readPaths: Set<String> = [], removedPaths: Set<String> = [],
                changesMetadata: Bool = false, appIds: Set<String> = [], domains: Set<String> = [],
                isolation: IsolationLevel = .writeSerializable) {
        self.readPredicate = readPredicate
        self.readPaths = readPaths
        self.removedPaths = removedPaths
        self.changesMetadata = changesMetadata
        self.appIds = appIds
        self.domains = domains
        self.isolation = isolation
    }

    /// A blind append: reads nothing, removes nothing, changes no metadata.
    public var isBlindAppend: Bool {
        readPredicate == .none && readPaths.isEmpty && removedPaths.isEmpty && !changesMetadata
    }
}

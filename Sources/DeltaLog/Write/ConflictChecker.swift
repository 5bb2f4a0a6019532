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

/// Why a concurrent commit conflicts with this transaction (Spark's and delta-rs's conflict exceptions).
public enum ConflictKind: Equatable, Sendable {
    /// The winner changed the protocol.
    case protocolChanged
    /// The winner changed the table metadata (schema, partitioning, properties).
    case metadataChanged
    /// The winner added a file inside data this transaction read.
    case concurrentAppend(path: String)
    /// The winner removed a file this transaction read.
    case concurrentDeleteRead(path: String)
    /// The winner removed a file this transaction also removes.
    case concurrentDeleteDelete(path: String)
    /// The winner committed a txn for the same application id.
    case concurrentTransaction(appId: String)
    /// The winner changed the same metadata domain.
    case concurrentDomainMetadata(domain: String)
}

/// A conflict with a winning commit: an outcome of committing, with advice on what to do.
public struct TransactionConflict: Equatable, Sendable, CustomStringConvertible {
    /// The version of the winning commit that conflicts.
    public var winningVersion: Version
    /// The rule that fired.
    public var kind: ConflictKind
    /// The winner's operation, when known.
    public var winningOperation: String?

    /// Creates a conflict report.
    public init(winningVersion: Version, kind: ConflictKind, winningOperation: String? = nil) {
        self.winningVersion = winningVersion
        self.kind = kind
        self.winningOperation = winningOperation
    }

    public var description: String {
        let by = "version \(winningVersion)" + (winningOperation.map { " (\($0))" } ?? "")
        switch kind {
        case .protocolChanged:
            return "\(by) changed the table protocol; re-read the table and run the operation again"
        case .metadataChanged:
            return "\(by) changed the table metadata (schema, partitioning or properties); re-read the table and run the operation again"
        case .concurrentAppend(let path):
            return "\(by) added \(path) to data this transaction read; re-run the operation on the new version"
        case .concurrentDeleteRead(let path):
            return "\(by) removed \(path), which this transaction read; re-run the operation on the new version"
        case .concurrentDeleteDelete(let path):
            return "\(by) also removed \(path); re-run the operation on the new version"
        case .concurrentTransaction(let appId):
            return "\(by) committed a transaction of application '\(appId)'; check its txn version before retrying"
        case .concurrentDomainMetadata(let domain):
            return "\(by) changed metadata domain '\(domain)'; re-run the operation on the new version"
        }
    }

    /// The conflict as a `DeltaError`, for callers that stop on a conflict.
    public var error: DeltaError { .conflict(version: winningVersion.rawValue, reason: description) }
}

/// The conflict rules (PROTOCOL.md; Spark `ConflictChecker`, delta-rs `conflict_checker.rs`). Pure.
public enum ConflictChecker {
    /// Returns the first conflict between this transaction and a commit that won the race, or nil when the
    /// transaction can be rebased onto it.
    public static func check(_ intent: TransactionIntent, against winner: CommitSummary) -> TransactionConflict? {
        func conflict(_ kind: ConflictKind) -> TransactionConflict {
            TransactionConflict(winningVersion: winner.version, kind: kind, winningOperation: winner.operation)
        }
        if winner.changesProtocol { return conflict(.protocolChanged) }
        if winner.changesMetadata { return conflict(.metadataChanged) }
        // Files added by the winner that this transaction should have read.
        let addsToCheck: [AddFile]
        switch intent.isolation {
        case .serializable: addsToCheck = winner.addedDataFiles
        case .writeSerializable:
            addsToCheck = (winner.isBlindAppend && !intent.changesMetadata) ? [] : winner.addedDataFiles
        case .snapshotIsolation: addsToCheck = []
        }
        if let hit = addsToCheck.first(where: { intent.readPredicate.covers($0.partitionValues) }) {
            return conflict(.concurrentAppend(path: hit.path))
        }
        // Files removed by the winner that this transaction read or removes.
        if !winner.removedPaths.isEmpty {
            if let path = intent.readPaths.sorted().first(where: { winner.removedPaths.contains($0) }) {
                return conflict(.concurrentDeleteRead(path: path))
            }
            if let path = intent.removedPaths.sorted().first(where: { winner.removedPaths.contains($0) }) {
                return conflict(.concurrentDeleteDelete(path: path))
            }
            if intent.readPredicate == .wholeTable && intent.isolation != .snapshotIsolation,
               let path = winner.removedPaths.sorted().first {
                return conflict(.concurrentDeleteRead(path: path))
            }
        }
        if let appId = intent.appIds.sorted().first(where: { winner.appTransactions[$0] != nil }) {
            return conflict(.concurrentTransaction(appId: appId))
        }
        if let domain = intent.domains.sorted().first(where: { winner.domains.contains($0) }) {
            return conflict(.concurrentDomainMetadata(domain: domain))
        }
        return nil
    }
}

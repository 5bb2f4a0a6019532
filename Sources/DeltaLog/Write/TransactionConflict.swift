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

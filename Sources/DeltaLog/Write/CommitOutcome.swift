/// What committing a transaction produced. A conflict is an outcome, not an error: the caller decides whether to
/// re-run its operation on the new version or to stop (``TransactionConflict/error`` gives a `DeltaError`).
public enum CommitOutcome: Equatable, Sendable {
    /// The transaction is version `version` of the table; `attempts` counts put-if-absent tries.
    case committed(version: Version, attempts: Int, postCommit: PostCommitReport)
    /// The transaction carried `txn(appId, version)` and the table already holds that application at
    /// `tableAppVersion >= version`: nothing was written (idempotent retry).
    case alreadyCommitted(appId: String, tableAppVersion: Int64)
    /// A concurrent commit conflicts with this transaction; nothing was written.
    case conflict(TransactionConflict)
    /// Every attempt lost the race (to commits that did not conflict) up to the policy's limit.
    case retriesExhausted(lastTriedVersion: Version, attempts: Int)

    /// The committed version, when the outcome is `.committed`.
    public var committedVersion: Version? {
        if case .committed(let v, _, _) = self { return v }
        return nil
    }
}

/// What happened after the commit landed (checksum and checkpoint). Failures here never undo the commit.
public struct PostCommitReport: Equatable, Sendable {
    /// Whether `NNN.crc` was written.
    public var wroteChecksum: Bool = false
    /// Whether a checkpoint was written for the committed version.
    public var wroteCheckpoint: Bool = false
    /// Expired log files deleted after the checkpoint (``LogCleanup``).
    public var deletedLogFiles: Int = 0
    /// Messages of post-commit steps that failed (the commit itself stands).
    public var warnings: [String] = []

    /// An empty report.
    public init() {}
}

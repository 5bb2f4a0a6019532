/// What one commit did, as far as conflict detection cares (PROTOCOL.md: Optimistic concurrency; Spark's
/// `WinningCommitSummary`). Built from decoded actions; no I/O.
public struct CommitSummary: Sendable {
    /// The commit's version.
    public var version: Version
    /// Files added with `dataChange = true`.
    public var addedDataFiles: [AddFile]
    /// Paths removed (any `dataChange`).
    public var removedPaths: Set<String>
    /// Whether the commit carries a metaData action.
    public var changesMetadata: Bool
    /// Whether the commit carries a protocol action.
    public var changesProtocol: Bool
    /// Application transaction ids (txn actions) and their versions.
    public var appTransactions: [String: Int64]
    /// Domains whose metadata the commit changed.
    public var domains: Set<String>
    /// Whether the commit only appended data (`commitInfo.isBlindAppend`, else derived: adds only, no reads).
    public var isBlindAppend: Bool
    /// `commitInfo.operation`, when present (for messages).
    public var operation: String?

    /// Summarises decoded actions of the commit at `version`.
    public init(version: Version, actions: [Action]) {
        self.version = version
        addedDataFiles = []
        removedPaths = []
        changesMetadata = false
        changesProtocol = false
        appTransactions = [:]
        domains = []
        operation = nil
        var declaredBlind: Bool?
        for action in actions {
            switch action {
            case .add(let a): if a.dataChange { addedDataFiles.append(a) }
            case .remove(let r): removedPaths.insert(r.path)
            case .metaData: changesMetadata = true
            case .protocol: changesProtocol = true
            case .txn(let t): appTransactions[t.appId] = max(appTransactions[t.appId] ?? t.version, t.version)
            case .domainMetadata(let d): domains.insert(d.domain)
            case .commitInfo(let info):
                declaredBlind = info["isBlindAppend"]?.boolValue
                operation = info["operation"]?.stringValue
            default: break
            }
        }
        isBlindAppend = declaredBlind ?? (removedPaths.isEmpty && !changesMetadata && !changesProtocol)
    }

    /// Decodes the bytes of a commit file (one JSON action per line) and summarises it.
    public init(version: Version, commitBytes: [UInt8]) throws {
        try self.init(version: version, actions: CommitFile.decode(commitBytes, file: version.commitPath))
    }
}

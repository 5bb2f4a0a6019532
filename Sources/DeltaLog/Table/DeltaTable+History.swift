import Storage

/// One commit of a table's history: what `commitInfo` says about it (PROTOCOL.md: Commit Provenance Information).
public struct CommitHistoryEntry: Sendable {
    /// The commit's version.
    public var version: Version
    /// The commit time in ms: the in-commit timestamp, else commitInfo.timestamp, else the file's modification time.
    public var timestamp: Int64
    /// `commitInfo.operation` (WRITE, MERGE, ...), when recorded.
    public var operation: String?
    /// `commitInfo.operationParameters`, raw.
    public var operationParameters: JSONValue?
    /// `commitInfo.engineInfo` (or `clientVersion` of older writers).
    public var engineInfo: String?
    /// The whole commitInfo object, or nil when the commit has none.
    public var commitInfo: JSONValue?
}

extension DeltaTable {
    /// The history, newest first, of the commits still in the log (at most `limit`).
    public func history(limit: Int? = nil) throws -> [CommitHistoryEntry] {
        let l = try listing()
        guard l.latestVersion != nil else { throw DeltaError.notATable(location: storage.rootURI) }
        var versions = Array(l.commitVersions.reversed())
        if let limit { versions = Array(versions.prefix(max(0, limit))) }
        let loader = SegmentLoader(storage: storage, parallelism: parallelism)
        let files = versions.compactMap { l.commits[$0] }
        let parsed = try loader.parseFiles(files)
        return zip(files, parsed).map { file, actions in
            let info = actions.lazy.compactMap { a -> JSONValue? in
                if case .commitInfo(let c) = a { return c }
                return nil
            }.first
            let ts = info?["inCommitTimestamp"]?.int64Value ?? info?["timestamp"]?.int64Value ?? file.modifiedMillis
            return CommitHistoryEntry(
                version: file.version ?? 0, timestamp: ts, operation: info?["operation"]?.stringValue,
                operationParameters: info?["operationParameters"],
                engineInfo: info?["engineInfo"]?.stringValue ?? info?["clientVersion"]?.stringValue, commitInfo: info)
        }
    }
}

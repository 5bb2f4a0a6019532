/// A `_delta_log` listing parsed into kinds, with no I/O: commits by version, checkpoints by version, checksums,
/// compactions and sidecars. Built once per listing; ``LogSegment`` and time travel read from it.
public struct LogListing: Sendable {
    /// Commit files by version.
    public private(set) var commits: [Version: LogFile] = [:]
    /// Commit versions, ascending.
    public private(set) var commitVersions: [Version] = []
    /// Checkpoint files (every part and kind) by version.
    public private(set) var checkpoints: [Version: [LogFile]] = [:]
    /// Version checksum (`.crc`) files by version.
    public private(set) var checksums: [Version: LogFile] = [:]
    /// Log compaction files.
    public private(set) var compactions: [LogFile] = []
    /// Sidecar files under `_delta_log/_sidecars/`.
    public private(set) var sidecars: [LogFile] = []
    /// Whether `_last_checkpoint` was listed.
    public private(set) var hasLastCheckpoint = false

    /// Parses a listing (paths relative to the table root, as `Storage.list(prefix: "_delta_log/")` returns).
    public init(_ files: [LogFile]) {
        for f in files {
            switch f.kind {
            case .commit(let v): commits[v] = f
            case .checkpoint(let v, _): checkpoints[v, default: []].append(f)
            case .checksum(let v): checksums[v] = f
            case .compaction: compactions.append(f)
            case .sidecar: sidecars.append(f)
            case .lastCheckpoint: hasLastCheckpoint = true
            case .unknown: break
            }
        }
        commitVersions = commits.keys.sorted()
    }

    mutating func hasLastCheckpointFlag(_ flag: Bool) { hasLastCheckpoint = flag }

    /// Parses a storage listing.
    public init<S: Sequence>(objects: S) where S.Element: ObjectInfoLike {
        self.init(objects.map { LogFile($0) })
    }

    /// The complete checkpoints, newest first, each with its files in part order. A multi-part checkpoint is
    /// complete when parts 1...n of one n are all present; a single or UUID-named file is complete by itself.
    /// At one version, a classic single file comes before a multi-part set before a UUID-named V2 file.
    public var completeCheckpoints: [LogSegment.Checkpoint] {
        var result: [LogSegment.Checkpoint] = []
        for (version, files) in checkpoints {
            var candidates: [LogSegment.Checkpoint] = []
            var multi: [Int: [Int: LogFile]] = [:]
            for f in files {
                guard case .checkpoint(_, let layout) = f.kind else { continue }
                switch layout {
                case .single: candidates.append(.init(version: version, files: [f], rank: 0))
                case .multiPart(let part, let of): multi[of, default: [:]][part] = f
                case .uuid: candidates.append(.init(version: version, files: [f], rank: 2))
                }
            }
            for (of, parts) in multi where parts.count == of {
                let ordered = (1...of).compactMap { parts[$0] }
                if ordered.count == of { candidates.append(.init(version: version, files: ordered, rank: 1)) }
            }
            candidates.sort { ($0.rank, $0.files[0].path) < ($1.rank, $1.files[0].path) }
            result.append(contentsOf: candidates)
        }
        result.sort { $0.version != $1.version ? $0.version > $1.version : $0.rank < $1.rank }
        return result
    }

    /// The newest version the log holds (a commit or a complete checkpoint), or nil for an empty log.
    public var latestVersion: Version? {
        let cp = completeCheckpoints.first?.version
        switch (commitVersions.last, cp) {
        case (let c?, let k?): return max(c, k)
        case (let c?, nil): return c
        case (nil, let k?): return k
        default: return nil
        }
    }

    /// The oldest version that can be reconstructed: 0 when commit 0 is present, else the oldest complete checkpoint.
    public var earliestVersion: Version? {
        if commits[0] != nil { return 0 }
        return completeCheckpoints.last?.version ?? commitVersions.first
    }
}

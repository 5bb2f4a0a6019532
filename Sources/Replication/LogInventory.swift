import Storage

/// One complete checkpoint of a version: a classic file, all parts of a multi-part checkpoint, or a UUID-named
/// V2 checkpoint (whose sidecars are found by reading it).
public struct CheckpointFiles: Equatable, Sendable {
    /// The checkpointed version.
    public var version: Int64
    /// The checkpoint's files in `_delta_log`, in part order.
    public var files: [ObjectInfo]
    /// The kind, from the first file's name.
    public var kind: LogFileName

    /// Number of parts when multi-part, else nil.
    public var parts: Int? { if case .multiPartCheckpoint(_, _, let p) = kind { return p }; return nil }
    /// Total bytes of the checkpoint's own files (sidecars not included).
    public var sizeInBytes: Int64 { files.reduce(0) { $0 + $1.size } }
    /// Whether this is a UUID-named V2 checkpoint.
    public var isUUIDNamed: Bool { if case .uuidCheckpoint = kind { return true }; return false }
}

/// What a listing of `_delta_log` holds: commits, checksums, complete checkpoints, compactions and sidecars.
/// Pure: built from a listing, no I/O.
public struct LogInventory: Sendable {
    /// Commit files by version.
    public private(set) var commits: [Int64: ObjectInfo] = [:]
    /// Version checksum (`.crc`) files by version.
    public private(set) var checksums: [Int64: ObjectInfo] = [:]
    /// Complete checkpoints by version (incomplete multi-part checkpoints are left out, as readers must ignore them).
    public private(set) var checkpoints: [Int64: [CheckpointFiles]] = [:]
    /// Log compaction files with their version ranges.
    public private(set) var compactions: [(from: Int64, to: Int64, file: ObjectInfo)] = []
    /// Sidecar files by name (without folder).
    public private(set) var sidecars: [String: ObjectInfo] = [:]
    /// `_delta_log/_last_checkpoint`, if present.
    public private(set) var lastCheckpoint: ObjectInfo?

    /// Classifies a listing of `_delta_log/` (paths relative to the table root).
    public init(listing: [ObjectInfo]) {
        var multi: [Int64: [Int: [Int: ObjectInfo]]] = [:]  // version -> parts count -> part -> file
        for info in listing {
            guard let name = LogFileName(path: info.path) else { continue }
            switch name {
            case .commit(let v): commits[v] = info
            case .checksum(let v): checksums[v] = info
            case .classicCheckpoint(let v), .uuidCheckpoint(let v, _, _):
                checkpoints[v, default: []].append(CheckpointFiles(version: v, files: [info], kind: name))
            case .multiPartCheckpoint(let v, let part, let parts): multi[v, default: [:]][parts, default: [:]][part] = info
            case .compaction(let from, let to): compactions.append((from, to, info))
            case .sidecar(let n): sidecars[n] = info
            case .lastCheckpoint: lastCheckpoint = info
            }
        }
        for (v, byCount) in multi {
            for (count, parts) in byCount.sorted(by: { $0.key < $1.key }) where parts.count == count {
                let files = (1...count).compactMap { parts[$0] }
                if let first = files.first, let kind = LogFileName(path: first.path) {
                    checkpoints[v, default: []].append(CheckpointFiles(version: v, files: files, kind: kind))
                }
            }
        }
    }

    /// The newest version with a commit or a complete checkpoint.
    public var latestVersion: Int64? {
        let c = commits.keys.max()
        let k = checkpoints.keys.max()
        switch (c, k) {
        case let (c?, k?): return max(c, k)
        case let (c?, nil): return c
        case let (nil, k?): return k
        default: return nil
        }
    }

    /// The smallest version from which `target` can be reconstructed: 0 when commits 0...target all exist,
    /// otherwise the oldest complete checkpoint at or before `target` followed by contiguous commits up to
    /// `target`. Nil when no such version exists.
    public func earliestReconstructible(upTo target: Int64) -> Int64? {
        // The lowest g such that commits g...target all exist (target + 1 when commit `target` is missing).
        var g = target + 1
        while g > 0, commits[g - 1] != nil { g -= 1 }
        if g == 0 { return 0 }
        return checkpoints.keys.filter { $0 >= g - 1 && $0 <= target }.min()
    }

    /// The newest complete checkpoint at or before `version`, preferring a classic one, then a UUID-named one,
    /// then a multi-part one (readers may choose among several at one version).
    public func newestCheckpoint(atOrBefore version: Int64) -> CheckpointFiles? {
        guard let v = checkpoints.keys.filter({ $0 <= version }).max(), let sets = checkpoints[v] else { return nil }
        return Self.preferred(sets)
    }

    static func preferred(_ sets: [CheckpointFiles]) -> CheckpointFiles? {
        func rank(_ c: CheckpointFiles) -> Int {
            switch c.kind {
            case .classicCheckpoint: return 0
            case .uuidCheckpoint: return 1
            default: return 2
            }
        }
        return sets.min { rank($0) < rank($1) }
    }
}

import DeltaLog
import Storage

/// Where the log lives, relative to the table root.
public enum LogFolders {
    /// `_delta_log/`.
    public static let log = "_delta_log/"
    /// `_delta_log/_sidecars/`.
    public static let sidecars = "_delta_log/_sidecars/"
}

extension LogSegment.Checkpoint {
    /// Number of parts when multi-part, else nil.
    public var parts: Int? {
        if case .checkpoint(_, .multiPart(_, let of))? = files.first?.kind { return of }
        return nil
    }
    /// Total bytes of the checkpoint's own files (sidecars not included).
    public var sizeInBytes: Int64 { files.reduce(0) { $0 + $1.size } }
    /// Whether this is a UUID-named V2 checkpoint in JSON form.
    public var isJSON: Bool {
        if case .checkpoint(_, .uuid(_, .json))? = files.first?.kind { return true }
        return false
    }
    /// The first file's path (names the checkpoint in messages).
    public var path: String { files.first?.path ?? "" }
}

/// A `_delta_log` listing (``LogListing``) seen the way replication needs it: versions as integers, complete
/// checkpoints by version, and the earliest version from which a target version can be rebuilt. Pure.
public struct LogInventory: Sendable {
    /// The parsed listing.
    public let listing: LogListing
    /// Complete checkpoints by version (incomplete multi-part ones are left out, as readers must ignore them).
    public let checkpoints: [Int64: [LogSegment.Checkpoint]]

    /// Classifies a listing of `_delta_log/` (paths relative to the table root).
    public init(listing objects: [ObjectInfo]) {
        listing = LogListing(objects: objects)
        var byVersion: [Int64: [LogSegment.Checkpoint]] = [:]
        for c in listing.completeCheckpoints { byVersion[c.version.rawValue, default: []].append(c) }
        checkpoints = byVersion
    }

    /// The commit file of a version.
    public func commit(_ v: Int64) -> LogFile? { listing.commits[Version(v)] }
    /// The checksum file of a version.
    public func checksum(_ v: Int64) -> LogFile? { listing.checksums[Version(v)] }
    /// A sidecar by name.
    public func sidecar(named name: String) -> LogFile? {
        listing.sidecars.first { $0.kind == .sidecar(name) }
    }
    /// Compaction files `x.y.compacted.json` with their ranges.
    public var compactions: [(from: Int64, to: Int64, file: LogFile)] {
        listing.compactions.compactMap { f in
            guard case .compaction(let a, let b) = f.kind else { return nil }
            return (a.rawValue, b.rawValue, f)
        }
    }

    /// The newest version with a commit or a complete checkpoint.
    public var latestVersion: Int64? { listing.latestVersion?.rawValue }

    /// The smallest version from which `target` can be reconstructed: 0 when commits 0...target all exist,
    /// otherwise the oldest complete checkpoint at or before `target` followed by contiguous commits up to
    /// `target`. Nil when no such version exists.
    public func earliestReconstructible(upTo target: Int64) -> Int64? {
        // The lowest g such that commits g...target all exist (target + 1 when commit `target` is missing).
        var g = target + 1
        while g > 0, commit(g - 1) != nil { g -= 1 }
        if g == 0 { return 0 }
        return checkpoints.keys.filter { $0 >= g - 1 && $0 <= target }.min()
    }

    /// The preferred complete checkpoint of the newest checkpointed version at or before `version`.
    public func newestCheckpoint(atOrBefore version: Int64) -> LogSegment.Checkpoint? {
        guard let v = checkpoints.keys.filter({ $0 <= version }).max() else { return nil }
        return checkpoints[v]?.first
    }
}

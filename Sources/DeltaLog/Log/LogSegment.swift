/// The files that make up one table version (PROTOCOL.md: Checkpoints, Delta Log Entries), chosen purely from a
/// listing, with no reads.
///
/// Invariants (checked by the throwing initializers):
/// - `commits` are commit files, ascending and contiguous, with no duplicates.
/// - With a checkpoint, `commits` start at `checkpoint.version + 1`; without one they start at version 0.
/// - The last commit is `version`, or there are no commits and `checkpoint.version == version`.
/// - The checkpoint is complete: one single or UUID-named file, or parts 1...n of one multi-part checkpoint,
///   all at `checkpoint.version`.
/// - The checkpoint is the newest complete one at or before `version` (when built from a listing).
/// `_last_checkpoint` is only a hint: the listing is authoritative, a stale or broken hint is recorded in
/// `lastCheckpointHint` and otherwise ignored.
public struct LogSegment: Equatable, Sendable {
    /// A complete checkpoint: its version and files (parts in order).
    public struct Checkpoint: Equatable, Sendable {
        /// The checkpoint's version.
        public var version: Version
        /// Its files: one, or the parts of a multi-part checkpoint in order.
        public var files: [LogFile]
        /// Preference among checkpoints of one version (0 classic single, 1 multi-part, 2 UUID-named).
        var rank: Int

        /// Creates a checkpoint description; ``LogSegment/init(version:checkpoint:commits:)`` validates it.
        public init(version: Version, files: [LogFile]) {
            self.init(version: version, files: files, rank: 0)
        }

        init(version: Version, files: [LogFile], rank: Int) {
            self.version = version
            self.files = files
            self.rank = rank
        }

        /// Whether this is a V2 checkpoint top-level file named with a UUID (it may reference sidecars).
        public var isUUIDNamed: Bool {
            if case .checkpoint(_, .uuid)? = files.first?.kind { return true }
            return false
        }
    }

    /// What was made of `_last_checkpoint`.
    public enum HintStatus: Equatable, Sendable {
        /// No hint was given.
        case absent
        /// The hint names a complete listed checkpoint.
        case verified
        /// The hint names a checkpoint that is not listed, incomplete (wrong `parts`) or newer than the log.
        case stale(Version)
    }

    /// The version this segment reconstructs.
    public let version: Version
    /// The checkpoint to start from, if any.
    public let checkpoint: Checkpoint?
    /// The commits after the checkpoint, ascending and contiguous, ending at `version`.
    public let commits: [LogFile]
    /// The version checksum file of `version`, when listed.
    public var checksum: LogFile?
    /// What was made of `_last_checkpoint`.
    public var lastCheckpointHint: HintStatus = .absent

    /// Builds a segment from explicit parts, checking every invariant above except "newest checkpoint".
    /// Throws `DeltaError.missingCommits` for gaps and `DeltaError.invalidCheckpoint` for an incomplete checkpoint.
    public init(version: Version, checkpoint: Checkpoint?, commits: [LogFile]) throws {
        if let checkpoint { try Self.validate(checkpoint) }
        var expected: Int64 = checkpoint.map { $0.version.rawValue + 1 } ?? 0
        for c in commits {
            guard case .commit(let v) = c.kind else {
                throw DeltaError.malformedLog(file: c.path, line: nil, byteOffset: nil, reason: "not a commit file")
            }
            if v.rawValue != expected {
                if v.rawValue > expected { throw DeltaError.missingCommits(from: expected, to: v.rawValue - 1) }
                throw DeltaError.malformedLog(file: c.path, line: nil, byteOffset: nil,
                                              reason: "commit \(v) out of order (expected \(expected))")
            }
            expected += 1
        }
        let last = expected - 1
        guard last == version.rawValue else {
            if last < version.rawValue { throw DeltaError.missingCommits(from: last + 1, to: version.rawValue) }
            throw DeltaError.malformedLog(file: commits.last?.path ?? "_delta_log", line: nil, byteOffset: nil,
                                          reason: "segment ends at \(last), not at the requested version \(version)")
        }
        self.version = version
        self.checkpoint = checkpoint
        self.commits = commits
    }

    /// Chooses the segment for `version` (nil: the latest) from a listing: the newest complete checkpoint at or
    /// before it, then the contiguous commits after it.
    /// - Throws: `DeltaError.notATable` for an empty log; `DeltaError.versionNotFound` (with the earliest and latest
    ///   versions) outside the reconstructable range; `DeltaError.missingCommits` for a gap.
    public init(listing: LogListing, version requested: Version? = nil, lastCheckpoint hint: LastCheckpoint? = nil,
                location: String = "table") throws {
        guard let latest = listing.latestVersion else { throw DeltaError.notATable(location: location) }
        let earliest = listing.earliestVersion ?? 0
        let target = requested ?? latest
        guard target.rawValue >= 0, target <= latest else {
            throw DeltaError.versionNotFound(requested: target.rawValue, earliest: earliest.rawValue, latest: latest.rawValue)
        }
        let cp = listing.completeCheckpoints.first { $0.version <= target }
        let start: Int64 = cp.map { $0.version.rawValue + 1 } ?? 0
        if cp == nil && listing.commits[0] == nil {
            throw DeltaError.versionNotFound(requested: target.rawValue, earliest: earliest.rawValue, latest: latest.rawValue)
        }
        var commits: [LogFile] = []
        commits.reserveCapacity(Int(max(0, target.rawValue - start + 1)))
        var v = start
        while v <= target.rawValue {
            guard let f = listing.commits[Version(v)] else {
                let next = listing.commitVersions.first { $0.rawValue > v }.map { min($0.rawValue - 1, target.rawValue) }
                throw DeltaError.missingCommits(from: v, to: next ?? target.rawValue)
            }
            commits.append(f)
            v += 1
        }
        try self.init(version: target, checkpoint: cp, commits: commits)
        checksum = listing.checksums[target]
        if let hint {
            let listed = listing.completeCheckpoints.first { cp in
                cp.version == hint.version && (hint.parts.map { $0 == cp.files.count } ?? true)
            }
            lastCheckpointHint = listed != nil ? .verified : .stale(hint.version)
        }
    }

    private static func validate(_ cp: Checkpoint) throws {
        guard let first = cp.files.first else {
            throw DeltaError.invalidCheckpoint(file: "_delta_log", reason: "checkpoint \(cp.version) has no files")
        }
        for f in cp.files {
            guard case .checkpoint(let v, _) = f.kind, v == cp.version else {
                throw DeltaError.invalidCheckpoint(file: f.path, reason: "not a checkpoint file of version \(cp.version)")
            }
        }
        switch first.kind {
        case .checkpoint(_, .multiPart(_, let of)):
            let parts = cp.files.map { f -> Int in
                if case .checkpoint(_, .multiPart(let p, let n)) = f.kind, n == of { return p }
                return -1
            }
            guard parts == Array(1...of) else {
                throw DeltaError.invalidCheckpoint(file: first.path, reason: "multi-part checkpoint \(cp.version) is incomplete: has parts \(parts) of \(of)")
            }
        default:
            guard cp.files.count == 1 else {
                throw DeltaError.invalidCheckpoint(file: first.path, reason: "a single-file checkpoint must have one file")
            }
        }
    }
}

import Storage

/// A Delta table at a storage root: lists its log, chooses segments and loads snapshots.
///
/// ```swift
/// let table = DeltaTable(storage: try LocalStorage(path: "/data/t"))
/// let snap = try table.snapshot()            // latest
/// let old = try table.snapshot(at: 3)        // time travel by version
/// ```
public struct DeltaTable: Sendable {
    /// The table's storage root.
    public let storage: Storage
    /// Parses commit files in parallel on this many threads (1 disables parallelism).
    public var parallelism: Int

    /// Opens the table stored at `storage`'s root.
    public init(storage: Storage, parallelism: Int = 2) {
        self.storage = storage
        self.parallelism = max(1, parallelism)
    }

    /// Lists and parses `_delta_log/`.
    public func listing() throws -> LogListing {
        do { return LogListing(objects: try storage.list(prefix: "_delta_log/")) } catch { throw DeltaError.storage(error) }
    }

    /// The newest version of the table. Throws `DeltaError.notATable` for an empty or missing log.
    public func latestVersion() throws -> Version {
        guard let v = try listing().latestVersion else { throw DeltaError.notATable(location: storage.rootURI) }
        return v
    }

    /// The `_last_checkpoint` hint, or nil when absent or broken (a broken hint is ignored, never fatal).
    public func lastCheckpointHint(_ listing: LogListing) -> LastCheckpoint? {
        guard listing.hasLastCheckpoint, let bytes = try? storage.read("_delta_log/_last_checkpoint") else { return nil }
        return try? LastCheckpoint(bytes: bytes)
    }

    /// The segment for `version` (nil: latest).
    public func segment(at version: Version? = nil) throws -> LogSegment {
        let l = try listing()
        return try LogSegment(listing: l, version: version, lastCheckpoint: lastCheckpointHint(l), location: storage.rootURI)
    }

    /// Loads the snapshot at `version` (nil: the latest), refusing tables with reader features deltactl does not
    /// support. When the chosen checkpoint cannot be read, older checkpoints (or the commits from version 0) are
    /// tried before giving up with the checkpoint's error.
    public func snapshot(at version: Version? = nil) throws -> Snapshot {
        if version == nil, let partial = try listingFromLastCheckpoint() {
            do { return try snapshot(at: nil, listing: partial) } catch DeltaError.invalidCheckpoint {
                // The hinted checkpoint is unreadable: older checkpoints or the commits are needed, which only
                // the full listing has.
            }
        }
        return try snapshot(at: version, listing: try listing())
    }

    /// The log listed from the `_last_checkpoint` hint's version on (PROTOCOL.md: Last Checkpoint File): what
    /// the latest snapshot needs, without stating every older commit (delta-kernel-rs lists the same way).
    /// Nil when there is no usable hint or the hinted checkpoint is not complete in the listing: then the caller
    /// lists everything.
    func listingFromLastCheckpoint() throws -> LogListing? {
        guard let bytes = try? storage.read("_delta_log/_last_checkpoint"),
              let hint = try? LastCheckpoint(bytes: bytes) else { return nil }
        let objects: [ObjectInfo]
        do {
            objects = try storage.list(prefix: "_delta_log/", startingAt: "_delta_log/" + hint.version.paddedName)
        } catch {
            throw DeltaError.storage(error)
        }
        let partial = LogListing(objects: objects)
        guard partial.hasLastCheckpoint,
              partial.completeCheckpoints.contains(where: { $0.version == hint.version }) else { return nil }
        return partial
    }

    /// Replays exactly `segment` (its checkpoint, then its commits) into a snapshot: no fallback to an older
    /// checkpoint when this one is unreadable, and no read gate (call `configuration.ensureReadable()` before
    /// reading data). For integrity checks that compare one way of reaching a version with another.
    /// - Throws: `DeltaError.invalidCheckpoint` for an unreadable checkpoint, `DeltaError.malformedLog` for a commit,
    ///   `DeltaError.missingProtocolOrMetadata` when the segment has no protocol or metaData.
    public func snapshot(of segment: LogSegment, listing: LogListing) throws -> Snapshot {
        try SegmentLoader(storage: storage, parallelism: parallelism).load(segment, listing: listing)
    }

    func snapshot(at version: Version?, listing: LogListing) throws -> Snapshot {
        var l = listing
        let hint = lastCheckpointHint(l)
        var firstError: Error?
        while true {
            let segment: LogSegment
            do {
                segment = try LogSegment(listing: l, version: version, lastCheckpoint: hint, location: storage.rootURI)
            } catch {
                throw firstError ?? error
            }
            do {
                let snap = try SegmentLoader(storage: storage, parallelism: parallelism).load(segment, listing: l)
                try snap.configuration.ensureReadable()
                return snap
            } catch let e as DeltaError {
                guard case .invalidCheckpoint = e, let cp = segment.checkpoint else { throw e }
                if firstError == nil { firstError = e }
                l = l.removingCheckpoint(cp)
            }
        }
    }
}

extension LogListing {
    /// This listing without the files of `checkpoint` (used to fall back to an older one).
    public func removingCheckpoint(_ checkpoint: LogSegment.Checkpoint) -> LogListing {
        var files: [LogFile] = Array(commits.values) + Array(checksums.values) + compactions + sidecars
        for (_, cps) in checkpoints { files += cps.filter { !checkpoint.files.contains($0) } }
        var l = LogListing(files)
        l.hasLastCheckpointFlag(hasLastCheckpoint)
        return l
    }
}

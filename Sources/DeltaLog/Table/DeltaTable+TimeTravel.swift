import Storage

extension DeltaTable {
    /// The commit timestamp of each listed commit at or after the earliest reconstructable version, ascending
    /// (PROTOCOL.md: In-Commit Timestamps). With in-commit timestamps on, versions from the enablement version
    /// use `commitInfo.inCommitTimestamp`; other versions use the file modification time, made strictly
    /// increasing as Spark does (a time not after its predecessor's becomes the predecessor's plus 1 ms).
    public func commitTimestamps(_ listing: LogListing) throws -> [(version: Version, timestamp: Int64)] {
        let earliest = listing.earliestVersion ?? 0
        let versions = listing.commitVersions.filter { $0 >= earliest }
        guard let latest = versions.last else { return [] }
        let latestSnap = try snapshot(at: latest, listing: listing)
        let ictFrom: Version? = latestSnap.configuration.inCommitTimestampsEnabled
            ? (latestSnap.configuration.inCommitTimestampEnablementVersion ?? 0) : nil
        let loader = SegmentLoader(storage: storage, parallelism: parallelism)
        var out: [(version: Version, timestamp: Int64)] = []
        out.reserveCapacity(versions.count)
        var previous = Int64.min
        for v in versions {
            guard let file = listing.commits[v] else { continue }
            var ts = file.modifiedMillis
            if let ictFrom, v >= ictFrom {
                guard let ict = try loader.commitInfo(of: file)?["inCommitTimestamp"]?.int64Value else {
                    throw DeltaError.invalidAction(file: file.path, line: nil,
                                                   reason: "in-commit timestamps are on but commitInfo.inCommitTimestamp is missing")
                }
                ts = ict
            } else if ts <= previous {
                ts = previous + 1
            }
            out.append((v, ts))
            previous = ts
        }
        return out
    }

    /// The snapshot of the newest version committed at or before `millis` (ms since the epoch). A time after
    /// the latest commit gives the latest version; a time before the earliest reconstructable commit throws
    /// `DeltaError.timestampOutOfRange`.
    public func snapshot(atTimestamp millis: Int64) throws -> Snapshot {
        let l = try listing()
        guard l.latestVersion != nil else { throw DeltaError.notATable(location: storage.rootURI) }
        let stamps = try commitTimestamps(l)
        guard let first = stamps.first else { throw DeltaError.notATable(location: storage.rootURI) }
        guard millis >= first.timestamp else {
            throw DeltaError.timestampOutOfRange(
                requested: DeltaTimestamp.format(millis: millis),
                reason: "the earliest available version \(first.version) was committed at \(DeltaTimestamp.format(millis: first.timestamp))")
        }
        // Binary search: the last index with timestamp <= millis.
        var lo = 0, hi = stamps.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if stamps[mid].timestamp <= millis { lo = mid } else { hi = mid - 1 }
        }
        return try snapshot(at: stamps[lo].version, listing: l)
    }
}

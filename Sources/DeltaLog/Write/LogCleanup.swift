import Storage

/// Metadata cleanup (PROTOCOL.md: Metadata Cleanup; Spark `MetadataCleanup`): deletes commit, checkpoint, checksum and
/// compaction files that are older than `delta.logRetentionDuration` and lie before the newest checkpoint whose own
/// version is expired. What that checkpoint and every later version need is never deleted, so every version newer
/// than the retention boundary stays readable and time-travelable.
public enum LogCleanup {
    /// What a cleanup would delete, and why it stops where it stops.
    public struct Plan: Equatable, Sendable {
        /// The checkpoint version that becomes the oldest reconstructible version (nil: nothing to delete).
        public var boundary: Version?
        /// Files to delete, oldest version first (deleting in this order keeps the log a contiguous suffix).
        public var deletions: [LogFile]
    }

    /// Plans a cleanup from a listing. Pure.
    /// - Parameters:
    ///   - cutoffMillis: files modified at or before this instant are expired (now minus the retention).
    public static func plan(listing: LogListing, cutoffMillis: Int64) -> Plan {
        // The boundary: the newest complete checkpoint whose version is itself expired (its commit, or else its
        // checkpoint files, modified at or before the cutoff).
        var boundary: Version?
        for cp in listing.completeCheckpoints {
            let stamp = listing.commits[cp.version]?.modifiedMillis ?? cp.files.map(\.modifiedMillis).max() ?? Int64.max
            if stamp <= cutoffMillis { boundary = cp.version; break }
        }
        guard let boundary else { return Plan(boundary: nil, deletions: []) }
        var files: [LogFile] = []
        for c in listing.commits.values where c.kind.version.map({ $0 < boundary }) == true { files.append(c) }
        for (v, parts) in listing.checkpoints where v < boundary { files += parts }
        for (v, crc) in listing.checksums where v < boundary { files.append(crc) }
        for f in listing.compactions where f.kind.version.map({ $0 < boundary }) == true { files.append(f) }
        let expired = files.filter { $0.modifiedMillis <= cutoffMillis }
        let ordered = expired.sorted { a, b in
            let (va, vb) = (a.kind.version ?? 0, b.kind.version ?? 0)
            return va != vb ? va < vb : rank(a.kind) < rank(b.kind) || (rank(a.kind) == rank(b.kind) && a.path < b.path)
        }
        return Plan(boundary: boundary, deletions: ordered)
    }

    // Within a version: checksum and compaction first, the commit next, the checkpoint last.
    private static func rank(_ kind: LogPath) -> Int {
        switch kind {
        case .checksum: return 0
        case .compaction: return 1
        case .commit: return 2
        default: return 3
        }
    }

    /// Runs a cleanup on a table: honours `delta.enableExpiredLogCleanup` and `delta.logRetentionDuration` from
    /// `configuration`. Returns the plan that was carried out.
    @discardableResult
    public static func run(storage: Storage, configuration: [String: String], nowMillis: Int64) throws -> Plan {
        let props = TableProperties(configuration)
        guard props.expiredLogCleanupEnabled else { return Plan(boundary: nil, deletions: []) }
        let listing: LogListing
        do { listing = LogListing(objects: try storage.list(prefix: "_delta_log/")) } catch let e as StorageError {
            throw DeltaError.storage(e)
        }
        let plan = plan(listing: listing, cutoffMillis: nowMillis - props.logRetentionMillis)
        for f in plan.deletions {
            do { try storage.delete(f.path) } catch let e as StorageError { throw DeltaError.storage(e) }
        }
        return plan
    }
}

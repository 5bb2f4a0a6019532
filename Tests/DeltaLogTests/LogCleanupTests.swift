import Storage
import Testing
@testable import DeltaLog

/// Metadata cleanup: expired files before the newest expired checkpoint go; what it and later versions need stays.
struct LogCleanupTests {
    static let day: Int64 = 86_400_000

    /// A log of commits 0...n with version v modified on day v, checkpoints at `checkpoints`, crc at every version.
    static func listing(commits n: Int64, checkpoints: [Int64], multiPart: Int64? = nil) -> LogListing {
        var files: [LogFile] = []
        for v in 0...n {
            let ver = Version(v)
            files.append(LogFile(kind: .commit(ver), path: ver.commitPath, size: 10, modifiedMillis: v * day))
            files.append(LogFile(kind: .checksum(ver), path: VersionChecksum.path(for: ver), size: 10, modifiedMillis: v * day))
        }
        for c in checkpoints {
            let kind = LogPath.checkpoint(Version(c), .single)
            files.append(LogFile(kind: kind, path: kind.tablePath ?? "", size: 10, modifiedMillis: c * day + 1))
        }
        if let m = multiPart {  // an incomplete multi-part checkpoint (part 1 of 2 only)
            let kind = LogPath.checkpoint(Version(m), .multiPart(part: 1, of: 2))
            files.append(LogFile(kind: kind, path: kind.tablePath ?? "", size: 10, modifiedMillis: m * day + 1))
        }
        return LogListing(files)
    }

    @Test func deletesBeforeTheNewestExpiredCheckpoint() {
        // Commits 0...40 (day v), checkpoints at 10, 20, 30; cutoff at day 25: boundary is checkpoint 20.
        let plan = LogCleanup.plan(listing: Self.listing(commits: 40, checkpoints: [10, 20, 30]), cutoffMillis: 25 * Self.day)
        #expect(plan.boundary == 20)
        let versions = Set(plan.deletions.compactMap(\.version))
        #expect(versions == Set((0..<20).map { Version($0) }))
        #expect(!plan.deletions.contains { $0.kind == .checkpoint(20, .single) || $0.kind == .commit(20) })
        #expect(plan.deletions.contains { $0.kind == .checkpoint(10, .single) })
        #expect(plan.deletions.count == 20 * 2 + 1)
        // Ascending order: the remaining log is always a contiguous suffix.
        let order = plan.deletions.compactMap(\.version)
        #expect(order == order.sorted())
    }

    @Test func nothingWhenNoCheckpointIsExpired() {
        let plan = LogCleanup.plan(listing: Self.listing(commits: 40, checkpoints: [30]), cutoffMillis: 25 * Self.day)
        #expect(plan.boundary == nil && plan.deletions.isEmpty)
        let none = LogCleanup.plan(listing: Self.listing(commits: 40, checkpoints: []), cutoffMillis: 100 * Self.day)
        #expect(none.deletions.isEmpty)
    }

    @Test func incompleteCheckpointIsNeverTheBoundary() {
        let plan = LogCleanup.plan(listing: Self.listing(commits: 40, checkpoints: [10], multiPart: 20), cutoffMillis: 25 * Self.day)
        #expect(plan.boundary == 10)
        #expect(!plan.deletions.contains { $0.version.map { $0 >= 10 } ?? true })
    }

    @Test func runDeletesOnStorageAndHonoursRetention() throws {
        let storage = MemoryStorage()
        for v in 0...12 as ClosedRange<Int64> { try storage.put(Version(v).commitPath, Array("{}".utf8)) }
        try storage.put("_delta_log/00000000000000000010.checkpoint.parquet", [1])
        try storage.put("_delta_log/_last_checkpoint", Array(#"{"version":10,"size":1}"#.utf8))
        let now = try storage.head(Version(12).commitPath).modifiedMillis
        // Within the default 30 days: nothing goes.
        #expect(try LogCleanup.run(storage: storage, configuration: [:], nowMillis: now).deletions.isEmpty)
        // Disabled: nothing goes.
        let off = ["delta.logRetentionDuration": "interval 0 seconds", "delta.enableExpiredLogCleanup": "false"]
        #expect(try LogCleanup.run(storage: storage, configuration: off, nowMillis: now + 1).deletions.isEmpty)
        // Zero retention: everything before checkpoint 10 goes.
        let plan = try LogCleanup.run(storage: storage, configuration: ["delta.logRetentionDuration": "interval 0 seconds"],
                                      nowMillis: now + 1)
        #expect(plan.boundary == 10)
        let left = try storage.list(prefix: "_delta_log/").map(\.path)
        #expect(left.count == 5)  // commits 10, 11, 12, the checkpoint and _last_checkpoint
        #expect(try storage.exists("_delta_log/00000000000000000010.checkpoint.parquet"))
        #expect(try !storage.exists(Version(9).commitPath))
    }
}

/// The post-commit cleanup: after a checkpoint at the interval, expired log files before it are deleted.
struct LogCleanupAfterCommitTests {
    @Test func checkpointCommitCleansUpExpiredLog() throws {
        let storage = MemoryStorage()
        let config = ["delta.checkpointInterval": "2", "delta.logRetentionDuration": "interval 0 seconds"]
        var clock: Int64 = 1_700_000_000_000
        var deleted: [Int] = []
        for i in 0...4 {
            let txn = try DeltaTable(storage: storage).startTransaction(operation: i == 0 ? "CREATE TABLE" : "WRITE")
            txn.now = { clock }
            if i == 0 { txn.updateMetadata(WriteFixtures.metadata(config)) }
            txn.add(WriteFixtures.add("f\(i).parquet"))
            guard case .committed(_, _, let report) = try txn.commit() else { Issue.record("commit \(i)"); return }
            #expect(report.warnings.isEmpty, "\(report.warnings)")
            deleted.append(report.deletedLogFiles)
            clock += 60_000
        }
        // MemoryStorage reports modification time 0, so with zero retention everything before a checkpoint expires.
        #expect(deleted[2] > 0 && deleted[4] > 0, "\(deleted)")
        let left = try storage.list(prefix: "_delta_log/").map(\.path)
        #expect(!left.contains(Version(1).commitPath) && left.contains(Version(4).commitPath), "\(left)")
        let snap = try DeltaTable(storage: storage).snapshot()
        #expect(snap.version == 4 && snap.numFiles == 5)
    }
}

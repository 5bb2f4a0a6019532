import Foundation
import Storage
import Testing
import TestSupport
@testable import DeltaLog

/// A storage failure at any write of a commit sequence (commit, checksum, checkpoint, _last_checkpoint) leaves the
/// table readable at a consistent version, and retrying (idempotent through txn appId) converges to the same table.
struct CommitFaultTests {
    static let appends = 4

    /// Runs the job: create the table, then `appends` appends each tagged txn("job", i); every failed step is
    /// retried once on a fresh snapshot. Returns the errors seen.
    static func runJob(_ storage: Storage, verify: Storage) throws -> [String] {
        var errors: [String] = []
        let table = DeltaTable(storage: storage)
        func attempt(_ step: String, _ body: () throws -> Void) throws {
            do { try body() } catch {
                errors.append("\(step): \(error)")
                // After any failure the table is readable (by a reader on the undisturbed storage) at a version.
                if try DeltaTable(storage: verify).listing().latestVersion != nil {
                    let snap = try DeltaTable(storage: verify).snapshot()
                    #expect(snap.numFiles == Int(snap.version.rawValue), "files match the version after \(step)")
                }
                try body()
            }
        }
        try attempt("create") {
            let txn = try table.startTransaction(operation: "CREATE TABLE")
            if txn.readState.version == nil {
                txn.updateMetadata(WriteFixtures.metadata(["delta.checkpointInterval": "2"]))
                _ = try txn.commitOrThrow()
            }
        }
        for i in 1...appends {
            try attempt("append \(i)") {
                let txn = try table.startTransaction()
                txn.setAppTransaction(appId: "job", version: Int64(i))
                txn.add(WriteFixtures.add("part-\(i).parquet"))
                _ = try txn.commitOrThrow()
            }
        }
        return errors
    }

    @Test func failingTheKthWriteLeavesAConsistentTableAndRetryConverges() throws {
        // Count the writes of an undisturbed run.
        let clean = MemoryStorage()
        let counter = FaultInjectingStorage(clean, failingWrite: Int.max)
        #expect(try Self.runJob(counter, verify: clean).isEmpty)
        let totalWrites = counter.writeCount
        #expect(totalWrites >= 2 * (Self.appends + 1), "commit and checksum per version")
        let expected = try DeltaTable(storage: clean).snapshot()
        var failedRuns = 0
        for k in 1...totalWrites {
            let base = MemoryStorage()
            let faulty = FaultInjectingStorage(base, failingWrite: k)
            let errors = try Self.runJob(faulty, verify: base)
            if !errors.isEmpty { failedRuns += 1 }
            let snap = try DeltaTable(storage: base).snapshot()
            #expect(snap.version == expected.version, "k=\(k): \(errors)")
            #expect(Set(snap.activeFiles.map(\.path)) == Set(expected.activeFiles.map(\.path)), "k=\(k)")
            #expect(snap.txnVersions == ["job": Int64(Self.appends)], "k=\(k)")
        }
        #expect(failedRuns >= Self.appends + 1, "every commit write failed once and was retried")
    }
}

/// The same failures on a local table, stopping at the first one (as a killed process would): delta-rs then reads
/// every resulting table at a consistent version. Referee: delta-rs.
struct CommitFaultRefereeTests {
    static let verify = """
    import os, sys, json, pyarrow as pa
    from deltalake import DeltaTable
    out = []
    for path in sys.argv[1:]:
        dt = DeltaTable(path)
        out.append([dt.version(), len(pa.table(dt.get_add_actions(flatten=True)))])
    print(json.dumps(out), flush=True)
    os._exit(0)
    """

    @Test func tablesLeftByAFailedWriteAreReadableByDeltaRs() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let clean = MemoryStorage()
        let counter = FaultInjectingStorage(clean, failingWrite: Int.max)
        _ = try CommitFaultTests.runJob(counter, verify: clean)
        var paths: [String] = []
        var stoppedAt: [Int64] = []
        for k in 1...counter.writeCount {
            let path = root.appending("k\(k)")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let faulty = FaultInjectingStorage(LocalStorage(path: path), failingWrite: k)
            let table = DeltaTable(storage: faulty)
            do {
                let create = try table.startTransaction(operation: "CREATE TABLE")
                create.updateMetadata(WriteFixtures.metadata(["delta.checkpointInterval": "2"]))
                _ = try create.commitOrThrow()
                for i in 1...CommitFaultTests.appends {
                    let txn = try table.startTransaction()
                    txn.add(WriteFixtures.add("part-\(i).parquet"))
                    _ = try txn.commitOrThrow()
                }
            } catch {}
            // deltactl reads it (nothing at all when the very first commit failed).
            if let v = try DeltaTable(storage: LocalStorage(path: path)).listing().latestVersion {
                let snap = try DeltaTable(storage: LocalStorage(path: path)).snapshot()
                #expect(snap.version == v && snap.numFiles == Int(v.rawValue), "k=\(k)")
                paths.append(path)
                stoppedAt.append(v.rawValue)
            }
        }
        #expect(Set(stoppedAt).count > 2, "failures stopped the job at several versions: \(stoppedAt)")
        guard let r = try ProcessRunner.python(Self.verify, paths) else {
            #expect(!ProjectPaths.isCI, "the referee venv is required in CI")
            return
        }
        try #require(r.status == 0, "\(r.stderr)")
        let seen = try JSONParser.parse(r.stdout).arrayValue ?? []
        #expect(seen.count == paths.count)
        for (i, entry) in seen.enumerated() {
            let pair = entry.arrayValue?.compactMap(\.int64Value) ?? []
            #expect(pair == [stoppedAt[i], stoppedAt[i]], "\(paths[i]): delta-rs saw \(pair)")
        }
    }
}

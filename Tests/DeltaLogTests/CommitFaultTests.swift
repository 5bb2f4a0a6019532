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

import DeltaLog
import Foundation
import Storage
import Testing
import TestSupport

/// A write (data file, commit, checksum) that fails at the k-th storage write, for every k, once or from then on (a
/// full disk): the table stays readable at the old or the new version with every file present, and retrying the
/// operation with the same application transaction id converges to exactly one commit.
@Suite struct TransactionFaultTests {
    /// Writes one data file and commits it, as an ingest would; appId makes retries idempotent.
    static func appendOnce(_ storage: Storage, root: String) throws -> CommitOutcome {
        let snap = try DeltaTable(storage: storage).snapshot()
        let state = TransactionReadState(version: snap.version, protocol: snap.protocolAction, metadata: snap.metadata,
                                         appTransactions: snap.txnVersions)
        if let have = state.appTransactions["rob-ingest"], have >= 1 {
            return .alreadyCommitted(appId: "rob-ingest", tableAppVersion: have)
        }
        try storage.put("part-new-c000.snappy.parquet", TinyParquet.bytes)
        let txn = Transaction(storage: storage, readState: state, operation: "WRITE",
                              operationParameters: [("mode", .string("Append"))])
        txn.setAppTransaction(appId: "rob-ingest", version: 1)
        txn.add(AddFile(path: "part-new-c000.snappy.parquet", size: Int64(TinyParquet.bytes.count),
                        modificationTime: 1_700_000_000_000, stats: #"{"numRecords":2}"#))
        return try txn.commit()
    }

    @Test(arguments: [false, true])
    func everyFailingWriteLeavesTableConsistent(_ fullDisk: Bool) throws {
        let dir = try TemporaryDirectory(prefix: "rob-fault-txn")
        let probe = try TinyTable.create(at: dir.appending("probe"), versions: 2)
        let counter = FaultInjectingStorage(LocalStorage(path: probe.root), failingWrite: .max)
        #expect(try Self.appendOnce(counter, root: probe.root).committedVersion == Version(2))
        let writes = counter.writeCount
        #expect(writes >= 2)

        var finals: [String] = []
        for k in 1...(writes + 1) {
            let t = try TinyTable.create(at: dir.appending("t-\(k)"), versions: 2)
            let faulty = FaultInjectingStorage(LocalStorage(path: t.root), failingWrite: k, failAllAfter: fullDisk)
            do {
                _ = try Self.appendOnce(faulty, root: t.root)
            } catch let e as DeltaError {
                #expect("\(e)".contains("injected") || "\(e)".contains("part-new") || "\(e)".contains(".json"),
                        "k=\(k): the error does not say what failed: \(e)")
            } catch let e as StorageError {
                #expect("\(e)".contains("part-new"), "k=\(k): \(e)")
            }
            let state = TableCheck.consistent(t.root)
            #expect(state?.version == 1 || state?.version == 2, "k=\(k): \(String(describing: state))")
            // Retry on a healthy disk: converges to exactly one commit of the file.
            let outcome = try Self.appendOnce(LocalStorage(path: t.root), root: t.root)
            if state?.version == 2 {
                #expect(outcome == .alreadyCommitted(appId: "rob-ingest", tableAppVersion: 1), "k=\(k): \(outcome)")
            } else {
                #expect(outcome.committedVersion == Version(2), "k=\(k): \(outcome)")
            }
            let after = TableCheck.consistent(t.root)
            #expect(after == TableCheck.State(version: 2, files: 3, rows: 6), "k=\(k): \(String(describing: after))")
            finals.append(t.root)
        }
        if let reads = try Referee.read(finals) {
            for (p, r) in zip(finals, reads) { #expect(r.version == 2 && r.rows == 6 && r.filesPresent, "\(p): \(r)") }
        } else { #expect(!ProjectPaths.isCI, "\(Referee.skipMessage())") }
    }
}

import DeltaLog
import Foundation
import Storage
import Testing
import TestSupport

/// Checkpoint writing (single file and multi-part) whose k-th write fails, for every k, once or from then on (a full
/// disk): the table keeps reading at its version with every file, by deltactl and delta-rs (a partial multi-part
/// checkpoint must be ignored), and writing the checkpoint again succeeds.
@Suite struct CheckpointFaultTests {
    @Test(arguments: [(1_000_000, false), (1_000_000, true), (5, false), (5, true)])
    func everyFailingWrite(_ c: (partSize: Int, fullDisk: Bool)) throws {
        let dir = try TemporaryDirectory(prefix: "rob-fault-cp")
        let probe = try TinyTable.create(at: dir.appending("probe"), versions: 6, filesPerVersion: 2)
        let counter = FaultInjectingStorage(LocalStorage(path: probe.root), failingWrite: .max)
        try CheckpointWriter(storage: counter, maxActionsPerPart: c.partSize).checkpoint()
        let writes = counter.writeCount
        #expect(writes >= 2)

        var tables: [String] = []
        for k in 1...writes {
            let t = try TinyTable.create(at: dir.appending("t-\(k)"), versions: 6, filesPerVersion: 2)
            let faulty = FaultInjectingStorage(LocalStorage(path: t.root), failingWrite: k, failAllAfter: c.fullDisk)
            do { try CheckpointWriter(storage: faulty, maxActionsPerPart: c.partSize).checkpoint() } catch {
                #expect(!"\(error)".isEmpty)
            }
            let state = TableCheck.consistent(t.root)
            #expect(state == TableCheck.State(version: 5, files: 12, rows: 24), "k=\(k) \(c): \(String(describing: state))")
            tables.append(t.root)
        }
        if let reads = try Referee.read(tables) {
            for (p, r) in zip(tables, reads) {
                #expect(r.version == 5 && r.rows == 24 && r.filesPresent, "\(p) \(c): \(r)")
            }
        } else { #expect(!ProjectPaths.isCI, "\(Referee.skipMessage())") }
        print("checkpoint fault injection (part size \(c.partSize), full disk \(c.fullDisk)): \(writes) writes, each failed once")
        for p in tables {
            try CheckpointWriter(storage: LocalStorage(path: p), maxActionsPerPart: c.partSize).checkpoint()
            #expect(TableCheck.consistent(p)?.files == 12)
        }
    }
}

import DeltaLog
import Foundation
import Replication
import Storage
import Testing
import TestSupport

/// Replication whose replica fails at the k-th write, for every k, once or from then on (a full disk): the replica
/// is never a table at a version whose files it lacks, the source is untouched, and rerunning converges to a replica
/// that the verifier accepts.
@Suite struct ReplicationFaultTests {
    static func options() -> ReplicationOptions {
        var o = ReplicationOptions()
        o.parallelism = 2
        o.lockStaleAfter = 0  // the failed run's lock (same process) may be taken over at once
        o.deltactlVersion = "robustness"
        return o
    }

    @Test(arguments: [false, true])
    func everyFailingWriteThenRerun(_ fullDisk: Bool) throws {
        let dir = try TemporaryDirectory(prefix: "rob-fault-repl")
        let source = try TinyTable.create(at: dir.appending("src"), versions: 4, filesPerVersion: 2)
        let src = LocalStorage(path: source.root)
        let counter = FaultInjectingStorage(LocalStorage(path: dir.appending("probe")), failingWrite: .max)
        _ = try Replicator(source: src, target: counter, options: Self.options()).run()
        let writes = counter.writeCount
        let before = snapshots([source.root])

        for k in 1...writes {
            let root = dir.appending("replica-\(k)")
            let faulty = FaultInjectingStorage(LocalStorage(path: root), failingWrite: k, failAllAfter: fullDisk)
            do {
                _ = try Replicator(source: src, target: faulty, options: Self.options()).run()
            } catch let e as ReplicationError {
                #expect(!"\(e)".isEmpty)
            }
            if let state = TableCheck.consistent(root) {
                #expect(state.version <= source.version, "k=\(k)")
            }
            _ = try Replicator(source: src, target: LocalStorage(path: root), options: Self.options()).run()
            let report = try Verifier(source: src, replica: LocalStorage(path: root), parallelism: 2).run()
            #expect(report.ok, "k=\(k) (fullDisk \(fullDisk)): \(report.text)")
            #expect(TableCheck.consistent(root)?.version == source.version)
        }
        expectUnchanged(before)
    }
}

import DeltaLog
import Foundation
import Replication
import Storage
import TestSupport
import Testing

/// A replicate interrupted at any write (the k-th write fails, or every write from the k-th on fails, as when the
/// process dies) leaves a replica that a reader can read completely at some version at most N, and the next run
/// finishes it.
@Suite struct KillResumeTests {
    /// Asserts that the replica is readable: empty, or reconstructible at its latest version with every live file present.
    static func assertReadable(_ replica: Storage, atMost n: Int64, _ note: String) {
        do {
            let plan = try ReplicationPlanner(source: replica).plan()
            #expect(plan.toVersion <= n, "\(note): replica went past \(n)")
        } catch ReplicationError.notATable {
            // Nothing published yet: a reader sees no table, never a broken one.
        } catch {
            Issue.record("\(note): replica not readable: \(error)")
        }
    }

    static func run(_ src: Storage, _ dst: Storage, version: Int64?, staleAfter: Double = 300) throws -> ReplicationReport {
        var o = ReplicationTestKit.options(version: version)
        o.lockStaleAfter = staleAfter
        return try Replicator(source: src, target: dst, options: o).run()
    }

    static func killEverywhere(source src: Storage, version n: Int64?, modes: [Bool] = [false, true], makeTarget: () throws -> (Storage, () -> Void)) throws {
        let (probeBase, cleanupProbe) = try makeTarget()
        let probe = FaultInjectingStorage(probeBase, failingWrite: Int.max)
        _ = try run(src, probe, version: n)
        cleanupProbe()
        let writes = probe.writeCount
        #expect(writes > 3)
        let target = try n ?? ReplicationPlanner(source: src).plan().toVersion
        for failAll in modes {
            for k in 1...writes {
                let (base, cleanup) = try makeTarget()
                defer { cleanup() }
                let faulty = FaultInjectingStorage(base, failingWrite: k, failAllAfter: failAll)
                _ = try? run(src, faulty, version: n)
                assertReadable(base, atMost: target, "fault at write \(k) (all after: \(failAll))")
                // The next run (the dead run's lock, if left, is stale) converges.
                _ = try run(src, base, version: n, staleAfter: -1)
                let verdict = try Verifier(source: src, replica: base, version: target).run()
                #expect(verdict.ok, "fault at write \(k): \(verdict.text)")
                let again = try run(src, base, version: n)
                #expect(again.dataCopied.files == 0 && again.logCopied.files == 0)
            }
        }
    }

    @Test func syntheticTableConvergesAfterAFaultAtEveryWrite() throws {
        let src = MemoryStorage()
        _ = try ReplicatorTests.makeSource(src)
        try Self.killEverywhere(source: src, version: 2) { (MemoryStorage(), {}) }
    }

    @Test(arguments: ["delta-rs/checkpoint-v2-table", "delta-rs/table-with-dv-small", "spark-golden/multi-part-checkpoint"])
    func fixtureConvergesAfterAFaultAtEveryWrite(_ table: String) throws {
        guard let path = ReplicationTestKit.fixture(table) else { return }
        let src = LocalStorage(path: path)
        // Local disks fsync every publish: only the process-death mode (every write from the k-th on fails) here.
        try Self.killEverywhere(source: src, version: nil, modes: [true]) {
            let dir = try TemporaryDirectory(prefix: "replica-kill")
            return (LocalStorage(path: dir.path), { dir.remove() })
        }
    }
}

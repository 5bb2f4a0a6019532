import DeltaLog
import Foundation
import Replication
import Storage
import TestSupport
import Testing

@Suite struct SafetyTests {
    @Test func divergedReplicaIsRefusedAndLeftUnchanged() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        var t = try ReplicatorTests.makeSource(src)
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options(version: 2)).run()
        // Someone commits version 1 differently in the replica.
        var bytes = try dst.read(Version(1).commitPath)
        bytes[bytes.count - 3] ^= 0x01
        try dst.put(Version(1).commitPath, bytes)
        try t.append(files: 1)
        let before = try ReplicationTestKit.snapshot(dst)
        do {
            _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
            Issue.record("a diverged replica was accepted")
        } catch let ReplicationError.diverged(version, file, _) {
            #expect(version == 1)
            #expect(file == Version(1).commitPath)
        }
        #expect(try ReplicationTestKit.snapshot(dst) == before, "the refused run changed the replica")
    }

    @Test func replicaAheadOfTheSourceIsRefused() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try ReplicatorTests.makeSource(src)
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        try dst.put(Version(4).commitPath, Array("{\"commitInfo\":{}}\n".utf8))
        #expect {
            try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        } throws: { error in
            if case ReplicationError.diverged(4, _, _)? = error as? ReplicationError { return true }
            return false
        }
    }

    @Test(arguments: ["../outside.parquet", "/tmp/absolute.parquet", "file:///tmp/x.parquet", "_delta_log/00000000000000000009.json", "a/%2E%2E/%2E%2E/x"])
    func escapingPathIsRefusedBeforeAnyWrite(_ evil: String) throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        var t = try ReplicatorTests.makeSource(src)
        try t.commit([SyntheticTable.add(evil, size: 10, rows: 1)])
        #expect {
            try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        } throws: { error in
            if case ReplicationError.unsafePath(let p, 4, _)? = error as? ReplicationError { return p == evil || evil.hasPrefix("_delta_log") }
            return false
        }
        #expect(try dst.list(prefix: "").isEmpty)
    }

    @Test func secondRunIsLockedOutWhileTheFirstHoldsTheLock() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try ReplicatorTests.makeSource(src)
        let held = try ReplicationLock.acquire(dst)
        #expect(throws: ReplicationError.self) {
            try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        }
        #expect(throws: ReplicationError.self) { try ReplicationLock.acquire(dst) }
        try held.release()
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        #expect(!(try dst.exists(ReplicaLayout.lockPath)))
    }

    @Test func concurrentRunsNeverInterleave() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try ReplicatorTests.makeSource(src)
        final class Box: @unchecked Sendable { let lock = NSLock(); var ok = 0; var locked = 0 }
        let box = Box()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
                box.lock.lock(); box.ok += 1; box.lock.unlock()
            } catch ReplicationError.locked {
                box.lock.lock(); box.locked += 1; box.lock.unlock()
            } catch { Issue.record("unexpected \(error)") }
        }
        #expect(box.ok >= 1 && box.ok + box.locked == 4)
        #expect(try Verifier(source: src, replica: dst).run().ok)
    }

    @Test func staleLockIsRecovered() throws {
        let dst = MemoryStorage()
        // A lock whose heartbeat is an hour old.
        let old = Int64(Date().timeIntervalSince1970 * 1000) - 3_600_000
        try dst.put(ReplicaLayout.lockPath, Array(#"{"pid":\#(getpid()),"host":"elsewhere","token":"t","heartbeat":\#(old)}"#.utf8))
        let lock = try ReplicationLock.acquire(dst, staleAfter: 300)
        try lock.checkOwnership()
        try lock.release()
    }

    @Test func lockOfADeadProcessOnThisHostIsRecovered() throws {
        let dst = MemoryStorage()
        let child = try ProcessRunner.run("/bin/true", [])
        #expect(child.status == 0)
        // Find a pid that is not running (the child has exited and was reaped).
        var dead: Int32 = 999_999
        while kill(dead, 0) == 0 { dead -= 1 }
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, 255)
        let hostName = String(cString: host)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try dst.put(ReplicaLayout.lockPath, Array(#"{"pid":\#(dead),"host":"\#(hostName)","token":"t","heartbeat":\#(now)}"#.utf8))
        let lock = try ReplicationLock.acquire(dst, staleAfter: 300)
        try lock.release()
        // A fresh lock of a live process elsewhere is respected.
        try dst.put(ReplicaLayout.lockPath, Array(#"{"pid":1,"host":"elsewhere","token":"t","heartbeat":\#(now)}"#.utf8))
        #expect(throws: ReplicationError.self) { try ReplicationLock.acquire(dst, staleAfter: 300) }
    }

    @Test func overlappingLocationsAreRefused() throws {
        guard let path = ReplicationTestKit.fixture("delta-rs/table-with-dv-small") else { return }
        for target in [path, path + "/", path + "/replica"] {
            #expect(throws: ReplicationError.self) {
                try Replicator(source: LocalStorage(path: path), target: LocalStorage(path: target),
                               options: ReplicationTestKit.options()).run()
            }
        }
    }

    @Test func aReplicaCanBeReplicated() throws {
        let src = MemoryStorage(), first = MemoryStorage(), second = MemoryStorage()
        _ = try ReplicatorTests.makeSource(src)
        _ = try Replicator(source: src, target: first, options: ReplicationTestKit.options()).run()
        _ = try Replicator(source: first, target: second, options: ReplicationTestKit.options()).run()
        #expect(try Verifier(source: src, replica: second).run().ok)
        #expect(!(try second.list(prefix: "_deltactl/").map(\.path).contains { $0.contains("lock") }))
    }
}

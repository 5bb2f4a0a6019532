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

    @Test func aRunWhoseLockWasTakenOverPublishesNothing() throws {
        guard let path = ReplicationTestKit.fixture("delta-rs/cdf-table") else { return }
        let dir = try TemporaryDirectory(prefix: "lock-thief")
        let base = LocalStorage(path: dir.path)
        // While the run copies, another run takes the lock over (as if this one had been declared stale).
        let thief = LockThief(base)
        #expect(throws: ReplicationError.self) {
            try Replicator(source: LocalStorage(path: path), target: thief, options: ReplicationTestKit.options()).run()
        }
        #expect(thief.stole)
        #expect(try base.list(prefix: "_delta_log/").isEmpty, "a log file was published without the lock")
        let all = FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? []
        #expect(!all.contains { $0.contains(".deltactl-tmp-") }, "staged files left behind: \(all)")
    }
}

/// Forwards to a storage and, at the first staged log file, replaces the replica's lock with another owner's.
final class LockThief: Storage, @unchecked Sendable {
    let base: Storage
    private let lock = NSLock()
    private(set) var stole = false
    init(_ base: Storage) { self.base = base }
    var rootURI: String { base.rootURI }
    func read(_ path: String) throws -> [UInt8] { try base.read(path) }
    func readRange(_ path: String, offset: Int64, length: Int) throws -> [UInt8] { try base.readRange(path, offset: offset, length: length) }
    func head(_ path: String) throws -> ObjectInfo { try base.head(path) }
    func list(prefix: String) throws -> [ObjectInfo] { try base.list(prefix: prefix) }
    func put(_ path: String, _ bytes: [UInt8]) throws { try base.put(path, bytes) }
    func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws { try base.putIfAbsent(path, bytes) }
    func delete(_ path: String) throws { try base.delete(path) }
    func copy(from source: Storage, sourcePath: String, to path: String, durability: WriteDurability) throws -> CopyReceipt {
        try base.copy(from: source, sourcePath: sourcePath, to: path, durability: durability)
    }
    func sync() throws { try base.sync() }
    func stage(from source: Storage, sourcePath: String, to path: String, modifiedMillis: Int64?) throws -> StagedObject {
        lock.lock()
        if !stole {
            stole = true
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try base.put(ReplicaLayout.lockPath, Array(#"{"pid":1,"host":"elsewhere","token":"other","heartbeat":\#(now)}"#.utf8))
        }
        lock.unlock()
        return try base.stage(from: source, sourcePath: sourcePath, to: path, modifiedMillis: modifiedMillis)
    }
    func publish(_ staged: [StagedObject]) throws -> [PublishOutcome] { try base.publish(staged) }
    func discard(_ staged: [StagedObject]) { base.discard(staged) }
}

import Foundation
import Storage
import TestSupport
import Testing

/// The `stage` / `publish` / `discard` contract (batch put-if-absent, see `Storage`), for every backend, every
/// source kind and both flush policies of local roots.
@Suite struct StagedPublishTests {
    /// (name, source, target, folders kept alive): local (flushing and not), memory, and fault-injecting wrappers.
    static func pairs() throws -> [(String, Storage, Storage, [TemporaryDirectory])] {
        var out: [(String, Storage, Storage, [TemporaryDirectory])] = []
        for srcKind in ["local", "memory"] {
            for dstKind in ["local", "local-nosync", "memory", "faulty-local"] {
                var dirs: [TemporaryDirectory] = []
                func local(_ flush: FlushPolicy) throws -> LocalStorage {
                    let d = try TemporaryDirectory(prefix: "staged")
                    dirs.append(d)
                    return LocalStorage(path: d.path, flush: flush)
                }
                let src: Storage = srcKind == "memory" ? MemoryStorage() : try local(.always)
                let dst: Storage
                switch dstKind {
                case "local": dst = try local(.always)
                case "local-nosync": dst = try local(.never)
                case "memory": dst = MemoryStorage()
                default: dst = FaultInjectingStorage(try local(.always), failingWrite: .max)
                }
                out.append(("\(srcKind)->\(dstKind)", src, dst, dirs))
            }
        }
        return out
    }

    static func commit(_ v: Int) -> String { "_delta_log/" + String(repeating: "0", count: 20 - String(v).count) + "\(v).json" }
    static func bytes(_ v: Int) -> [UInt8] { Array("{\"commitInfo\":{\"v\":\(v)}}\n".utf8) }

    @Test func stagedObjectsAreInvisibleUntilPublishedInOrder() throws {
        for (name, src, dst, dirs) in try Self.pairs() {
            _ = dirs
            for v in 0..<4 { try src.put(Self.commit(v), Self.bytes(v)) }
            let staged = try (0..<4).map { try dst.stage(from: src, sourcePath: Self.commit($0), to: Self.commit($0), modifiedMillis: nil) }
            #expect(try dst.list(prefix: "").isEmpty, "\(name): staged objects are listed")
            #expect(throws: StorageError.notFound(path: Self.commit(0)), "\(name)") { try dst.read(Self.commit(0)) }
            #expect(staged.map(\.receipt) == (0..<4).map { CopyReceipt(of: Self.bytes($0)) }, "\(name)")
            #expect(try dst.publish(staged) == Array(repeating: .published, count: 4), "\(name)")
            #expect(try dst.list(prefix: "").map(\.path) == (0..<4).map(Self.commit), "\(name): temporary files left")
            for v in 0..<4 { #expect(try dst.read(Self.commit(v)) == Self.bytes(v), "\(name)") }
        }
    }

    @Test func identicalBytesArePresentAndDifferentBytesStopTheBatch() throws {
        for (name, src, dst, dirs) in try Self.pairs() {
            _ = dirs
            for v in 0..<4 { try src.put(Self.commit(v), Self.bytes(v)) }
            try dst.putIfAbsent(Self.commit(0), Self.bytes(0))  // identical: an interrupted run's
            try dst.putIfAbsent(Self.commit(2), Array("someone else's".utf8))  // different: a diverged replica
            let staged = try (0..<4).map { try dst.stage(from: src, sourcePath: Self.commit($0), to: Self.commit($0), modifiedMillis: nil) }
            #expect(throws: StorageError.alreadyExists(path: Self.commit(2)), "\(name)") { try dst.publish(staged) }
            // Before the conflict: published; at it: untouched; after it: nothing, and no temporary file anywhere.
            #expect(try dst.list(prefix: "").map(\.path) == [0, 1, 2].map(Self.commit), "\(name)")
            #expect(try dst.read(Self.commit(1)) == Self.bytes(1), "\(name)")
            #expect(try dst.read(Self.commit(2)) == Array("someone else's".utf8), "\(name)")
            if let local = dst as? LocalStorage { #expect(try Self.leftovers(local).isEmpty, "\(name)") }
            // Publishing the first two again: both already present.
            let again = try (0..<2).map { try dst.stage(from: src, sourcePath: Self.commit($0), to: Self.commit($0), modifiedMillis: nil) }
            #expect(try dst.publish(again) == [.alreadyPresent, .alreadyPresent], "\(name)")
        }
    }

    @Test func discardLeavesNothing() throws {
        for (name, src, dst, dirs) in try Self.pairs() {
            _ = dirs
            try src.put("big/part-0.parquet", (0..<700_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            let staged = try dst.stage(from: src, sourcePath: "big/part-0.parquet", to: "big/part-0.parquet", modifiedMillis: nil)
            #expect(staged.receipt.size == 700_000, "\(name)")
            dst.discard([staged])
            #expect(try dst.list(prefix: "").isEmpty, "\(name)")
            #expect(try dst.publish([]) == [], "\(name)")
        }
    }

    @Test func localStagingKeepsTheModificationTimeAndLeavesNoTemporaryFile() throws {
        let a = try TemporaryDirectory(), b = try TemporaryDirectory()
        let src = LocalStorage(path: a.path), dst = LocalStorage(path: b.path)
        try src.put(Self.commit(7), Self.bytes(7))
        let staged = try dst.stage(from: src, sourcePath: Self.commit(7), to: Self.commit(7), modifiedMillis: 1_700_000_000_123)
        #expect(try Self.leftovers(dst).count == 1, "the staged file is a temporary file")
        _ = try dst.publish([staged])
        #expect(try dst.head(Self.commit(7)).modifiedMillis == 1_700_000_000_123)
        #expect(try Self.leftovers(dst).isEmpty)
    }

    @Test func concurrentPublishersOfOnePathHaveOneWinner() throws {
        let a = try TemporaryDirectory(), b = try TemporaryDirectory()
        let src = LocalStorage(path: a.path), dst = LocalStorage(path: b.path)
        try src.put(Self.commit(0), Self.bytes(0))
        try src.put("other.json", Array("other".utf8))
        let published = Counter(), present = Counter(), refused = Counter()
        DispatchQueue.concurrentPerform(iterations: 12) { i in
            let from = i % 3 == 0 ? "other.json" : Self.commit(0)
            guard let s = try? dst.stage(from: src, sourcePath: from, to: Self.commit(0), modifiedMillis: nil) else { return }
            do {
                switch try dst.publish([s]).first {
                case .published: published.add()
                case .alreadyPresent: present.add()
                case nil: break
                }
            } catch { refused.add() }
        }
        #expect(published.value == 1)
        #expect(published.value + present.value + refused.value == 12)
        #expect(try Self.leftovers(dst).isEmpty)
    }

    @Test func faultInjectionPublishesThePrefixBeforeTheFailingObject() throws {
        let dir = try TemporaryDirectory()
        let base = LocalStorage(path: dir.path)
        let src = MemoryStorage()
        for v in 0..<5 { try src.put(Self.commit(v), Self.bytes(v)) }
        // Writes 1-5 are the five stages; 6-10 the five objects of the publish: the 8th write is object 2.
        let store = FaultInjectingStorage(base, failingWrite: 8)
        let staged = try (0..<5).map { try store.stage(from: src, sourcePath: Self.commit($0), to: Self.commit($0), modifiedMillis: nil) }
        #expect(throws: StorageError.injectedFault(operation: "publish", path: Self.commit(2))) { try store.publish(staged) }
        #expect(try base.list(prefix: "").map(\.path) == [0, 1].map(Self.commit))
        #expect(try Self.leftovers(base).isEmpty)
        #expect(store.writeCount == 8)
    }

    @Test(arguments: [WriteDurability.immediate, .deferred])
    func copyReceiptsAreTheBytesWritten(_ durability: WriteDurability) throws {
        for (name, src, dst, dirs) in try Self.pairs() {
            _ = dirs
            for size in [0, 1, 262_143, 262_144, 1_000_003] {
                let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ size) }
                try src.put("f-\(size).bin", payload)
                let receipt = try dst.copy(from: src, sourcePath: "f-\(size).bin", to: "d/f-\(size).bin", durability: durability)
                #expect(receipt == CopyReceipt(of: payload), "\(name) \(size)")
                #expect(try dst.read("d/f-\(size).bin") == payload, "\(name) \(size)")
                #expect(try CopyReceipt.of(dst, "d/f-\(size).bin") == receipt, "\(name) \(size)")
            }
        }
    }

    /// Every file under a local root, temporary files included.
    static func leftovers(_ store: LocalStorage) throws -> [String] {
        let all = FileManager.default.enumerator(atPath: store.rootPath)?.allObjects as? [String] ?? []
        return all.filter { ($0 as NSString).lastPathComponent.hasPrefix(".deltactl-tmp-") }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

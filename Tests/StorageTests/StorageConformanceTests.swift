import Foundation
import Storage
import TestSupport
import Testing

/// The storage contract (see `Storage`), run against every backend.
@Suite struct StorageConformanceTests {
    static func backends() throws -> [(String, Storage, TemporaryDirectory?)] {
        let dir = try TemporaryDirectory(prefix: "storage-conformance")
        return [("local", LocalStorage(path: dir.path), dir), ("memory", MemoryStorage(), nil)]
    }

    @Test func putReadListDelete() throws {
        for (name, store, dir) in try Self.backends() {
            _ = dir
            try store.put("b/x.json", Array("hello".utf8))
            try store.put("a/y", [1, 2, 3])
            try store.put("b/a.json", [])
            #expect(try store.read("b/x.json") == Array("hello".utf8), "\(name)")
            #expect(try store.readRange("b/x.json", offset: 1, length: 3) == Array("ell".utf8), "\(name)")
            #expect(try store.list(prefix: "b/").map(\.path) == ["b/a.json", "b/x.json"], "\(name)")
            #expect(try store.list(prefix: "").map(\.path) == ["a/y", "b/a.json", "b/x.json"], "\(name)")
            #expect(try store.list(prefix: "b/x").map(\.path) == ["b/x.json"], "\(name)")
            #expect(try store.head("a/y").size == 3, "\(name)")
            try store.delete("a/y")
            try store.delete("a/y")
            #expect(throws: StorageError.notFound(path: "a/y")) { try store.read("a/y") }
            #expect(throws: StorageError.self) { try store.readRange("b/x.json", offset: 3, length: 10) }
        }
    }

    @Test func listStartingAtSkipsWhatSortsBefore() throws {
        for (name, store, dir) in try Self.backends() {
            _ = dir
            for v in [0, 1, 9, 10, 11] {
                try store.put("_delta_log/" + String(repeating: "0", count: 18) + String(format: "%02d", v) + ".json", [1])
            }
            try store.put("_delta_log/00000000000000000010.checkpoint.parquet", [2])
            try store.put("_delta_log/_last_checkpoint", [3])
            try store.put("_delta_log/_sidecars/a.parquet", [4])
            try store.put("other/z", [5])
            let from10 = try store.list(prefix: "_delta_log/", startingAt: "_delta_log/00000000000000000010")
            #expect(from10.map(\.path) == [
                "_delta_log/00000000000000000010.checkpoint.parquet", "_delta_log/00000000000000000010.json",
                "_delta_log/00000000000000000011.json", "_delta_log/_last_checkpoint", "_delta_log/_sidecars/a.parquet",
            ], "\(name)")
            #expect(from10.map(\.size) == [1, 1, 1, 1, 1], "\(name): sizes come with the listing")
            // The same as filtering the full listing, for any start.
            let all = try store.list(prefix: "_delta_log/")
            for start in ["", "_delta_log/", "_delta_log/00000000000000000009.json", "_delta_log/_", "_delta_log/~"] {
                #expect(try store.list(prefix: "_delta_log/", startingAt: start).map(\.path)
                        == all.map(\.path).filter { !($0.utf8.lexicographicallyPrecedes(start.utf8)) }, "\(name) from \(start)")
            }
        }
    }

    @Test func putIfAbsentIsExclusive() throws {
        for (name, store, dir) in try Self.backends() {
            _ = dir
            try store.putIfAbsent("_delta_log/00000000000000000000.json", Array("one".utf8))
            #expect(throws: StorageError.alreadyExists(path: "_delta_log/00000000000000000000.json"), "\(name)") {
                try store.putIfAbsent("_delta_log/00000000000000000000.json", Array("two".utf8))
            }
            #expect(try store.read("_delta_log/00000000000000000000.json") == Array("one".utf8))
            // No temporary files are left or listed.
            #expect(try store.list(prefix: "_delta_log/").count == 1)
        }
    }

    @Test func concurrentPutIfAbsentHasOneWinner() throws {
        for (_, store, dir) in try Self.backends() {
            _ = dir
            let winners = Atomic()
            DispatchQueue.concurrentPerform(iterations: 16) { i in
                if (try? store.putIfAbsent("race.json", Array("\(i)".utf8))) != nil { winners.increment() }
            }
            #expect(winners.value == 1)
        }
    }

    @Test(arguments: ["../x", "/abs", "a/../../b", "", "a//b", "./a"])
    func refusesPathsOutsideTheRoot(path: String) throws {
        let dir = try TemporaryDirectory()
        let store = LocalStorage(path: dir.path)
        #expect(throws: StorageError.self) { try store.put(path, [1]) }
        #expect(throws: StorageError.self) { try store.read(path) }
    }

    @Test func localCopyBetweenRoots() throws {
        let a = try TemporaryDirectory(), b = try TemporaryDirectory()
        let src = LocalStorage(path: a.path), dst = LocalStorage(path: b.path)
        let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try src.put("part-0.parquet", payload)
        try dst.copy(from: src, sourcePath: "part-0.parquet", to: "x/part-0.parquet")
        #expect(try dst.read("x/part-0.parquet") == payload)
    }

    @Test func faultInjectionFailsTheKthWrite() throws {
        let store = FaultInjectingStorage(MemoryStorage(), failingWrite: 2)
        try store.put("a", [1])
        #expect(throws: StorageError.injectedFault(operation: "put", path: "b")) { try store.put("b", [2]) }
        try store.put("c", [3])
        #expect(try store.list(prefix: "").map(\.path) == ["a", "c"])
    }
}

final class Atomic: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

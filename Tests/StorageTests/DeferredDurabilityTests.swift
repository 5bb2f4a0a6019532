import Storage
import TestSupport
import Testing

/// The `copy(from:sourcePath:to:durability:)` / `sync()` contract, for every backend and source kind:
/// a copy is visible, complete and atomic when it returns whatever its durability; `sync()` keeps it as it is.
@Suite struct DeferredDurabilityTests {
    static let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }

    /// (name, source, target, folders kept alive), local and memory on both sides.
    static func pairs() throws -> [(String, Storage, Storage, [TemporaryDirectory])] {
        var out: [(String, Storage, Storage, [TemporaryDirectory])] = []
        for srcKind in ["local", "memory"] {
            for dstKind in ["local", "memory"] {
                var dirs: [TemporaryDirectory] = []
                func make(_ kind: String) throws -> Storage {
                    if kind == "memory" { return MemoryStorage() }
                    let d = try TemporaryDirectory(prefix: "durability")
                    dirs.append(d)
                    return LocalStorage(path: d.path)
                }
                out.append(("\(srcKind)->\(dstKind)", try make(srcKind), try make(dstKind), dirs))
            }
        }
        return out
    }

    @Test(arguments: [WriteDurability.immediate, .deferred])
    func copyIsCompleteAtOnceAndSurvivesSync(_ durability: WriteDurability) throws {
        for (name, src, dst, dirs) in try Self.pairs() {
            _ = dirs
            try src.put("a=1/part-0.parquet", Self.payload)
            try src.put("empty.bin", [])
            try dst.put("a=1/part-0.parquet", Array("old".utf8))  // replaced atomically
            try dst.copy(from: src, sourcePath: "a=1/part-0.parquet", to: "a=1/part-0.parquet", durability: durability)
            try dst.copy(from: src, sourcePath: "empty.bin", to: "deep/er/empty.bin", durability: durability)
            #expect(try dst.read("a=1/part-0.parquet") == Self.payload, "\(name)")
            #expect(try dst.head("deep/er/empty.bin").size == 0, "\(name)")
            // No temporary file is left or listed.
            #expect(try dst.list(prefix: "").map(\.path) == ["a=1/part-0.parquet", "deep/er/empty.bin"], "\(name)")
            try dst.sync()
            #expect(try dst.read("a=1/part-0.parquet") == Self.payload, "\(name)")
        }
    }

    @Test func deferredCopyOfAMissingSourceFailsAndWritesNothing() throws {
        for (name, src, dst, dirs) in try Self.pairs() {
            _ = dirs
            #expect(throws: StorageError.notFound(path: "missing.parquet"), "\(name)") {
                try dst.copy(from: src, sourcePath: "missing.parquet", to: "missing.parquet", durability: .deferred)
            }
            #expect(try dst.list(prefix: "").isEmpty, "\(name)")
        }
    }

    @Test func deferredCopyRefusesPathsOutsideTheRoot() throws {
        let a = try TemporaryDirectory(), b = try TemporaryDirectory()
        let src = LocalStorage(path: a.path), dst = LocalStorage(path: b.path)
        try src.put("x", [1])
        #expect(throws: StorageError.self) { try dst.copy(from: src, sourcePath: "x", to: "../x", durability: .deferred) }
        #expect(throws: StorageError.self) { try dst.copy(from: src, sourcePath: "../x", to: "x", durability: .deferred) }
    }

    @Test func faultInjectionCountsDeferredCopiesAndForwardsSync() throws {
        let dir = try TemporaryDirectory()
        let base = LocalStorage(path: dir.path)
        let src = MemoryStorage()
        try src.put("a", [1]); try src.put("b", [2])
        let store = FaultInjectingStorage(base, failingWrite: 2)
        try store.copy(from: src, sourcePath: "a", to: "a", durability: .deferred)
        #expect(throws: StorageError.injectedFault(operation: "copy", path: "b")) {
            try store.copy(from: src, sourcePath: "b", to: "b", durability: .deferred)
        }
        try store.sync()
        #expect(try base.list(prefix: "").map(\.path) == ["a"])
    }

    @Test func localModificationTimeIsSet() throws {
        let dir = try TemporaryDirectory()
        let store = LocalStorage(path: dir.path)
        try store.put("_delta_log/00000000000000000000.json", [1])
        try store.setModificationTime("_delta_log/00000000000000000000.json", millis: 1_700_000_000_123)
        #expect(try store.head("_delta_log/00000000000000000000.json").modifiedMillis == 1_700_000_000_123)
        #expect(throws: StorageError.notFound(path: "nope")) { try store.setModificationTime("nope", millis: 0) }
    }
}

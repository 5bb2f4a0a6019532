import Storage
import TestSupport
import Testing

/// ``LocalStorage/mapFile(_:)``: the mapping holds exactly the bytes `read` returns.
@Suite struct MappedFileTests {
    @Test func mapsWhatReadReturns() throws {
        let dir = try TemporaryDirectory(prefix: "mapped-file")
        defer { dir.remove() }
        let store = LocalStorage(path: dir.path)
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try store.put("a/big.parquet", bytes)
        try store.put("a/empty", [])
        let mapped = try store.mapFile("a/big.parquet")
        #expect(mapped.count == bytes.count)
        #expect(mapped.withBytes { Array($0) } == bytes)
        #expect(try store.mapFile("a/empty").withBytes { $0.count } == 0)
        #expect(throws: StorageError.notFound(path: "a/missing")) { try store.mapFile("a/missing") }
        #expect(throws: StorageError.notFound(path: "a")) { try store.mapFile("a") }
        #expect(throws: StorageError.self) { try store.mapFile("../outside") }
    }
}

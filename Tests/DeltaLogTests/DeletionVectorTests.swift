import Foundation
import Storage
import TestSupport
import Testing
@testable import DeltaLog

@Suite struct DeletionVectorTests {
    @Test func relativePathFromSpecExample() throws {
        // PROTOCOL.md, Deletion Vector Descriptor example.
        let dv = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k^", offset: 4, sizeInBytes: 40, cardinality: 6)
        #expect(try DeletionVectorLoader.relativePath(of: dv) == "ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin")
    }

    @Test func z85() {
        // ZeroMQ RFC 32 test vector.
        #expect(Z85.decode("HelloWorld") == [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B])
        #expect(Z85.decode("Hell") == nil && Z85.decode("Hell~") == nil)
    }

    /// A portable RoaringBitmapArray with one bucket holding an array container {1, 5} and a run container 7...9.
    static func sampleBitmap() -> [UInt8] {
        var b: [UInt8] = []
        func u32(_ v: UInt32) { b += [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24)] }
        func u16(_ v: UInt16) { b += [UInt8(v & 0xff), UInt8(v >> 8)] }
        u32(1_681_511_377)  // magic
        u32(1); u32(0)  // bucket count, int64 little-endian
        u32(0)  // bucket key 0
        u32(12347 | (1 << 16))  // cookie with runs, 2 containers
        b.append(0b10)  // container 1 is a run container
        u16(0); u16(1)  // key 0, cardinality 2
        u16(1); u16(2)  // key 1, cardinality 3
        u16(1); u16(5)  // array container {1, 5}
        u16(1); u16(7); u16(2)  // one run: 7...9 (in key 1: 65536 + 7 ...)
        return b
    }

    @Test func roaringArrayAndRunContainers() throws {
        let rows = try RoaringBitmapArray.decode(Self.sampleBitmap(), file: "t")
        #expect(rows == [1, 5, 65543, 65544, 65545])
        #expect(throws: DeltaError.self) { try RoaringBitmapArray.decode(Self.sampleBitmap(), file: "t", limit: 3) }
        #expect(throws: DeltaError.self) { try RoaringBitmapArray.decode(Array(Self.sampleBitmap().dropLast(3)), file: "t") }
        var bad = Self.sampleBitmap(); bad[0] = 0
        #expect(throws: DeltaError.self) { try RoaringBitmapArray.decode(bad, file: "t") }
    }

    @Test func fileDVWithChecksum() throws {
        let bitmap = Self.sampleBitmap()
        let crc = CRC32.checksum(bitmap)
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
        let storage = MemoryStorage()
        let dv = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k^", offset: 1,
                                          sizeInBytes: Int32(bitmap.count), cardinality: 5)
        let path = try DeletionVectorLoader.relativePath(of: dv)
        try storage.put(path, [1] + be(UInt32(bitmap.count)) + bitmap + be(crc))
        #expect(try DeletionVectorLoader(storage: storage).deletedRows(dv) == [1, 5, 65543, 65544, 65545])
        try storage.put(path, [1] + be(UInt32(bitmap.count)) + bitmap + be(crc ^ 1))
        #expect(throws: DeltaError.self) { try DeletionVectorLoader(storage: storage).deletedRows(dv) }
        var wrongCard = dv; wrongCard.cardinality = 4
        #expect(throws: DeltaError.self) { try DeletionVectorLoader(storage: storage).deletedRows(wrongCard) }
    }

    @Test func fixtureDVsMatchTheirCardinality() throws {
        guard let shared = ProjectPaths.sharedFixtures else {
            print("skipped: ../shared/fixtures is absent"); return
        }
        for name in ["delta-rs/table-with-dv-small", "delta-rs/table_with_deletion_logs", "spark-golden/dv-with-columnmapping"] {
            let table = DeltaTable(storage: LocalStorage(path: shared + "/" + name))
            let snap = try table.snapshot()
            var checked = 0
            for f in snap.activeFiles {
                guard let dv = f.deletionVector else { continue }
                #expect(Int64(try DeletionVectorLoader(storage: table.storage).deletedRows(dv).count) == dv.cardinality, "\(name)")
                checked += 1
            }
            #expect(checked > 0, "\(name) has DVs")
        }
    }
}

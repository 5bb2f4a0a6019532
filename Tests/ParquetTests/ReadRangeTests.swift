import Parquet
import Testing

/// The reader touches only the footer and the chunks of the requested columns.
@Suite struct ReadRangeTests {
    final class RecordingSource: ParquetByteSource {
        let inner: MemoryByteSource
        var reads: [Range<Int>] = []
        init(_ bytes: [UInt8]) { inner = MemoryByteSource(bytes) }
        var size: Int { inner.size }
        func read(offset: Int, length: Int) throws -> [UInt8] {
            reads.append(offset..<offset + length)
            return try inner.read(offset: offset, length: length)
        }
    }

    @Test func columnSubsetReadsOnlyItsChunk() throws {
        // Pad the file beyond the 64 KiB tail read so that data chunks are outside the footer read.
        let n = 20_000
        let strings = (0..<n).map { "value-\($0)" }
        let schema = ParquetSchema(fields: [.primitive("s", .byteArray, repetition: .required, logicalType: .string),
                                            .primitive("n", .int32, repetition: .required)])
        let bytes = TestFileBuilder.build(schema: schema, numRows: n, columns: [
            .init(plain: TestFileBuilder.plainStrings(strings), slots: n),
            .init(plain: TestFileBuilder.plainInt32((0..<n).map { Int32($0) }), slots: n),
        ])
        let source = RecordingSource(bytes)
        let reader = try ParquetFileReader(source: source, path: "mem")
        #expect(source.reads.count <= 2)  // footer tail (+ leading magic)
        #expect(reader.numRows == Int64(n))
        let footerReads = source.reads
        source.reads = []
        let rows = try reader.readRows(columns: ["n"])
        #expect(rows.count == n && rows[123]["n"] == .int32(123) && rows[0].fields?.count == 1)
        let sChunk = reader.metadata.rowGroups[0].columns[0].metaData!
        let sRange = Int(sChunk.dataPageOffset)..<Int(sChunk.dataPageOffset + sChunk.totalCompressedSize)
        let nChunk = reader.metadata.rowGroups[0].columns[1].metaData!
        let nRange = Int(nChunk.dataPageOffset)..<Int(nChunk.dataPageOffset + nChunk.totalCompressedSize)
        #expect(source.reads == [nRange])
        #expect(!source.reads.contains { $0.overlaps(sRange) })
        #expect(footerReads.allSatisfy { !$0.overlaps(sRange) || $0.upperBound == bytes.count || $0 == 0..<4 })
    }

    @Test func namesWithDotsSelectableByPath() throws {
        let schema = ParquetSchema(fields: [.primitive("a.b", .int32, repetition: .required),
                                            .primitive("c", .int32, repetition: .required)])
        let bytes = TestFileBuilder.build(schema: schema, numRows: 2, columns: [
            .init(plain: TestFileBuilder.plainInt32([1, 2]), slots: 2),
            .init(plain: TestFileBuilder.plainInt32([3, 4]), slots: 2),
        ])
        let reader = try ParquetFileReader(bytes: bytes)
        let rows = try reader.readRows(rowGroup: 0, paths: [["a.b"]])
        #expect(rows.map(Canonical.text) == ["{a.b:1}", "{a.b:2}"])
        #expect(throws: ParquetError.self) { _ = try reader.readRows(columns: ["a.b"]) }
    }
}

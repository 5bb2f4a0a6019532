import Foundation
import Parquet
import Testing

/// Corrupt or truncated files give a clear ParquetError naming the file and a byte offset; never a crash or a hang.
@Suite struct CorruptInputTests {
    static let schema = ParquetSchema(fields: [.primitive("s", .byteArray, logicalType: .string),
                                               .primitive("n", .int32, repetition: .required)])
    static var good: [UInt8] {
        TestFileBuilder.build(schema: schema, numRows: 3, columns: [
            .init(definitionLevels: [1, 0, 1], plain: TestFileBuilder.plainStrings(["a", "bc"]), slots: 3),
            .init(plain: TestFileBuilder.plainInt32([1, 2, 3]), slots: 3),
        ])
    }

    /// Opens and reads everything; returns the error (nil when it read fine).
    static func readError(_ bytes: [UInt8]) -> ParquetError? {
        do {
            _ = try ParquetFileReader(bytes: bytes, path: "bad.parquet").readRows()
            return nil
        } catch let e as ParquetError {
            return e
        } catch {
            Issue.record("non-Parquet error \(error)")
            return nil
        }
    }

    @Test func goodFileReads() throws {
        let rows = try ParquetFileReader(bytes: Self.good).readRows()
        #expect(rows.map(Canonical.text) == ["{s:s:61,n:1}", "{s:null,n:2}", "{s:s:6263,n:3}"])
    }

    @Test func badMagicAndTruncation() {
        var bytes = Self.good
        bytes[bytes.count - 1] = UInt8(ascii: "X")
        let e = Self.readError(bytes)
        #expect(e?.description.contains("bad.parquet") == true)
        #expect(e?.description.contains("magic") == true)
        guard case .inFile(_, .outOfSpec(_, let offset))? = e else { Issue.record("wrong error \(String(describing: e))"); return }
        #expect(offset == bytes.count - 4)

        var head = Self.good
        head[0] = 0
        #expect(Self.readError(head)?.description.contains("start of the file") == true)

        for cut in [0, 3, 11, 20, Self.good.count / 2, Self.good.count - 9, Self.good.count - 1] {
            #expect(Self.readError(Array(Self.good.prefix(cut))) != nil, "cut at \(cut)")
        }
    }

    @Test func footerLengthPastFile() {
        var bytes = Self.good
        let n = bytes.count
        bytes.replaceSubrange(n - 8..<n - 4, with: [0xff, 0xff, 0xff, 0x7f])
        let e = Self.readError(bytes)
        #expect(e?.description.contains("footer length") == true)
    }

    @Test func hugeDeclaredSizes() throws {
        // Declared uncompressed size of 2 GB for a 14-byte snappy page: refused before allocating.
        let page = TestFileBuilder.plainInt32([1, 2, 3])
        let compressed = try PageCompression.compress(page, codec: .snappy)
        let header = PageHeader(type: .dataPage, uncompressedPageSize: Int32.max, compressedPageSize: Int32(compressed.count),
                                dataPageHeader: DataPageHeader(numValues: 3, encoding: .plain))
        let e = Self.readError(Self.singlePageFile(header: header, body: compressed, codec: .snappy))
        guard case .inFile(_, .decompressionFailed(_, let reason, _))? = e else {
            Issue.record("wrong error \(String(describing: e))")
            return
        }
        #expect(reason.contains("exceeds"))
        // A compressed page size past the chunk: truncated, with the header's offset.
        let long = PageHeader(type: .dataPage, uncompressedPageSize: 12, compressedPageSize: 1 << 30,
                              dataPageHeader: DataPageHeader(numValues: 3, encoding: .plain))
        guard case .inFile(_, .truncated(_, _, let offset))? = Self.readError(
            Self.singlePageFile(header: long, body: page, codec: .uncompressed)) else {
            Issue.record("expected truncated")
            return
        }
        #expect(offset == 4)
        // A page declaring a billion values.
        let many = PageHeader(type: .dataPage, uncompressedPageSize: 12, compressedPageSize: 12,
                              dataPageHeader: DataPageHeader(numValues: 1 << 30, encoding: .plain))
        #expect(Self.readError(Self.singlePageFile(header: many, body: page, codec: .uncompressed)) != nil)
    }

    /// A file with one required INT32 column `n` of 3 rows holding one page.
    static func singlePageFile(header: PageHeader, body: [UInt8], codec: CompressionCodec) -> [UInt8] {
        var file = Array("PAR1".utf8)
        let h = header.thriftEncoded()
        file += h + body
        let schema = ParquetSchema(fields: [.primitive("n", .int32, repetition: .required)])
        let size = Int64(h.count + body.count)
        let meta = FileMetaData(schema: schema.elements, numRows: 3, rowGroups: [RowGroup(columns: [ColumnChunk(
            metaData: ColumnMetaData(type: .int32, encodings: [.plain], pathInSchema: ["n"], codec: codec,
                                     numValues: 3, totalUncompressedSize: size, totalCompressedSize: size,
                                     dataPageOffset: 4))], totalByteSize: size, numRows: 3)])
        let footer = meta.thriftEncoded()
        file += footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { file.append(contentsOf: $0) }
        file += Array("PAR1".utf8)
        return file
    }

    @Test func garbageEverywhereNeverCrashes() {
        // Flip bytes one position at a time through the whole file: every outcome is a value or a ParquetError.
        let good = Self.good
        var errors = 0
        for i in 0..<good.count {
            for mask: UInt8 in [0xff, 0x80, 0x01] {
                var bytes = good
                bytes[i] ^= mask
                if Self.readError(bytes) != nil { errors += 1 }
            }
        }
        #expect(errors > 0)
        // Random garbage with valid magics.
        var state: UInt64 = 42
        for length in [12, 13, 64, 300] {
            for _ in 0..<200 {
                var bytes = Array("PAR1".utf8)
                for _ in 0..<length - 12 {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    bytes.append(UInt8(truncatingIfNeeded: state >> 33))
                }
                let footerLength = UInt32(min(length - 12, Int(state >> 60)))
                withUnsafeBytes(of: footerLength.littleEndian) { bytes.append(contentsOf: $0) }
                bytes += Array("PAR1".utf8)
                _ = Self.readError(bytes)
            }
        }
    }

    @Test func wrongDecompressedSize() throws {
        // Snappy-compress a page but declare one byte more than it holds.
        let page = TestFileBuilder.plainInt32([1, 2, 3])
        let compressed = try PageCompression.compress(page, codec: .snappy)
        let header = PageHeader(type: .dataPage, uncompressedPageSize: Int32(page.count + 1),
                                compressedPageSize: Int32(compressed.count),
                                dataPageHeader: DataPageHeader(numValues: 3, encoding: .plain))
        let e = Self.readError(Self.singlePageFile(header: header, body: compressed, codec: .snappy))
        guard case .inFile("bad.parquet", .decompressionFailed(_, _, let offset))? = e else {
            Issue.record("wrong error \(String(describing: e))")
            return
        }
        #expect(offset == 4 + header.thriftEncoded().count)
    }

    @Test func pageHeaderGarbage() {
        let page = TestFileBuilder.plainInt32([1, 2, 3])
        let header = PageHeader(type: .dataPage, uncompressedPageSize: 12, compressedPageSize: 12,
                                dataPageHeader: DataPageHeader(numValues: 3, encoding: .plain))
        var file = Self.singlePageFile(header: header, body: page, codec: .uncompressed)
        for i in 4..<8 { file[i] = 0xEE }
        let e = Self.readError(file)
        #expect(e != nil)
        #expect(e?.description.contains("byte offset") == true)
    }
}

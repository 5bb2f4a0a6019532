import CSVIngest
import Foundation
import Parquet
import Testing

/// Resource limits: hostile inputs are refused from their declared sizes, and the CSV tokenizer's memory stays
/// bounded on a field that never ends (it refuses once a record passes its limit instead of buffering the input).
@Suite struct ResourceLimitTests {
    /// An endless CSV: `prefix`, then `filler` forever; counts the bytes it served.
    final class EndlessSource: ByteSource {
        let name = "endless.csv"
        var prefix: [UInt8]
        let filler: UInt8
        private(set) var served = 0
        init(prefix: [UInt8], filler: UInt8) { self.prefix = prefix; self.filler = filler }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            var n = 0
            while n < buffer.count && !prefix.isEmpty { buffer[n] = prefix.removeFirst(); n += 1 }
            while n < buffer.count { buffer[n] = filler; n += 1 }
            served += n
            return n
        }
    }

    @Test(arguments: [("unterminated quote", Array("a,b\n1,\"".utf8)), ("unquoted", Array("a,b\n1,".utf8))])
    func hugeSingleFieldIsRefusedWithBoundedReading(_ c: (String, [UInt8])) {
        let limit = 1 << 20, buffer = 1 << 16
        let source = EndlessSource(prefix: c.1, filler: UInt8(ascii: "x"))
        let tok = CSVTokenizer(source: source, bufferSize: buffer, maxRecordBytes: limit)
        do {
            while try tok.nextRecord() {}
            Issue.record("\(c.0): an endless field ended")
        } catch let e as CSVError {
            guard case .recordTooLarge(let file, let line, _) = e else { Issue.record("\(c.0): \(e)"); return }
            #expect(file == "endless.csv" && line == 2)
        } catch { Issue.record("\(c.0): untyped \(error)") }
        // It stopped reading soon after the limit: memory is the limit plus a buffer, not the input.
        #expect(source.served <= limit + 4 * buffer, "\(c.0): read \(source.served) bytes")
    }

    /// Declared lengths far beyond the bytes present (list sizes, string lengths, page sizes) are refused
    /// without allocating them.
    @Test func thriftDeclaredSizesAreCheckedAgainstInput() {
        let cases: [(String, [UInt8])] = [
            ("schema list 2^31-1", [0x29, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00]),
            ("row groups 2^31-1", [0x49, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00]),
            ("created_by 2^62 bytes", [0x68, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x00]),
            ("key-value list 2^31-1", [0x59, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00]),
            ("unknown field nested 10000 deep", [0x9c] + Array(repeating: 0x1c, count: 10_000)),
        ]
        for (name, bytes) in cases {
            #expect(throws: ParquetError.self, "\(name)") { _ = try FileMetaData.decode(bytes) }
        }
    }

    @Test func pageSizesBeyondTheLimitAreRefused() {
        for codec in [CompressionCodec.snappy, .gzip, .zstd, .lz4Raw, .uncompressed] {
            #expect(throws: ParquetError.self, "\(codec)") {
                _ = try PageCompression.decompress([1, 2, 3], codec: codec, uncompressedSize: PageCompression.maxDecompressedSize + 1)
            }
            #expect(throws: ParquetError.self, "\(codec) negative") {
                _ = try PageCompression.decompress([1, 2, 3], codec: codec, uncompressedSize: -1)
            }
        }
    }
}

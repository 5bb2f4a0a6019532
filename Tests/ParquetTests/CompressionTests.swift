import Testing
@testable import Parquet

@Suite struct CompressionTests {
    static let codecs: [CompressionCodec] = [.uncompressed, .snappy, .gzip, .zstd, .lz4Raw]

    static func sample(_ n: Int) -> [UInt8] {
        var state: UInt64 = 0x9E3779B97F4A7C15
        return (0..<n).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return i % 61 == 0 ? UInt8(truncatingIfNeeded: state >> 56) : UInt8(truncatingIfNeeded: (i % 40) + 65)
        }
    }

    @Test(arguments: codecs) func roundTrip(codec: CompressionCodec) throws {
        for n in [0, 1, 100, 70_000, 1_000_000] {
            let input = Self.sample(n)
            let compressed = try PageCompression.compress(input, codec: codec)
            if codec != .uncompressed && n >= 70_000 { #expect(compressed.count < input.count) }
            let output = try PageCompression.decompress(compressed, codec: codec, uncompressedSize: n)
            #expect(output == input, "codec \(codec) size \(n)")
        }
    }

    @Test(arguments: codecs.filter { $0 != .uncompressed }) func wrongDeclaredSizeFails(codec: CompressionCodec) throws {
        let input = Self.sample(10_000)
        let compressed = try PageCompression.compress(input, codec: codec)
        #expect(throws: ParquetError.self) {
            _ = try PageCompression.decompress(compressed, codec: codec, uncompressedSize: 9_999, byteOffset: 77)
        }
        #expect(throws: ParquetError.self) {
            _ = try PageCompression.decompress(compressed, codec: codec, uncompressedSize: 10_001)
        }
        // Huge declared sizes are refused before allocating.
        do {
            _ = try PageCompression.decompress(compressed, codec: codec, uncompressedSize: Int(Int32.max), byteOffset: 77)
            Issue.record("expected failure")
        } catch let ParquetError.decompressionFailed(_, _, offset) {
            #expect(offset == 77)
        }
        // Garbage input fails cleanly.
        var garbage = compressed
        for i in stride(from: 0, to: garbage.count, by: 3) { garbage[i] ^= 0x5A }
        do {
            let out = try PageCompression.decompress(garbage, codec: codec, uncompressedSize: 10_000)
            #expect(out != input)  // some codecs have no checksum; the output must at least not be silently equal
        } catch is ParquetError {}
    }

    @Test func unsupportedCodec() {
        #expect(throws: ParquetError.self) {
            _ = try PageCompression.decompress([1, 2, 3], codec: .brotli, uncompressedSize: 3)
        }
    }
}

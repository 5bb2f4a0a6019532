import Testing
@testable import Parquet

/// Decoders against the worked examples of Encodings.md and hand-computed vectors.
@Suite struct DecoderVectorTests {
    func rle(_ bytes: [UInt8], width: Int, count: Int) throws -> [UInt32] {
        try bytes.withUnsafeBytes { buf in
            var d = try RLEHybridDecoder(buf, bitWidth: width)
            return try d.decode(count: count)
        }
    }

    @Test func rleHybridBitPackedExample() throws {
        // Encodings.md: 0..7 with bit width 3 packs to 10001000 11000110 11111010; header 1 group, bit-packed.
        #expect(try rle([0x03, 0b1000_1000, 0b1100_0110, 0b1111_1010], width: 3, count: 8) == Array(0...7))
        // An RLE run of five 7s, then the bit-packed run.
        #expect(try rle([0x0A, 0x07, 0x03, 0x88, 0xC6, 0xFA], width: 3, count: 13) == [7, 7, 7, 7, 7] + Array(0...7))
        // Bit width 0: runs of zeros; width 17: RLE value in 3 bytes.
        #expect(try rle([0x08], width: 0, count: 4) == [0, 0, 0, 0])
        #expect(try rle([0x04, 0x01, 0x00, 0x01], width: 17, count: 2) == [65537, 65537])
        // Running out of runs is an error, not a hang.
        #expect(throws: ParquetError.self) { _ = try rle([0x04, 0x01], width: 3, count: 3) }
        #expect(throws: ParquetError.self) { _ = try rle([0x0A], width: 3, count: 3) }
    }

    @Test func deprecatedBitPackedLevels() throws {
        // Encodings.md: 0..7 with width 3, MSB first: 00000101 00111001 01110111.
        let descriptor = ColumnDescriptor(index: 0, path: ["x"], physicalType: .int32, maxDefinitionLevel: 7,
                                          maxRepetitionLevel: 0, repetition: .optional)
        let reader = ColumnChunkReader(descriptor: descriptor, codec: .uncompressed, expectedValues: 8)
        let bytes: [UInt8] = [0b0000_0101, 0b0011_1001, 0b0111_0111]
        let (levels, used) = try bytes.withUnsafeBytes {
            try reader.readPrefixedLevels($0, encoding: .bitPacked, count: 8, maxLevel: 7, offset: 0)
        }
        #expect(levels == (0...7).map { Int16($0) })
        #expect(used == 3)
    }

    func delta(_ bytes: [UInt8]) throws -> [Int64] {
        try bytes.withUnsafeBytes { try DeltaBinaryPackedDecoder.decode($0).values }
    }

    @Test func deltaBinaryPackedExamples() throws {
        // Example 1: 1..5 -> header 8, 1, 5, zigzag(1)=2; block: min delta zigzag(1)=2, width 0.
        #expect(try delta([8, 1, 5, 2, 2, 0]) == [1, 2, 3, 4, 5])
        // Example 2: 7,5,3,1,2,3,4,5 -> header 8,1,8,zigzag(7)=14; min delta zigzag(-2)=3, width 2,
        // relative deltas 0,0,0,3,3,3,3 (+ padding) packed LSB first: 0xC0 0x3F.
        #expect(try delta([8, 1, 8, 14, 3, 2, 0xC0, 0x3F]) == [7, 5, 3, 1, 2, 3, 4, 5])
        // A single value needs no block.
        #expect(try delta([0x80, 0x01, 4, 1, 1]) == [-1])
        // Wrapping arithmetic: Int64.max then Int64.min.
        var w = ByteWriter()
        w.writeVarUInt64(8); w.writeVarUInt64(1); w.writeVarUInt64(2); w.writeZigZagInt64(Int64.max)
        w.writeZigZagInt64(1); w.writeByte(0)
        #expect(try delta(w.bytes) == [Int64.max, Int64.min])
        // Bad headers and truncated miniblocks are errors.
        #expect(throws: ParquetError.self) { _ = try delta([0, 1, 5, 2]) }
        #expect(throws: ParquetError.self) { _ = try delta([8, 1, 8, 14, 3, 2, 0xC0]) }
        #expect(throws: ParquetError.self) { _ = try delta([8, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 2]) }
        // A huge count declared with zero-width miniblocks (2^20 values per block) is refused, not decoded.
        #expect(throws: ParquetError.self) {
            _ = try [UInt8]([0x80, 0x80, 0x40, 1, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0]).withUnsafeBytes {
                try DeltaBinaryPackedDecoder.decode($0, limit: 1000)
            }
        }
    }

    @Test func deltaLengthAndDeltaByteArray() throws {
        // DELTA_LENGTH_BYTE_ARRAY "Hello", "World", "Foobar", "ABCDEF": lengths 5,5,6,6 (deltas 0,1,0; width 1).
        let lengths: [UInt8] = [8, 1, 4, 10, 0, 1, 0b010]
        var column = ByteArrayColumn()
        let bytes = lengths + Array("HelloWorldFoobarABCDEF".utf8)
        let used = try bytes.withUnsafeBytes {
            try DeltaByteArrayDecoder.decodeLengths($0, expected: 4, into: &column)
        }
        #expect(used == bytes.count)
        #expect((0..<4).map { column.string(at: $0) } == ["Hello", "World", "Foobar", "ABCDEF"])

        // DELTA_BYTE_ARRAY "axis", "axle", "babble", "babyhood": prefixes 0,2,0,3; suffixes axis, le, babble, yhood.
        var w = ByteWriter()
        // prefix lengths 0,2,0,3: deltas 2,-2,3 -> min -2, relative 4,0,5 (width 3)
        w.writeBytes([8, 1, 4, 0]); w.writeZigZagInt64(-2); w.writeByte(3)
        w.writeBytes([0b0000_0100 | (0 << 3) | (5 << 6) & 0xFF, 5 >> 2, 0])
        // suffix lengths 4,2,6,5: deltas -2,4,-1 -> min -2, relative 0,6,1 (width 3)
        w.writeBytes([8, 1, 4]); w.writeZigZagInt64(4); w.writeZigZagInt64(-2); w.writeByte(3)
        w.writeBytes([0 | (6 << 3) | (1 << 6), 0, 0])
        w.writeBytes(Array("axislebabbleyhood".utf8))
        var strings = ByteArrayColumn()
        try w.bytes.withUnsafeBytes { _ = try DeltaByteArrayDecoder.decode($0, expected: 4, into: &strings) }
        #expect((0..<4).map { strings.string(at: $0) } == ["axis", "axle", "babble", "babyhood"])
    }

    @Test func byteStreamSplitAndPlain() throws {
        let floats: [Float] = [1.5, -2.25, 3e10]
        var plain = ByteWriter()
        for f in floats { plain.writeLittleEndian(f.bitPattern) }
        var split = [UInt8](repeating: 0, count: 12)
        for i in 0..<3 { for k in 0..<4 { split[k * 3 + i] = plain.bytes[i * 4 + k] } }
        var values = ColumnValues(physicalType: .float)
        try split.withUnsafeBytes { try ByteStreamSplitDecoder.decode($0, count: 3, into: &values) }
        #expect(values.floats == floats)

        var bools = ColumnValues(physicalType: .boolean)
        try [UInt8]([0b0000_0101, 0b1]).withUnsafeBytes {
            _ = try PlainDecoder.decode($0, count: 9, into: &bools)
        }
        #expect(bools.booleans == [true, false, true, false, false, false, false, false, true])

        var strings = ColumnValues(physicalType: .byteArray)
        #expect(throws: ParquetError.self) {
            try [UInt8]([5, 0, 0, 0, 65]).withUnsafeBytes { _ = try PlainDecoder.decode($0, count: 1, into: &strings) }
        }
    }

    @Test func dictionaryIndices() throws {
        var dict = ColumnValues(physicalType: .byteArray)
        dict.bytes = ByteArrayColumn([Array("a".utf8), Array("bb".utf8), Array("ccc".utf8)])
        var out = ColumnValues(physicalType: .byteArray)
        // bit width 2, RLE run of three 2s, then bit-packed 0,1 (+padding).
        try [UInt8]([2, 0x06, 0x02, 0x03, 0b0000_0100, 0x00]).withUnsafeBytes {
            try DictionaryDecoder.decode($0, count: 5, dictionary: dict, into: &out)
        }
        #expect((0..<5).map { out.bytes.string(at: $0) } == ["ccc", "ccc", "ccc", "a", "bb"])
        // Out-of-range index.
        #expect(throws: ParquetError.self) {
            try [UInt8]([2, 0x02, 0x03]).withUnsafeBytes {
                try DictionaryDecoder.decode($0, count: 1, dictionary: dict, into: &out)
            }
        }
    }

    @Test func decimalText() {
        #expect(DecimalText.format(-1234, scale: 2) == "-12.34")
        #expect(DecimalText.format(5, scale: 3) == "0.005")
        #expect(DecimalText.format(0, scale: 2) == "0.00")
        #expect(DecimalText.format(12, scale: 0) == "12")
        #expect(DecimalText.format(Int64.min, scale: 1) == "-922337203685477580.8")
        #expect(DecimalText.format(bigEndian: [0xFF, 0xFF, 0xFF, 0xFE], scale: 1) == "-0.2")
        // 2^100 = 1267650600228229401496703205376
        var big = [UInt8](repeating: 0, count: 16)
        big[3] = 0x10
        #expect(DecimalText.format(bigEndian: big, scale: 5) == "12676506002282294014967032.05376")
        #expect(DecimalText.format(bigEndian: [UInt8](repeating: 0xFF, count: 16), scale: 0) == "-1")
        #expect(Half.toFloat(0x3C00) == 1 && Half.toFloat(0xC000) == -2 && Half.toFloat(0x0001) == 5.9604645e-08)
        #expect(Int96(nanosOfDay: 1_000, julianDay: 2_440_589).microsSinceEpoch == 86_400_000_001)
    }
}

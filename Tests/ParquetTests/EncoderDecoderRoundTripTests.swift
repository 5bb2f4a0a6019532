import Parquet
import TestSupport
import Testing

/// The write-side encoders checked against the project's independent decoders (parquet-read).
@Suite struct EncoderDecoderRoundTripTests {
    @Test(arguments: [1, 2, 3, 4, 7, 8, 12, 17, 24, 32])
    func rleEncoderMatchesDecoder(bitWidth: Int) throws {
        var rng = SplitMix64(seed: UInt64(bitWidth))
        let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        var values: [UInt32] = []
        while values.count < 10_000 {
            let v = UInt32(rng.next() & mask)
            let run = rng.next() % 4 == 0 ? Int(rng.next() % 40) + 1 : 1
            values.append(contentsOf: repeatElement(v, count: run))
        }
        let encoded = RLEHybridEncoder.encode(values, bitWidth: bitWidth)
        let decoded = try encoded.withUnsafeBytes { buffer -> [UInt32] in
            var decoder = try RLEHybridDecoder(buffer, bitWidth: bitWidth)
            return try decoder.decode(count: values.count)
        }
        #expect(decoded == values)
    }

    @Test func plainEncoderMatchesDecoder() throws {
        var rng = SplitMix64(seed: 3)
        let ints = (0..<1000).map { _ in Int64(bitPattern: rng.next()) }
        let doubles = (0..<1000).map { _ in Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) }
        let bools = (0..<1001).map { _ in rng.next() % 2 == 0 }
        let strings = ByteArrayColumn(strings: (0..<1000).map { "s\($0)-\(rng.next() % 1000)" })
        func roundTrip(_ values: ColumnValues, count: Int, encode: (inout ByteWriter) -> Void) throws -> ColumnValues {
            var w = ByteWriter()
            encode(&w)
            var out = ColumnValues(physicalType: values.physicalType)
            try w.bytes.withUnsafeBytes { _ = try PlainDecoder.decode($0, count: count, into: &out) }
            return out
        }
        #expect(try roundTrip(.int64(ints), count: 1000) { PlainEncoder.encode(ints, into: &$0) }.int64s == ints)
        #expect(try roundTrip(.double(doubles), count: 1000) { PlainEncoder.encode(doubles, into: &$0) }.doubles == doubles)
        #expect(try roundTrip(.boolean(bools), count: 1001) { PlainEncoder.encode(booleans: bools, into: &$0) }.booleans == bools)
        #expect(try roundTrip(.byteArray(strings), count: 1000) { PlainEncoder.encode(byteArrays: strings, into: &$0) }.bytes == strings)
    }

    @Test func dictionaryPagesMatchDecoder() throws {
        var d = ByteArrayDictionaryEncoder()
        let inputs = (0..<5000).map { "v\($0 % 123)" }
        var indices: [UInt32] = []
        for s in inputs { indices.append(d.index(of: Array(s.utf8))) }
        var page = ByteWriter()
        d.encodeDictionaryPage(into: &page)
        var dictionary = ColumnValues(physicalType: .byteArray)
        try page.bytes.withUnsafeBytes { _ = try PlainDecoder.decode($0, count: d.count, into: &dictionary) }
        let width = RLEHybridEncoder.bitWidth(forMaxValue: UInt64(d.count - 1))
        let body = [UInt8(width)] + RLEHybridEncoder.encode(indices, bitWidth: width)
        var out = ColumnValues(physicalType: .byteArray)
        try body.withUnsafeBytes { try DictionaryDecoder.decode($0, count: inputs.count, dictionary: dictionary, into: &out) }
        #expect((0..<out.bytes.count).map { out.bytes.string(at: $0) } == inputs)
    }
}

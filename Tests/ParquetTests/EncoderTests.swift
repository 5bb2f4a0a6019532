import Testing
@testable import Parquet

/// A minimal independent RLE/bit-packed hybrid decoder written from Encodings.md, for checking the encoder.
func referenceDecodeRLE(_ bytes: [UInt8], bitWidth: Int, count: Int) -> [UInt32] {
    var out: [UInt32] = []
    var pos = 0
    func varint() -> UInt64 {
        var result: UInt64 = 0, shift: UInt64 = 0
        while pos < bytes.count {
            let b = bytes[pos]; pos += 1
            result |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        return result
    }
    while out.count < count && pos < bytes.count {
        let header = varint()
        if header & 1 == 1 {
            let values = Int(header >> 1) * 8
            var bitPos = 0
            let start = pos
            for _ in 0..<values {
                var v: UInt32 = 0
                for b in 0..<bitWidth {
                    let absolute = bitPos + b
                    if bytes[start + absolute / 8] & (1 << UInt8(absolute % 8)) != 0 { v |= 1 << UInt32(b) }
                }
                bitPos += bitWidth
                out.append(v)
            }
            pos = start + Int(header >> 1) * bitWidth
        } else {
            var v: UInt32 = 0
            for i in 0..<((bitWidth + 7) / 8) { v |= UInt32(bytes[pos + i]) << UInt32(8 * i) }
            pos += (bitWidth + 7) / 8
            out.append(contentsOf: repeatElement(v, count: Int(header >> 1)))
        }
    }
    return Array(out.prefix(count))
}

@Suite struct RLEHybridEncoderTests {
    @Test func bitPackedVectorFromEncodingsMd() {
        // Encodings.md: values 0...7 with bit width 3 pack to 10001000 11000110 11111010.
        let bytes = RLEHybridEncoder.encode((0..<8).map { UInt32($0) }, bitWidth: 3)
        #expect(bytes == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test func repeatedRunUsesRLE() {
        #expect(RLEHybridEncoder.encode(Array(repeating: UInt32(5), count: 8), bitWidth: 3) == [0x10, 0x05])
        // 1000 ones at bit width 1: varint(2000) = 0xD0 0x0F, then one value byte.
        #expect(RLEHybridEncoder.encode(Array(repeating: UInt32(1), count: 1000), bitWidth: 1) == [0xD0, 0x0F, 0x01])
        // Values wider than a byte take ceil(width/8) bytes, little-endian.
        #expect(RLEHybridEncoder.encode(Array(repeating: UInt32(0x0102), count: 9), bitWidth: 10) == [0x12, 0x02, 0x01])
    }

    @Test func shortTailIsPaddedLiteral() {
        // Three values that are not a run: one bit-packed group padded with zeros.
        #expect(RLEHybridEncoder.encode([1, 0, 1], bitWidth: 1) == [0x03, 0b0000_0101])
        // A short run alone is still RLE.
        #expect(RLEHybridEncoder.encode([1, 1, 1], bitWidth: 1) == [0x06, 0x01])
        #expect(RLEHybridEncoder.encode([], bitWidth: 1) == [])
    }

    @Test(arguments: [0, 1, 2, 3, 5, 7, 8, 9, 13, 16, 20, 31, 32])
    func randomRoundTrip(bitWidth: Int) {
        var rng = SystemRandomNumberGenerator()
        let maxValue: UInt64 = bitWidth == 0 ? 0 : (UInt64(1) << UInt64(bitWidth)) - 1
        for trial in 0..<20 {
            var values: [UInt32] = []
            let n = Int.random(in: 0..<3000, using: &rng)
            while values.count < n {
                let v = UInt32(UInt64.random(in: 0...maxValue, using: &rng))
                // Mix runs of varied length (to exercise run/literal switches) with noise.
                let run = trial % 2 == 0 ? Int.random(in: 1...20, using: &rng) : 1
                values.append(contentsOf: repeatElement(v, count: min(run, n - values.count)))
            }
            var encoder = RLEHybridEncoder(bitWidth: bitWidth)
            // Alternate between single appends and bulk runs.
            var i = 0
            while i < values.count {
                var j = i
                while j < values.count && values[j] == values[i] { j += 1 }
                if (j - i) % 2 == 0 { encoder.append(values[i], count: j - i) } else { for k in i..<j { encoder.append(values[k]) } }
                i = j
            }
            let bytes = encoder.finish()
            #expect(referenceDecodeRLE(bytes, bitWidth: bitWidth, count: values.count) == values)
        }
    }

    /// The group-at-a-time path (bulk appends, levels from masks) must write exactly the bytes of appending the
    /// values one by one, however the values are split between calls.
    @Test(arguments: [0, 1, 2, 3, 7, 8, 12, 17, 32])
    func bulkAppendsMatchOneByOne(bitWidth: Int) {
        var rng = SystemRandomNumberGenerator()
        let maxValue: UInt64 = bitWidth == 0 ? 0 : (UInt64(1) << UInt64(bitWidth)) - 1
        for trial in 0..<40 {
            var values: [UInt32] = []
            let n = Int.random(in: 0..<2500, using: &rng)
            while values.count < n {
                let v = UInt32(UInt64.random(in: 0...min(maxValue, trial % 3 == 0 ? 1 : maxValue), using: &rng))
                let run = [1, 1, 2, 7, 8, 9, 15, 16, 17, 40][Int.random(in: 0..<10, using: &rng)]
                values.append(contentsOf: repeatElement(v, count: min(run, n - values.count)))
            }
            var one = RLEHybridEncoder(bitWidth: bitWidth)
            for v in values { one.append(v) }
            let expected = one.finish()
            var bulk = RLEHybridEncoder(bitWidth: bitWidth)
            var i = 0
            while i < values.count {
                let j = min(values.count, i + Int.random(in: 0...70, using: &rng))
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: values[i..<j].withUnsafeBufferPointer { bulk.append(contentsOf: $0) }
                case 1: for k in i..<j { bulk.append(values[k]) }
                default: values[i..<j].map { UInt8(truncatingIfNeeded: $0) }.withUnsafeBufferPointer {
                    bitWidth <= 8 ? bulk.append(levels: $0) : values[i..<j].withUnsafeBufferPointer { bulk.append(contentsOf: $0) }
                }
                }
                i = j
            }
            #expect(bulk.valueCount == values.count)
            #expect(bulk.finish() == expected, "width \(bitWidth), \(values.count) values")
            if bitWidth == 1 {
                var masked = RLEHybridEncoder(bitWidth: 1)
                values.map { $0 == 1 }.withUnsafeBufferPointer { masked.append(levels: $0, present: 1, absent: 0) }
                #expect(masked.finish() == expected)
            }
        }
    }

    @Test func bitWidthForMax() {
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 0) == 0)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 1) == 1)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 2) == 2)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 255) == 8)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 256) == 9)
    }
}

@Suite struct PlainEncoderTests {
    @Test func fixedWidthLittleEndian() {
        var w = ByteWriter()
        PlainEncoder.encode([Int32(1), -2], into: &w)
        #expect(w.bytes == [1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF])
        w = ByteWriter()
        PlainEncoder.encode([Int64(0x0102030405060708)], into: &w)
        #expect(w.bytes == [8, 7, 6, 5, 4, 3, 2, 1])
        w = ByteWriter()
        PlainEncoder.encode([Float(1.0), Float(-2.5)], into: &w)
        #expect(w.bytes == [0, 0, 0x80, 0x3F, 0, 0, 0x20, 0xC0])
        w = ByteWriter()
        PlainEncoder.encode([Double(1.0)], into: &w)
        #expect(w.bytes == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
    }

    @Test func validitySkipsNullSlots() {
        var w = ByteWriter()
        PlainEncoder.encode([Int32(1), 99, 3, 99, 99, 6], validity: [true, false, true, false, false, true], into: &w)
        #expect(w.bytes == [1, 0, 0, 0, 3, 0, 0, 0, 6, 0, 0, 0])
    }

    @Test func booleansBitPackedLSBFirst() {
        var w = ByteWriter()
        PlainEncoder.encode(booleans: [true, false, true, true, false, false, false, false, true], into: &w)
        #expect(w.bytes == [0b0000_1101, 0b0000_0001])
        w = ByteWriter()
        PlainEncoder.encode(booleans: [true, true, false], validity: [true, false, true], into: &w)
        #expect(w.bytes == [0b01])
    }

    @Test func byteArraysLengthPrefixed() {
        var w = ByteWriter()
        PlainEncoder.encode(byteArrays: ByteArrayColumn(strings: ["ab", nil, "", "c"]), validity: [true, false, true, true], into: &w)
        #expect(w.bytes == [2, 0, 0, 0, 0x61, 0x62, 0, 0, 0, 0, 1, 0, 0, 0, 0x63])
    }

    @Test func fixedLengthAndWrongWidth() throws {
        var w = ByteWriter()
        try PlainEncoder.encode(fixedLength: ByteArrayColumn([[1, 2], [3, 4]] as [[UInt8]]), width: 2, into: &w)
        #expect(w.bytes == [1, 2, 3, 4])
        #expect(throws: ParquetWriteError.self) {
            try PlainEncoder.encode(fixedLength: ByteArrayColumn([[1, 2, 3]] as [[UInt8]]), width: 2, into: &w)
        }
    }
}

@Suite struct DictionaryEncoderTests {
    @Test func fixedWidthIndicesInFirstSeenOrder() {
        var d = DictionaryEncoder<Int64>(initialCapacity: 2)
        var indices: [UInt32] = []
        var expected: [UInt32] = []
        var firstSeen: [Int64: UInt32] = [:]
        for i in 0..<10_000 {
            let v = Int64((i * 7919) % 1500) - 700
            indices.append(d.index(of: v))
            if firstSeen[v] == nil { firstSeen[v] = UInt32(firstSeen.count) }
            expected.append(firstSeen[v]!)
        }
        #expect(indices == expected)
        #expect(d.count == 1500)
        #expect(d.plainSize == 1500 * 8)
        for (i, e) in d.entries.enumerated() { #expect(firstSeen[e] == UInt32(i)) }
    }

    @Test func floatsByBitPattern() {
        var d = DictionaryEncoder<Double>()
        #expect(d.index(of: 0.0) == 0)
        #expect(d.index(of: -0.0) == 1)
        #expect(d.index(of: .nan) == 2)
        #expect(d.index(of: .nan) == 2)
        #expect(d.index(of: 0.0) == 0)
        var w = ByteWriter()
        d.encodeDictionaryPage(into: &w)
        #expect(w.count == 24)
    }

    @Test func byteArraysDedupAndPage() {
        var d = ByteArrayDictionaryEncoder(initialCapacity: 2)
        var seen: [String: UInt32] = [:]
        for i in 0..<5000 {
            let s = "value-\((i * 31) % 777)" + String(repeating: "x", count: i % 13)
            let idx = d.index(of: Array(s.utf8))
            if let prior = seen[s] { #expect(prior == idx) } else {
                #expect(idx == UInt32(seen.count))
                seen[s] = idx
            }
        }
        #expect(d.index(of: []) == UInt32(seen.count))
        #expect(d.index(of: []) == UInt32(seen.count))
        var w = ByteWriter()
        d.encodeDictionaryPage(into: &w)
        #expect(w.count == d.plainSize)
        #expect(Array(w.bytes.prefix(4)) == [UInt8(d.entries.length(at: 0)), 0, 0, 0])
    }
}

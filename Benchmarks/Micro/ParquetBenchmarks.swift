import Parquet

/// Parquet hot paths: page compression codecs and value encoders, on page-sized realistic data.
enum ParquetBenchmarks {
    /// Company-like strings (the complaints data), repeated: what a string column page holds.
    static let names: [String] = [
        "Anthem Health Plans, Inc", "ConnectiCare Inc", "Aetna Life Insurance Company",
        "Progressive Direct Insurance Company", "GEICO General Insurance Company",
        "Liberty Mutual Fire Insurance Company", "UnitedHealthcare Insurance Company",
        "Cigna Health and Life Insurance Company", "Hartford Fire Insurance Company",
        "Amica Mutual Insurance Company", "Nationwide Mutual Insurance Company", "USAA Casualty Insurance Company",
    ]

    /// Benchmarks over `values` values per page.
    static func all(values: Int) -> [MicroBenchmark] {
        var rng = SyntheticLog.Rng(state: 0x9E37_79B9_7F4A_7C15)
        var ids: [Int64] = []
        ids.reserveCapacity(values)
        var id: Int64 = 100_000
        for _ in 0..<values { id += Int64(rng.below(3)) + 1; ids.append(id) }
        let strings = (0..<values).map { _ in names[Int(rng.below(UInt64(names.count)))] }
        let stringBytes = ByteArrayValues(strings.map { Optional($0) })
        let indices = (0..<values).map { _ in UInt32(rng.below(UInt64(names.count))) }

        // A page body: PLAIN int64 ids followed by PLAIN strings (length-prefixed), as a writer would compress.
        var page = ByteWriter(capacity: values * 40)
        PlainEncoder.encode(ids, into: &page)
        PlainEncoder.encode(byteArrays: stringBytes, into: &page)
        let raw = page.bytes
        var out: [MicroBenchmark] = []
        for (label, codec) in [("snappy", CompressionCodec.snappy), ("zstd level 1", .zstd)] {
            let compressed = (try? PageCompression.compress(raw, codec: codec)) ?? []
            out.append(MicroBenchmark(name: "\(label) compress (page, \(raw.count / 1024) KiB)", bytes: raw.count) {
                try PageCompression.compress(raw, codec: codec).count
            })
            out.append(MicroBenchmark(name: "\(label) decompress (page, \(raw.count / 1024) KiB)", bytes: raw.count) {
                try PageCompression.decompress(compressed, codec: codec, uncompressedSize: raw.count).count
            })
        }
        out.append(MicroBenchmark(name: "PLAIN encode int64", bytes: values * 8) {
            var w = ByteWriter(capacity: values * 8)
            PlainEncoder.encode(ids, into: &w)
            return w.count
        })
        out.append(MicroBenchmark(name: "PLAIN encode strings (BYTE_ARRAY)", bytes: stringBytes.bytes.count) {
            var w = ByteWriter(capacity: stringBytes.bytes.count + 4 * values)
            PlainEncoder.encode(byteArrays: stringBytes, into: &w)
            return w.count
        })
        out.append(MicroBenchmark(name: "RLE/bit-packed hybrid encode (dictionary indices)", bytes: values * 4) {
            RLEHybridEncoder.encode(indices, bitWidth: RLEHybridEncoder.bitWidth(forMaxValue: UInt64(names.count))).count
        })
        out.append(MicroBenchmark(name: "dictionary encode strings (index lookup + RLE indices)",
                                  bytes: stringBytes.bytes.count) {
            var dict = ByteArrayDictionaryEncoder()
            var rle = RLEHybridEncoder(bitWidth: 8, capacity: values)
            stringBytes.bytes.withUnsafeBytes { all in
                for i in 0..<stringBytes.count {
                    let r = stringBytes.offsets[i]..<stringBytes.offsets[i + 1]
                    rle.append(dict.index(of: UnsafeRawBufferPointer(rebasing: all[r])))
                }
            }
            return rle.finish().count &+ dict.count
        })
        return out
    }
}

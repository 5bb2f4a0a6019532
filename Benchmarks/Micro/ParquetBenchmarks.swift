import Parquet

/// Parquet hot paths: page compression codecs and the value encoders and decoders, on page-sized realistic data.
enum ParquetBenchmarks {
    /// Company-like strings (the complaints data), repeated: what a string column page holds.
    static let names: [String] = [
        "Anthem Health Plans, Inc", "ConnectiCare Inc", "Aetna Life Insurance Company",
        "Progressive Direct Insurance Company", "GEICO General Insurance Company",
        "Liberty Mutual Fire Insurance Company", "UnitedHealthcare Insurance Company",
        "Cigna Health and Life Insurance Company", "Hartford Fire Insurance Company",
        "Amica Mutual Insurance Company", "Nationwide Mutual Insurance Company", "USAA Casualty Insurance Company",
    ]

    /// Benchmarks over `values` values per page (page-sized: larger inputs measure page faults, not codecs).
    static func all(values: Int) -> [MicroBenchmark] {
        var rng = SyntheticLog.Rng(state: 0x9E37_79B9_7F4A_7C15)
        var ids: [Int64] = []
        ids.reserveCapacity(values)
        var id: Int64 = 100_000
        for _ in 0..<values { id += Int64(rng.below(3)) + 1; ids.append(id) }
        let strings = ByteArrayColumn((0..<values).map { _ in Array(names[Int(rng.below(UInt64(names.count)))].utf8) })
        let indices = (0..<values).map { _ in UInt32(rng.below(UInt64(names.count))) }
        let width = RLEHybridEncoder.bitWidth(forMaxValue: UInt64(names.count - 1))
        // About one value in ten is null, in short runs (as in the complaints' Closed column).
        let validity = (0..<values).map { _ in rng.below(10) != 0 }

        var plainIDs = ByteWriter(capacity: values * 8)
        PlainEncoder.encode(ids, into: &plainIDs)
        var plainStrings = ByteWriter(capacity: strings.data.count + 4 * values)
        PlainEncoder.encode(byteArrays: strings, into: &plainStrings)
        let rle = RLEHybridEncoder.encode(indices, bitWidth: width)
        let dictionaryPage = [UInt8(width)] + rle
        var dictionary = ColumnValues(physicalType: .byteArray)
        dictionary.bytes = ByteArrayColumn(names.map { Array($0.utf8) })
        // A 1 MiB page body (ids then strings) as a writer would compress it: real pages are about this size.
        let raw = Array((plainIDs.bytes + plainStrings.bytes).prefix(1 << 20))

        var out: [MicroBenchmark] = []
        for (label, codec) in [("snappy", CompressionCodec.snappy), ("zstd level 1", .zstd)] {
            let compressed = (try? PageCompression.compress(raw, codec: codec)) ?? []
            out.append(MicroBenchmark(name: "\(label) compress (page of ids + strings)", bytes: raw.count) {
                try PageCompression.compress(raw, codec: codec).count
            })
            out.append(MicroBenchmark(name: "\(label) decompress (page of ids + strings)", bytes: raw.count) {
                try PageCompression.decompress(compressed, codec: codec, uncompressedSize: raw.count).count
            })
        }
        out.append(MicroBenchmark(name: "PLAIN encode int64", bytes: values * 8) {
            var w = ByteWriter(capacity: values * 8)
            PlainEncoder.encode(ids, into: &w)
            return w.count
        })
        out.append(MicroBenchmark(name: "PLAIN decode int64", bytes: values * 8) {
            var v = ColumnValues(physicalType: .int64)
            return try plainIDs.bytes.withUnsafeBytes { try PlainDecoder.decode($0, count: values, into: &v) }
        })
        out.append(MicroBenchmark(name: "PLAIN encode strings (BYTE_ARRAY)", bytes: plainStrings.count) {
            var w = ByteWriter(capacity: plainStrings.count)
            PlainEncoder.encode(byteArrays: strings, into: &w)
            return w.count
        })
        out.append(MicroBenchmark(name: "PLAIN decode strings (BYTE_ARRAY)", bytes: plainStrings.count) {
            var v = ColumnValues(physicalType: .byteArray)
            return try plainStrings.bytes.withUnsafeBytes { try PlainDecoder.decode($0, count: values, into: &v) }
        })
        out.append(MicroBenchmark(name: "RLE/bit-packed hybrid encode (dictionary indices)", bytes: values * 4) {
            RLEHybridEncoder.encode(indices, bitWidth: width).count
        })
        out.append(MicroBenchmark(name: "RLE/bit-packed hybrid decode (dictionary indices)", bytes: values * 4) {
            try rle.withUnsafeBytes { buf in
                var d = try RLEHybridDecoder(buf, bitWidth: width)
                return try d.decode(count: values).count
            }
        })
        out.append(MicroBenchmark(name: "RLE/bit-packed hybrid encode (definition levels from a validity mask)",
                                  bytes: values) {
            var enc = RLEHybridEncoder(bitWidth: 1, capacity: values / 8)
            validity.withUnsafeBufferPointer { enc.append(levels: $0, present: 1, absent: 0) }
            return enc.finish().count
        })
        out.append(MicroBenchmark(name: "dictionary encode strings (lookup + RLE indices)", bytes: strings.data.count) {
            var dict = ByteArrayDictionaryEncoder()
            var found = [UInt32]()
            found.reserveCapacity(values)
            strings.data.withUnsafeBytes { all in
                for i in 0..<strings.count {
                    let r = strings.offsets[i]..<strings.offsets[i + 1]
                    found.append(dict.index(of: UnsafeRawBufferPointer(rebasing: all[r])))
                }
            }
            return RLEHybridEncoder.encode(found, bitWidth: 8).count &+ dict.count
        })
        out.append(MicroBenchmark(name: "column chunk write: strings with nulls (dictionary, levels, stats, snappy)",
                                  bytes: strings.data.count) {
            let writer = try ParquetFileWriter(fields: [ParquetColumnType.string.node("s", nullable: true)],
                                               sink: MemorySink(), options: ParquetWriterOptions(codec: .snappy))
            try writer.write(batch: [ColumnBatch(.byteArray(strings), validity: validity)])
            return Int(try writer.close().fileSize)
        })
        out.append(MicroBenchmark(name: "dictionary decode strings (RLE indices -> values)", bytes: strings.data.count) {
            var v = ColumnValues(physicalType: .byteArray)
            try dictionaryPage.withUnsafeBytes {
                try DictionaryDecoder.decode($0, count: values, dictionary: dictionary, into: &v)
            }
            return v.count
        })
        return out
    }
}

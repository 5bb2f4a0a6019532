import Parquet

/// Encodes shredded checkpoint columns as one Parquet file (Parquet format: one row group; per column, data pages
/// v1 of at most ``rowsPerPage`` level entries with RLE levels and PLAIN values, snappy-compressed), built from
/// the Parquet module's public encoders and Thrift metadata. Checkpoints are read whole, so a single row group keeps
/// them simple for every reader.
enum CheckpointParquetEncoder {
    /// Level entries per data page.
    static let entriesPerPage = 64 * 1024
    static let codec: CompressionCodec = .snappy

    static func encode(_ shredder: CheckpointShredder, rows: Int) throws -> [UInt8] {
        var out = ByteWriter(capacity: 1 << 16)
        out.writeBytes(Array("PAR1".utf8))
        var chunks: [ColumnChunk] = []
        var totalUncompressed: Int64 = 0
        for (column, leaf) in zip(shredder.schema.columns, shredder.leaves) {
            let start = Int64(out.count)
            var uncompressed: Int64 = 0
            let entries = leaf.definitionLevels.count
            var valueIndex = 0
            var entry = 0
            repeat {
                // Pages end on record boundaries (a repetition level of 0 starts a record).
                var end = min(entries, entry + entriesPerPage)
                while end < entries && leaf.repetitionLevels[end] != 0 { end += 1 }
                let maxDef = UInt8(column.maxDefinitionLevel)
                var present = 0
                for i in entry..<end where leaf.definitionLevels[i] == maxDef { present += 1 }
                var body = ByteWriter(capacity: 1024)
                if column.maxRepetitionLevel > 0 {
                    appendLevels(leaf.repetitionLevels[entry..<end], max: column.maxRepetitionLevel, to: &body)
                }
                if column.maxDefinitionLevel > 0 {
                    appendLevels(leaf.definitionLevels[entry..<end], max: column.maxDefinitionLevel, to: &body)
                }
                appendValues(leaf, range: valueIndex..<(valueIndex + present), to: &body)
                valueIndex += present
                let compressed = try PageCompression.compress(body.bytes, codec: codec)
                let header = PageHeader(type: .dataPage, uncompressedPageSize: Int32(body.count),
                                        compressedPageSize: Int32(compressed.count),
                                        dataPageHeader: DataPageHeader(numValues: Int32(end - entry), encoding: .plain))
                let headerBytes = header.thriftEncoded()
                out.writeBytes(headerBytes)
                out.writeBytes(compressed)
                uncompressed += Int64(headerBytes.count + body.count)
                entry = end
            } while entry < entries
            let meta = ColumnMetaData(type: column.physicalType, encodings: [.plain, .rle], pathInSchema: column.path,
                                      codec: codec, numValues: Int64(entries), totalUncompressedSize: uncompressed,
                                      totalCompressedSize: Int64(out.count) - start, dataPageOffset: start)
            chunks.append(ColumnChunk(fileOffset: start, metaData: meta))
            totalUncompressed += uncompressed
        }
        let group = RowGroup(columns: chunks, totalByteSize: totalUncompressed, numRows: Int64(rows),
                             fileOffset: 4, totalCompressedSize: Int64(out.count) - 4, ordinal: 0)
        let footer = FileMetaData(schema: shredder.schema.elements, numRows: Int64(rows), rowGroups: [group],
                                  createdBy: "deltactl version 0.1.0").thriftEncoded()
        out.writeBytes(footer)
        out.writeLittleEndian(UInt32(footer.count))
        out.writeBytes(Array("PAR1".utf8))
        return out.bytes
    }

    static func appendLevels(_ levels: ArraySlice<UInt8>, max: Int, to body: inout ByteWriter) {
        let encoded = RLEHybridEncoder.encode(levels.lazy.map { UInt32($0) },
                                              bitWidth: RLEHybridEncoder.bitWidth(forMaxValue: UInt64(max)))
        body.writeLittleEndian(UInt32(encoded.count))
        body.writeBytes(encoded)
    }

    static func appendValues(_ leaf: CheckpointShredder.Leaf, range: Range<Int>, to body: inout ByteWriter) {
        guard !range.isEmpty else { return }
        switch leaf.type {
        case .boolean: PlainEncoder.encode(booleans: Array(leaf.bools[range]), into: &body)
        case .int32: PlainEncoder.encode(Array(leaf.int32s[range]), into: &body)
        case .int64, .int96: PlainEncoder.encode(Array(leaf.int64s[range]), into: &body)
        case .float: PlainEncoder.encode(Array(leaf.floats[range]), into: &body)
        case .double: PlainEncoder.encode(Array(leaf.doubles[range]), into: &body)
        case .byteArray, .fixedLenByteArray:
            PlainEncoder.encode(byteArrays: leaf.bytes, range: range, into: &body)
        }
    }
}

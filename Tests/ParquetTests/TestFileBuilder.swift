import Parquet

/// Builds small Parquet files by hand (one row group, one uncompressed v1 PLAIN page per column) so that tests can
/// produce layouts pyarrow never writes (legacy two-level lists, MAP_KEY_VALUE maps) and targeted corruptions.
enum TestFileBuilder {
    /// One leaf column's page content.
    struct Column {
        var definitionLevels: [Int] = []
        var repetitionLevels: [Int] = []
        /// PLAIN-encoded non-null values.
        var plain: [UInt8]
        /// Number of level entries (slots).
        var slots: Int
    }

    /// RLE runs (no bit-packing) with the 4-byte length prefix of v1 pages.
    static func rleLevels(_ levels: [Int], maxLevel: Int) -> [UInt8] {
        let width = (BitWidth.forMax(maxLevel) + 7) / 8
        var body = ByteWriter()
        var i = 0
        while i < levels.count {
            var j = i
            while j < levels.count && levels[j] == levels[i] { j += 1 }
            body.writeVarUInt64(UInt64(j - i) << 1)
            for b in 0..<width { body.writeByte(UInt8(truncatingIfNeeded: levels[i] >> (8 * b))) }
            i = j
        }
        var out = ByteWriter()
        out.writeLittleEndian(UInt32(body.count))
        out.writeBytes(body.bytes)
        return out.bytes
    }

    static func plainStrings(_ values: [String]) -> [UInt8] {
        var w = ByteWriter()
        for v in values {
            w.writeLittleEndian(UInt32(v.utf8.count))
            w.writeBytes(Array(v.utf8))
        }
        return w.bytes
    }

    static func plainInt32(_ values: [Int32]) -> [UInt8] {
        var w = ByteWriter()
        for v in values { w.writeLittleEndian(v) }
        return w.bytes
    }

    static func build(schema: ParquetSchema, numRows: Int, columns: [Column]) -> [UInt8] {
        var file = ByteWriter()
        file.writeBytes(Array("PAR1".utf8))
        var chunks: [ColumnChunk] = []
        for (descriptor, column) in zip(schema.columns, columns) {
            var page: [UInt8] = []
            if descriptor.maxRepetitionLevel > 0 {
                page += rleLevels(column.repetitionLevels, maxLevel: descriptor.maxRepetitionLevel)
            }
            if descriptor.maxDefinitionLevel > 0 {
                page += rleLevels(column.definitionLevels, maxLevel: descriptor.maxDefinitionLevel)
            }
            page += column.plain
            let header = PageHeader(type: .dataPage, uncompressedPageSize: Int32(page.count),
                                    compressedPageSize: Int32(page.count),
                                    dataPageHeader: DataPageHeader(numValues: Int32(column.slots), encoding: .plain))
            let offset = Int64(file.count)
            let headerBytes = header.thriftEncoded()
            file.writeBytes(headerBytes)
            file.writeBytes(page)
            let size = Int64(headerBytes.count + page.count)
            chunks.append(ColumnChunk(fileOffset: offset, metaData: ColumnMetaData(
                type: descriptor.physicalType, encodings: [.plain, .rle], pathInSchema: descriptor.path,
                codec: .uncompressed, numValues: Int64(column.slots), totalUncompressedSize: size,
                totalCompressedSize: size, dataPageOffset: offset)))
        }
        let meta = FileMetaData(version: 1, schema: schema.elements, numRows: Int64(numRows),
                                rowGroups: [RowGroup(columns: chunks, totalByteSize: Int64(file.count - 4),
                                                     numRows: Int64(numRows))],
                                createdBy: "deltactl test builder")
        let footer = meta.thriftEncoded()
        file.writeBytes(footer)
        file.writeLittleEndian(UInt32(footer.count))
        file.writeBytes(Array("PAR1".utf8))
        return file.bytes
    }
}

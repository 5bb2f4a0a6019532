/// The finished column chunk: its bytes (dictionary page first) and what the footer and the caller need.
struct FinishedColumnChunk {
    /// Byte segments in file order (dictionary page, then the data pages).
    var segments: [[UInt8]]
    /// Total size of the segments.
    var byteCount: Int { segments.reduce(0) { $0 + $1.count } }
    /// Footer metadata, with offsets relative to the chunk start (see ``ColumnChunkWriter/finishChunk()``).
    var metaData: ColumnMetaData
    /// Typed statistics of the chunk.
    var statistics: ColumnStatistics
}

extension ColumnChunkWriter {
    /// Flushes the last page and returns the chunk with metadata whose offsets assume the chunk starts at
    /// `fileOffset`; then resets for the next row group.
    func finishChunk(fileOffset: Int64) throws -> FinishedColumnChunk {
        try flushPage()
        var out: [[UInt8]] = []
        var uncompressed = 0
        var dictionaryOffset: Int64?
        var encodingStats: [PageEncodingStats] = []
        var encodings: [Encoding] = []
        if let (count, body) = values.dictionaryPage() {
            dictionaryOffset = fileOffset
            uncompressed += try appendDictionaryPage(count: count, body: body, to: &out)
            encodingStats.append(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
            encodings.append(.plain)
        }
        let dictionaryBytes = out.reduce(0) { $0 + $1.count }
        let dataOffset = fileOffset + Int64(dictionaryBytes)
        let dataPages = takePages()
        let dataBytes = dataPages.reduce(0) { $0 + $1.count }
        uncompressed += takeUncompressedPageBytes()
        for encoding in [Encoding.plain, .rleDictionary] {
            guard let n = dataPageEncodings[encoding] else { continue }
            encodingStats.append(PageEncodingStats(pageType: .dataPage, encoding: encoding, count: n))
            if !encodings.contains(encoding) { encodings.append(encoding) }
        }
        if column.maxDefinitionLevel > 0 || column.maxRepetitionLevel > 0 { encodings.append(.rle) }

        var statistics = ColumnStatistics()
        statistics.nullCount = Int64(chunkNullCount)
        statistics.valueCount = Int64(chunkLevelCount - chunkNullCount)
        // INT96 has no defined sort order: no min/max (as parquet-mr).
        if column.physicalType != .int96, let (lo, hi) = values.minMax {
            statistics.min = lo
            statistics.max = hi
        }
        let metaData = ColumnMetaData(
            type: column.physicalType, encodings: encodings, pathInSchema: column.path, codec: options.codec,
            numValues: Int64(chunkLevelCount), totalUncompressedSize: Int64(uncompressed),
            totalCompressedSize: Int64(dictionaryBytes + dataBytes), dataPageOffset: dataOffset, dictionaryPageOffset: dictionaryOffset,
            statistics: statistics.thrift(maxBoundBytes: options.maxStatisticsSize), encodingStats: encodingStats)
        resetChunk()
        return FinishedColumnChunk(segments: out + dataPages, metaData: metaData, statistics: statistics)
    }

    private func appendDictionaryPage(count: Int, body: [UInt8], to out: inout [[UInt8]]) throws -> Int {
        try appendPage(type: .dictionaryPage, body: body, to: &out) {
            $0.dictionaryPageHeader = DictionaryPageHeader(numValues: Int32(count), encoding: .plain)
        }
    }
}

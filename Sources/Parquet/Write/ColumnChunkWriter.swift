/// Writes one leaf column of a row group: levels and values in, data pages v1 (plus a dictionary page) and the
/// column-chunk metadata out.
///
/// A data page v1 body is: repetition levels (4-byte length + RLE/bit-packed hybrid) when the column is repeated,
/// definition levels (same form) when it is nullable or nested in an optional group, then the values. The body is
/// compressed with the chunk's codec. Pages stay in memory until the row group closes, because the dictionary page
/// (known only then) must precede them.
final class ColumnChunkWriter {
    /// The column written.
    let column: ColumnDescriptor
    let options: ParquetWriterOptions
    let values: ValueWriterBox
    private var definitionLevels: RLEHybridEncoder
    private var repetitionLevels: RLEHybridEncoder
    private var pageLevelCount = 0
    private var pageNullCount = 0

    /// Data pages of the current chunk as segments in file order (header, compressed body, ...): kept apart
    /// rather than concatenated so that no growing buffer is copied.
    private var pages: [[UInt8]] = []
    private var pagesByteCount = 0
    private var uncompressedPageBytes = 0
    private(set) var chunkLevelCount = 0
    private(set) var chunkNullCount = 0
    private(set) var dataPageEncodings: [Encoding: Int32] = [:]

    /// Creates a writer for `column`.
    init(column: ColumnDescriptor, options: ParquetWriterOptions) {
        self.column = column
        self.options = options
        values = ValueWriterBox(column: column, settings: ValueWriterSettings(
            dictionaryEnabled: options.dictionaryEnabled, dictionaryPageSizeLimit: options.dictionaryPageSizeLimit))
        definitionLevels = RLEHybridEncoder(bitWidth: RLEHybridEncoder.bitWidth(forMaxValue: UInt64(column.maxDefinitionLevel)))
        repetitionLevels = RLEHybridEncoder(bitWidth: RLEHybridEncoder.bitWidth(forMaxValue: UInt64(column.maxRepetitionLevel)))
    }

    /// Bytes buffered for this chunk (compressed pages plus the current page and dictionary estimates).
    var bufferedBytes: Int { pagesByteCount + values.estimatedPageBytes + values.estimatedDictionaryBytes + pageLevelCount / 4 }

    /// Most level entries in one page (long null runs add no value bytes but must still end pages).
    static let maxPageLevels = 1 << 20

    /// Whether the open page has reached its size (values, level count or dictionary limit).
    private var pageIsFull: Bool {
        values.estimatedPageBytes >= options.pageSize || pageLevelCount >= Self.maxPageLevels || values.dictionaryFull
    }

    /// Rows per step of ``write(flat:range:)``: page sizes are checked between steps.
    static let flatStep = 1024

    /// Appends rows `range` of a flat column (no repetition, at most one definition level).
    func write(flat batch: ColumnBatch, range: Range<Int>) throws {
        var batch = batch
        if batch.values.physicalType == .int96 { batch.values = Self.prepared(batch.values) }
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + Self.flatStep)
            try writeStep(flat: batch, range: start..<end)
            start = end
        }
    }

    private func writeStep(flat batch: ColumnBatch, range: Range<Int>) throws {
        let name = column.dottedPath
        guard column.maxRepetitionLevel == 0, column.maxDefinitionLevel <= 1 else {
            throw ParquetWriteError.schemaMismatch(column: name, reason: "nested column needs levels (use the record API)")
        }
        guard batch.values.count >= range.upperBound, (batch.validity?.count ?? Int.max) >= range.upperBound else {
            throw ParquetWriteError.schemaMismatch(column: name, reason: "batch column shorter than the row count")
        }
        if let validity = batch.validity {
            try validity.withUnsafeBufferPointer { mask in
                var nulls = 0
                for i in range where !mask[i] { nulls += 1 }
                if nulls > 0 && column.maxDefinitionLevel == 0 {
                    throw ParquetWriteError.schemaMismatch(column: name, reason: "null value in a required column")
                }
                if column.maxDefinitionLevel == 1 {
                    if nulls == 0 {
                        definitionLevels.append(1, count: range.count)
                    } else {
                        definitionLevels.append(levels: UnsafeBufferPointer(rebasing: mask[range]), present: 1, absent: 0)
                    }
                }
                pageNullCount += nulls
                try values.append(batch.values, validity: mask, range: range, column: name)
            }
        } else {
            if column.maxDefinitionLevel == 1 { definitionLevels.append(1, count: range.count) }
            try values.append(batch.values, validity: nil, range: range, column: name)
        }
        pageLevelCount += range.count
        if pageIsFull { try flushPage() }
    }

    /// Appends level-encoded data: one definition (and repetition) level per entry and the dense values of the
    /// entries whose definition level is the maximum. Call with whole records only (pages end on record boundaries).
    func write(values dense: ColumnValues, definitionLevels defs: [UInt8], repetitionLevels reps: [UInt8]) throws {
        let name = column.dottedPath
        let maxDef = UInt8(column.maxDefinitionLevel)
        guard column.maxRepetitionLevel == 0 || reps.count == defs.count else {
            throw ParquetWriteError.schemaMismatch(column: name, reason: "\(reps.count) repetition levels for \(defs.count) definition levels")
        }
        var present = 0
        for d in defs {
            if d == maxDef { present += 1 } else if d > maxDef {
                throw ParquetWriteError.schemaMismatch(column: name, reason: "definition level \(d) above the maximum \(maxDef)")
            }
        }
        guard present == dense.count else {
            throw ParquetWriteError.schemaMismatch(column: name, reason: "\(dense.count) values for \(present) present entries")
        }
        if maxDef > 0 { defs.withUnsafeBufferPointer { definitionLevels.append(levels: $0) } }
        if column.maxRepetitionLevel > 0 { reps.withUnsafeBufferPointer { repetitionLevels.append(levels: $0) } }
        pageLevelCount += defs.count
        pageNullCount += defs.count - present
        try values.append(Self.prepared(dense), validity: nil, range: 0..<dense.count, column: name)
        if pageIsFull { try flushPage() }
    }

    /// INT96 values travel as 12-byte fixed-length values (nanoseconds of day, then Julian day, little-endian).
    static func prepared(_ values: ColumnValues) -> ColumnValues {
        guard values.physicalType == .int96 else { return values }
        var bytes = ByteArrayColumn()
        bytes.reserve(values: values.int96s.count, bytes: values.int96s.count * 12)
        for v in values.int96s {
            withUnsafeBytes(of: v.nanosOfDay.littleEndian) { bytes.data.append(contentsOf: $0) }
            withUnsafeBytes(of: v.julianDay.littleEndian) { bytes.data.append(contentsOf: $0) }
            bytes.offsets.append(bytes.data.count)
        }
        return .fixedLenByteArray(bytes)
    }

    /// Encodes, compresses and stores the current page (nothing when it is empty).
    func flushPage() throws {
        guard pageLevelCount > 0 else { return }
        var body = ByteWriter(capacity: values.estimatedPageBytes + pageLevelCount / 2 + 64)
        if column.maxRepetitionLevel > 0 { appendLevels(&repetitionLevels, to: &body) }
        if column.maxDefinitionLevel > 0 { appendLevels(&definitionLevels, to: &body) }
        let encoding = values.flushPage(into: &body)
        let header = DataPageHeader(numValues: Int32(pageLevelCount), encoding: encoding,
                                    definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        try appendPage(type: .dataPage, body: body.bytes) { $0.dataPageHeader = header }
        dataPageEncodings[encoding, default: 0] += 1
        chunkLevelCount += pageLevelCount
        chunkNullCount += pageNullCount
        pageLevelCount = 0
        pageNullCount = 0
    }

    private func appendLevels(_ encoder: inout RLEHybridEncoder, to body: inout ByteWriter) {
        let levels = encoder.finish()
        body.writeLittleEndian(UInt32(levels.count))
        body.writeBytes(levels)
    }

    /// Compresses `body` and appends header and page to `out` as two segments; returns the uncompressed size
    /// (header included).
    func appendPage(type: PageType, body: [UInt8], to out: inout [[UInt8]],
                    configure: (inout PageHeader) -> Void) throws -> Int {
        let compressed: [UInt8]
        do {
            compressed = options.codec == .uncompressed
                ? body : try PageCompression.compress(body, codec: options.codec, level: options.compressionLevel)
        } catch {
            throw ParquetWriteError.compressionFailed(codec: "\(options.codec)", reason: String(describing: error))
        }
        guard body.count <= Int(Int32.max), compressed.count <= Int(Int32.max) else {
            throw ParquetWriteError.invalidValue(column: column.dottedPath, row: 0, reason: "page larger than 2 GiB")
        }
        var header = PageHeader(type: type, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(compressed.count))
        configure(&header)
        let headerBytes = header.thriftEncoded()
        out.append(headerBytes)
        out.append(compressed)
        return headerBytes.count + body.count
    }

    private func appendPage(type: PageType, body: [UInt8], configure: (inout PageHeader) -> Void) throws {
        let before = pages.count
        uncompressedPageBytes += try appendPage(type: type, body: body, to: &pages, configure: configure)
        for segment in pages[before...] { pagesByteCount += segment.count }
    }

    /// Hands over the data pages of the chunk and clears them.
    func takePages() -> [[UInt8]] {
        defer {
            pages = []
            pagesByteCount = 0
        }
        return pages
    }

    /// Uncompressed size of the data pages handed over by ``takePages()``; clears it.
    func takeUncompressedPageBytes() -> Int {
        defer { uncompressedPageBytes = 0 }
        return uncompressedPageBytes
    }

    /// Starts a new chunk: levels, dictionary and statistics are forgotten.
    func resetChunk() {
        values.resetChunk()
        chunkLevelCount = 0
        chunkNullCount = 0
        dataPageEncodings = [:]
        _ = definitionLevels.finish()
        _ = repetitionLevels.finish()
        pageLevelCount = 0
        pageNullCount = 0
    }
}

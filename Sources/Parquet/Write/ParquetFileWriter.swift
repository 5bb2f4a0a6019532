/// Writes one Parquet file incrementally: magic, row groups as they fill, then the footer.
///
/// Feed it columnar batches (``write(batch:)``, flat schemas) or records (``write(records:)``, any schema,
/// including structs, lists and maps); each call may close a row group once the buffered column data reaches
/// ``ParquetWriterOptions/rowGroupSize``, so memory stays bounded by about one row group. ``close()`` writes the
/// footer (schema, row groups, key-value metadata, `created_by`) and returns the statistics Delta needs.
public final class ParquetFileWriter {
    /// The file's schema (leaf columns in ``ParquetSchema/columns`` order).
    public let schema: ParquetSchema
    /// The options in effect.
    public let options: ParquetWriterOptions
    private let sink: ParquetSink
    let columns: [ColumnChunkWriter]
    private var offset: Int64 = 0
    private var rowGroups: [RowGroup] = []
    private var fileStatistics: [ColumnStatistics]
    /// Rows buffered in the open row group.
    private(set) var rowGroupRows = 0
    private var totalRows: Int64 = 0
    private var failed = false
    private var closed = false

    /// Creates a writer for `schema` and writes the leading magic to `sink`.
    public init(schema: ParquetSchema, sink: ParquetSink, options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        try SchemaValidation.validate(schema)
        guard options.pageSize > 0, options.rowGroupSize > 0 else {
            throw ParquetWriteError.invalidSchema(reason: "page and row-group sizes must be positive")
        }
        self.schema = schema
        self.options = options
        self.sink = sink
        columns = schema.columns.map { ColumnChunkWriter(column: $0, options: options) }
        fileStatistics = Array(repeating: ColumnStatistics(), count: schema.columns.count)
        try emit(Array("PAR1".utf8))
    }

    /// Creates a writer for a schema made of `fields` (top-level nodes).
    public convenience init(fields: [SchemaNode], sink: ParquetSink, options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        try self.init(schema: ParquetSchema(fields: fields), sink: sink, options: options)
    }

    /// Bytes written to the sink so far.
    public var bytesWritten: Int64 { offset }

    /// Approximate bytes buffered in the open row group.
    public var bufferedBytes: Int { columns.reduce(0) { $0 + $1.bufferedBytes } }

    /// Appends rows given as one ``ColumnBatch`` per leaf column (flat schemas only: no lists, maps or structs),
    /// in ``ParquetSchema/columns`` order. Every batch must hold the same number of rows.
    ///
    /// A batch that does not match the schema (column count, row count, physical type, nulls in a required column)
    /// is refused before anything is written; an error while encoding (e.g. a FIXED_LEN_BYTE_ARRAY value of the
    /// wrong width) makes the writer refuse further use (``ParquetWriteError/writerClosed``).
    public func write(batch: [ColumnBatch]) throws {
        try checkOpen()
        guard batch.count == columns.count else {
            throw ParquetWriteError.schemaMismatch(column: "*", reason: "batch has \(batch.count) columns, schema has \(columns.count)")
        }
        let rows = batch.first?.values.count ?? 0
        // Checks that need no encoding come first, so that a mismatched batch leaves the writer usable.
        for (c, column) in batch.enumerated() {
            let descriptor = columns[c].column
            let name = descriptor.dottedPath
            if column.values.count != rows || (column.validity.map { $0.count != rows } ?? false) {
                throw ParquetWriteError.schemaMismatch(column: name, reason: "\(column.values.count) rows, expected \(rows)")
            }
            if column.values.physicalType != descriptor.physicalType {
                throw ParquetWriteError.schemaMismatch(
                    column: name, reason: "\(column.values.physicalType) values for a \(descriptor.physicalType) column")
            }
            if descriptor.maxRepetitionLevel > 0 || descriptor.maxDefinitionLevel > 1 {
                throw ParquetWriteError.schemaMismatch(column: name, reason: "nested column: use write(rows:)")
            }
            if descriptor.maxDefinitionLevel == 0, let validity = column.validity, validity.contains(false) {
                throw ParquetWriteError.schemaMismatch(column: name, reason: "null value in a required column")
            }
        }
        // INT96 values are converted once to their 12-byte form.
        let batch = batch.map {
            $0.values.physicalType == .int96 ? ColumnBatch(ColumnChunkWriter.prepared($0.values), validity: $0.validity) : $0
        }
        // Slices keep pages and row groups near their target sizes even for very large batches.
        let slice = 8192
        var start = 0
        while start < rows {
            let range = start..<min(rows, start + slice)
            do {
                for (c, writer) in columns.enumerated() { try writer.write(flat: batch[c], range: range) }
            } catch {
                failed = true
                throw error
            }
            rowGroupRows += range.count
            start = range.upperBound
            if bufferedBytes >= options.rowGroupSize { try flushRowGroup() }
        }
    }

    /// Adds `rows` records already written to every column writer (record API) and closes the row group if full.
    func didAppendRecords(_ rows: Int) throws {
        rowGroupRows += rows
        if bufferedBytes >= options.rowGroupSize { try flushRowGroup() }
    }

    /// Marks the writer unusable after a failed partial write.
    func markFailed() { failed = true }

    /// Throws when the writer was closed or an earlier write failed half-way.
    func checkOpen() throws {
        if closed || failed { throw ParquetWriteError.writerClosed }
    }

    /// Writes the open row group (if it has rows) to the sink.
    public func flushRowGroup() throws {
        try checkOpen()
        guard rowGroupRows > 0 else { return }
        do {
            let start = offset
            var chunks: [ColumnChunk] = []
            var uncompressed: Int64 = 0
            for (c, writer) in columns.enumerated() {
                let chunkStart = offset
                let finished = try writer.finishChunk(fileOffset: chunkStart)
                for segment in finished.segments { try emit(segment) }
                uncompressed += finished.metaData.totalUncompressedSize
                chunks.append(ColumnChunk(fileOffset: chunkStart, metaData: finished.metaData))
                fileStatistics[c].merge(finished.statistics, signedBytes: Self.signedBytes(writer.column))
            }
            rowGroups.append(RowGroup(columns: chunks, totalByteSize: uncompressed, numRows: Int64(rowGroupRows),
                                      fileOffset: start, totalCompressedSize: offset - start,
                                      ordinal: Int16(exactly: rowGroups.count)))
            totalRows += Int64(rowGroupRows)
            rowGroupRows = 0
        } catch {
            failed = true
            throw error
        }
    }

    /// Flushes the last row group, writes the footer and finishes the sink. Returns the file's summary.
    public func close() throws -> ParquetFileSummary {
        try flushRowGroup()
        closed = true
        let metadata = FileMetaData(version: 1, schema: schema.elements, numRows: totalRows, rowGroups: rowGroups,
                                    keyValueMetadata: options.keyValueMetadata.isEmpty ? nil : options.keyValueMetadata,
                                    createdBy: options.createdBy,
                                    columnOrders: Array(repeating: .typeDefined, count: columns.count))
        let footer = metadata.thriftEncoded()
        try emit(footer)
        var tail = ByteWriter(capacity: 8)
        tail.writeLittleEndian(UInt32(footer.count))
        tail.writeBytes(Array("PAR1".utf8))
        try emit(tail.bytes)
        try sink.finish()
        let columnSummaries = zip(schema.columns, fileStatistics).map { ParquetColumnSummary(column: $0, statistics: $1) }
        return ParquetFileSummary(numRows: totalRows, fileSize: offset, rowGroupCount: rowGroups.count,
                                  columns: columnSummaries, metadata: metadata)
    }

    private func emit(_ bytes: [UInt8]) throws {
        try sink.write(bytes)
        offset += Int64(bytes.count)
    }

    static func signedBytes(_ column: ColumnDescriptor) -> Bool {
        if case .decimal? = column.logicalType { return column.physicalType == .fixedLenByteArray }
        return column.convertedType == .decimal && column.physicalType == .fixedLenByteArray
    }
}

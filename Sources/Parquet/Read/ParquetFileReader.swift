/// Reads a Parquet file through a ``ParquetByteSource``.
///
/// Opening reads only the footer (one read of the file's tail in the common case): row counts, schema and
/// statistics are then available without touching data pages. Column chunks are read individually, so a column
/// subset never reads other columns' bytes. Errors are ``ParquetError`` values wrapped with the file's name.
public final class ParquetFileReader {
    /// The byte source.
    public let source: ParquetByteSource
    /// Name used in error messages.
    public let path: String
    /// The decoded footer.
    public let metadata: FileMetaData
    /// The schema tree and leaf columns.
    public let schema: ParquetSchema
    /// Where the footer (the Thrift `FileMetaData`) starts: the column data lies between byte 4 and here.
    public let footerOffset: Int

    /// Bytes read from the end of the file on open (footers are usually smaller).
    public static let tailReadSize = 64 * 1024
    /// Magic bytes at the start and end of every Parquet file.
    public static let magic: [UInt8] = Array("PAR1".utf8)

    /// Opens a file: checks both magics, bounds-checks the footer length and decodes the footer.
    public init(source: ParquetByteSource, path: String = "<memory>") throws {
        self.source = source
        self.path = path
        do {
            let size = source.size
            guard size >= 12 else {
                throw ParquetError.truncated(needed: 12, available: size, byteOffset: 0)
            }
            let tailSize = min(size, Self.tailReadSize)
            var tail = try source.read(offset: size - tailSize, length: tailSize)
            guard tail.count == tailSize else { throw ParquetError.io(reason: "short read of the footer") }
            guard Array(tail[(tailSize - 4)...]) == Self.magic else {
                if Array(tail[(tailSize - 4)...]) == Array("PARE".utf8) {
                    throw ParquetError.unsupported(feature: "encrypted footer (PARE)", byteOffset: size - 4)
                }
                throw ParquetError.outOfSpec(reason: "bad magic at the end of the file (not a Parquet file)",
                                             byteOffset: size - 4)
            }
            let footerLength = Int(tail.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: tailSize - 8, as: UInt32.self) })
            guard footerLength <= size - 12 else {
                throw ParquetError.outOfSpec(reason: "footer length \(footerLength) exceeds the file size \(size)",
                                             byteOffset: size - 8)
            }
            let footerOffset = size - 8 - footerLength
            self.footerOffset = footerOffset
            if footerLength + 8 > tailSize {
                tail = try source.read(offset: footerOffset, length: footerLength + 8)
            }
            let head = tailSize == size ? Array(tail[0..<4]) : try source.read(offset: 0, length: 4)
            guard head == Self.magic else {
                throw ParquetError.outOfSpec(reason: "bad magic at the start of the file (not a Parquet file)",
                                             byteOffset: 0)
            }
            let footerStart = tail.count - 8 - footerLength
            let meta = try tail.withUnsafeBytes { raw -> FileMetaData in
                let footer = UnsafeRawBufferPointer(rebasing: raw[footerStart..<footerStart + footerLength])
                return try FileMetaData.decode(footer, baseOffset: footerOffset).0
            }
            metadata = meta
            schema = try ParquetSchema(elements: meta.schema)
            for (g, group) in meta.rowGroups.enumerated() where group.columns.count != schema.columns.count {
                throw ParquetError.outOfSpec(reason: "row group \(g) has \(group.columns.count) column chunks, schema has "
                                             + "\(schema.columns.count) leaves", byteOffset: footerOffset)
            }
        } catch {
            throw ParquetError.wrap(error).inFile(path)
        }
    }

    /// Opens a local file.
    public convenience init(path: String) throws {
        let source: FileByteSource
        do { source = try FileByteSource(path: path) } catch { throw ParquetError.wrap(error).inFile(path) }
        try self.init(source: source, path: path)
    }

    /// Opens an in-memory file.
    public convenience init(bytes: [UInt8], path: String = "<memory>") throws {
        try self.init(source: MemoryByteSource(bytes), path: path)
    }

    /// Total rows (from the footer).
    public var numRows: Int64 { metadata.numRows }
    /// Number of row groups.
    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// Footer statistics of leaf `column` in row group `rowGroup` (nil when absent).
    public func statistics(rowGroup: Int, column: Int) -> Statistics? {
        guard rowGroup >= 0, rowGroup < metadata.rowGroups.count,
              column >= 0, column < metadata.rowGroups[rowGroup].columns.count else { return nil }
        return metadata.rowGroups[rowGroup].columns[column].metaData?.statistics
    }

    /// File-level key/value metadata as a dictionary (later keys win).
    public var keyValueMetadata: [String: String] {
        var out: [String: String] = [:]
        for kv in metadata.keyValueMetadata ?? [] { out[kv.key] = kv.value ?? "" }
        return out
    }

    /// Reads and decodes one leaf column of one row group, reading only that chunk's bytes.
    public func readColumn(rowGroup: Int, column: Int) throws -> ColumnChunkData {
        do {
            guard rowGroup >= 0, rowGroup < metadata.rowGroups.count else {
                throw ParquetError.outOfSpec(reason: "no row group \(rowGroup)", byteOffset: 0)
            }
            guard column >= 0, column < schema.columns.count else {
                throw ParquetError.columnNotFound("#\(column)")
            }
            let descriptor = schema.columns[column]
            let chunk = metadata.rowGroups[rowGroup].columns[column]
            guard chunk.filePath == nil || chunk.filePath == "" else {
                throw ParquetError.unsupported(feature: "column data in an external file", byteOffset: 0)
            }
            guard let meta = chunk.metaData else {
                throw ParquetError.outOfSpec(reason: "column chunk \(descriptor.dottedPath) has no metadata", byteOffset: 0)
            }
            guard meta.type == descriptor.physicalType else {
                throw ParquetError.outOfSpec(reason: "column chunk type \(meta.type) differs from schema type "
                                             + "\(descriptor.physicalType)", byteOffset: Int(meta.dataPageOffset))
            }
            var out = ColumnChunkData(descriptor: descriptor)
            if meta.numValues == 0 { return out }
            var start = meta.dataPageOffset
            if let dict = meta.dictionaryPageOffset, dict > 0, dict < start { start = dict }
            let length = meta.totalCompressedSize
            guard start >= 4, length >= 0, start <= Int64(source.size), length <= Int64(source.size) - start else {
                throw ParquetError.outOfSpec(reason: "column chunk \(descriptor.dottedPath) range \(start)+\(length) "
                                             + "lies outside the file (\(source.size) bytes)", byteOffset: Int(clamping: start))
            }
            // Size the outputs once from the chunk's declared counts (bounded, so garbage cannot force huge allocations).
            let expected = Int(clamping: min(meta.numValues, Int64(ColumnChunkReader.maxValuesPerPage)))
            if descriptor.maxDefinitionLevel > 0 { out.definitionLevels.reserveCapacity(expected) }
            if descriptor.maxRepetitionLevel > 0 { out.repetitionLevels.reserveCapacity(expected) }
            if descriptor.physicalType == .byteArray {
                // Plain values take at most the chunk's uncompressed size: one allocation instead of doublings.
                let bytes = Int(clamping: min(meta.totalUncompressedSize, Int64(PageCompression.maxDecompressedSize)))
                out.values.bytes.reserve(values: expected, bytes: max(0, bytes))
            }
            let reader = ColumnChunkReader(descriptor: descriptor, codec: meta.codec, expectedValues: meta.numValues)
            try source.withBytes(offset: Int(start), length: Int(length)) {
                try reader.decode($0, baseOffset: Int(start), into: &out)
            }
            return out
        } catch {
            throw ParquetError.wrap(error).inFile(path)
        }
    }

    /// Reads one leaf column (by dotted path) of one row group.
    public func readColumn(rowGroup: Int, path dotted: String) throws -> ColumnChunkData {
        guard let column = schema.column(named: dotted) else {
            throw ParquetError.columnNotFound(dotted).inFile(path)
        }
        return try readColumn(rowGroup: rowGroup, column: column.index)
    }
}

extension ParquetFileReader {
    /// Checks that the footer describes a file its bytes can hold, without reading any data page: the row groups'
    /// row counts add up to the file's, every column chunk has metadata of its schema column's physical type and a
    /// byte range inside the data region (between the leading magic and the footer), and a column that is not
    /// repeated holds one value (or null) per row of its row group.
    ///
    /// Parquet footers carry no checksum: a changed byte inside a statistic or a name still decodes and passes;
    /// what this catches is a footer that no longer fits its file (a torn write, a truncated or spliced file, most
    /// flipped bytes in the Thrift structure). Throws ``ParquetError/outOfSpec(reason:byteOffset:)`` in the file.
    public func validateLayout() throws {
        do {
            var rows: Int64 = 0
            for (g, group) in metadata.rowGroups.enumerated() {
                guard group.numRows >= 0 else {
                    throw ParquetError.outOfSpec(reason: "row group \(g) has \(group.numRows) rows", byteOffset: footerOffset)
                }
                rows += group.numRows
                for (c, chunk) in group.columns.enumerated() {
                    try validate(chunk, of: schema.columns[c], rowGroup: g, rows: group.numRows)
                }
            }
            guard rows == metadata.numRows else {
                throw ParquetError.outOfSpec(reason: "the footer says \(metadata.numRows) rows but its row groups hold \(rows)",
                                             byteOffset: footerOffset)
            }
        } catch {
            throw ParquetError.wrap(error).inFile(path)
        }
    }

    private func validate(_ chunk: ColumnChunk, of column: ColumnDescriptor, rowGroup g: Int, rows: Int64) throws {
        let name = "column chunk \(column.dottedPath) of row group \(g)"
        guard let meta = chunk.metaData else {
            throw ParquetError.outOfSpec(reason: "\(name) has no metadata", byteOffset: footerOffset)
        }
        guard meta.type == column.physicalType else {
            throw ParquetError.outOfSpec(reason: "\(name) has type \(meta.type), the schema says \(column.physicalType)",
                                         byteOffset: footerOffset)
        }
        if column.maxRepetitionLevel == 0 && meta.numValues != rows {
            throw ParquetError.outOfSpec(reason: "\(name) holds \(meta.numValues) values for \(rows) rows", byteOffset: footerOffset)
        }
        guard chunk.filePath == nil || chunk.filePath == "" else { return }  // data in another file: not ours to bound
        var start = meta.dataPageOffset
        if let dict = meta.dictionaryPageOffset, dict > 0, dict < start { start = dict }
        let length = meta.totalCompressedSize
        guard start >= 4, length >= 0, length <= Int64(footerOffset) - start else {
            throw ParquetError.outOfSpec(reason: "\(name) spans bytes \(start)..<\(start &+ length), outside the data region "
                                         + "4..<\(footerOffset)", byteOffset: footerOffset)
        }
    }
}

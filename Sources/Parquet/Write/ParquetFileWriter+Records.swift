extension ParquetFileWriter {
    /// Appends records (rows) of any schema, including structs, lists and maps.
    ///
    /// Each record is a ``ParquetValue/structure(_:)`` with fields in schema order; absent fields are null.
    /// Leaf values may be given in the natural ``ParquetValue`` case of the column's type (`.int32` for INT8/16/32,
    /// `.date`, `.timestamp` (converted to micros), `.decimal` text, `.string`, `.binary`...).
    ///
    /// A record that does not match the schema throws ``ParquetWriteError``; records of the same call before it
    /// may already be buffered, so the writer then refuses further use (``ParquetWriteError/writerClosed``).
    public func write(rows: [ParquetValue]) throws {
        try checkOpen()
        var shredder = RecordShredder(schema: schema)
        let step = 1024
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + step)
            do {
                // A bad record fails the writer: earlier steps of this call already reached the column writers.
                for i in start..<end { try shredder.add(rows[i], row: i) }
                for (c, writer) in columns.enumerated() {
                    let leaf = shredder.leaves[c]
                    try writer.write(values: leaf.values, definitionLevels: leaf.definitionLevels,
                                     repetitionLevels: leaf.repetitionLevels)
                    shredder.leaves[c].removeAll()
                }
            } catch {
                markFailed()
                throw error
            }
            try didAppendRecords(end - start)
            start = end
        }
    }
}

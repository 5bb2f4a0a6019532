import Parquet

/// Encodes checkpoint rows as one Parquet file with the Parquet module's record writer (dictionary pages where they
/// pay, snappy, column statistics). Checkpoints are read whole, so one row group per part keeps them simple.
enum CheckpointParquetEncoder {
    /// Records handed to the writer at once.
    static let batchRows = 4096

    /// Encodes checkpoint records (see ``CheckpointSchema/row(_:writeStatsAsJson:parsed:)``) as a Parquet file.
    static func encode(_ records: [ParquetValue], schema: ParquetSchema) throws -> [UInt8] {
        let sink = MemorySink()
        var options = ParquetWriterOptions()
        options.rowGroupSize = Int.max / 2  // one row group
        options.createdBy = "deltactl version 0.1.0"
        do {
            let writer = try ParquetFileWriter(schema: schema, sink: sink, options: options)
            var start = 0
            while start < records.count {
                let end = min(records.count, start + batchRows)
                try writer.write(rows: Array(records[start..<end]))
                start = end
            }
            _ = try writer.close()
        } catch let e as DeltaError {
            throw e
        } catch {
            throw DeltaError.invalidCheckpoint(file: "<checkpoint being written>", reason: "\(error)")
        }
        return sink.bytes
    }
}

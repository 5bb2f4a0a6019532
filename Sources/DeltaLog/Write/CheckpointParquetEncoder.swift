import Parquet

/// Encodes checkpoint rows as one Parquet file with the Parquet module's record writer (dictionary pages where they
/// pay, snappy, column statistics). Checkpoints are read whole, so one row group per part keeps them simple.
enum CheckpointParquetEncoder {
    /// Rows handed to the writer at once (bounds the memory of converted rows).
    static let batchRows = 4096

    /// Encodes `rows` (each one value per top-level field of `schema`) as a Parquet file.
    static func encode<S: Sequence>(_ rows: S, schema: ParquetSchema) throws -> [UInt8] where S.Element == [CheckpointValue] {
        let sink = MemorySink()
        var options = ParquetWriterOptions()
        options.rowGroupSize = Int.max / 2  // one row group
        options.createdBy = "deltactl version 0.1.0"
        do {
            let writer = try ParquetFileWriter(schema: schema, sink: sink, options: options)
            var batch: [ParquetValue] = []
            batch.reserveCapacity(batchRows)
            for row in rows {
                batch.append(.structure(zip(schema.root.children, row).map { ParquetField($0.name, convert($1, $0)) }))
                if batch.count == batchRows {
                    try writer.write(rows: batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try writer.write(rows: batch) }
            _ = try writer.close()
        } catch let e as DeltaError {
            throw e
        } catch {
            throw DeltaError.invalidCheckpoint(file: "<checkpoint being written>", reason: "\(error)")
        }
        return sink.bytes
    }

    /// The Parquet record value of a checkpoint value at `node` (names come from the schema).
    static func convert(_ value: CheckpointValue, _ node: SchemaNode) -> ParquetValue {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int32(let v): return .int32(v)
        case .int64(let v): return .int64(v)
        case .float(let v): return .float(v)
        case .double(let v): return .double(v)
        case .string(let s): return .string(s)
        case .group(let children):
            return .structure(zip(node.children, children).map { ParquetField($0.name, convert($1, $0)) })
        case .list(let items):
            guard let element = node.children.first?.children.first else { return .null }
            return .list(items.map { convert($0, element) })
        case .map(let entries):
            guard let kv = node.children.first, kv.children.count == 2 else { return .null }
            return .map(entries.map { ParquetMapEntry(key: .string($0.0), value: convert($0.1, kv.children[1])) })
        }
    }
}

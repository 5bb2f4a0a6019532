import Parquet

/// Decodes the actions of a Parquet checkpoint or sidecar file (PROTOCOL.md: Checkpoint Schema): one action per
/// row, in the one non-null top-level column (`add`, `remove`, `metaData`, `protocol`, `txn`, `domainMetadata`,
/// `checkpointMetadata`, `sidecar`). Each struct becomes the JSON body of the action and goes through the same
/// decoder as commit lines. `add.stats` is read as the JSON string; when it is null and `stats_parsed` is
/// present, the parsed struct is written back as a stats string. `*_parsed` columns are otherwise ignored.
enum ParquetCheckpointDecoder {
    static let actionColumns = ["add", "remove", "metaData", "protocol", "txn", "domainMetadata",
                                "checkpointMetadata", "sidecar"]

    /// Decodes a checkpoint file: the columnar fast path when the file's shape allows it (see
    /// ``CheckpointColumnPlan``), else (or on any surprise in the data) the row path.
    static func decode(_ bytes: [UInt8], file: String) throws -> [Action] {
        try decodeBatch(bytes, file: file).actions
    }

    /// Decodes a checkpoint file with its adds held apart (see ``CheckpointBatch``): what snapshot loading uses.
    static func decodeBatch(_ bytes: [UInt8], file: String) throws -> CheckpointBatch {
        try decodeBatch(MemoryByteSource(bytes), file: file)
    }

    /// Decodes a checkpoint read through `source` by column chunk: the file is never held whole in memory (a
    /// chunk's bytes are released once decoded), which keeps the peak of a large checkpoint's load down.
    static func decodeBatch(_ source: ParquetByteSource, file: String) throws -> CheckpointBatch {
        if let reader = try? ParquetFileReader(source: source, path: file),
           let projection = try? projection(reader, file: file),
           let plan = CheckpointColumnPlan.make(schema: reader.schema, actionColumns: actionColumns,
                                                projection: Dictionary(projection, uniquingKeysWith: { a, _ in a })),
           let batch = try? ColumnarCheckpointDecoder(reader: reader, plan: plan, file: file).decode() {
            return batch
        }
        return CheckpointBatch(try decodeRows(source, file: file))
    }

    /// The dotted column list the row path reads, per top-level action column in schema order: the
    /// `*_parsed` subtrees are skipped (large, and redundant with `stats`/`partitionValues`), except
    /// `stats_parsed` when the struct has no `stats` string column.
    static func projection(_ reader: ParquetFileReader, file: String) throws -> [(String, [String])] {
        let present = Set(reader.schema.root.children.map(\.name))
        let topLevel = actionColumns.filter { present.contains($0) }
        guard !topLevel.isEmpty else {
            throw DeltaError.invalidCheckpoint(file: file, reason: "no action columns (found \(present.sorted()))")
        }
        var out: [(String, [String])] = []
        for node in reader.schema.root.children where topLevel.contains(node.name) {
            let names = Set(node.children.map(\.name))
            let keep = node.children.filter { c in
                if c.name == "stats_parsed" { return !names.contains("stats") }
                return !c.name.hasSuffix("_parsed")
            }
            if keep.count == node.children.count || keep.isEmpty {
                out.append((node.name, [node.name]))
            } else {
                out.append((node.name, keep.map { node.name + "." + $0.name }))
            }
        }
        return out
    }

    /// The row path: assembles every row as a `ParquetValue` and decodes the one non-null action column.
    /// Reference semantics for the columnar path.
    static func decodeRows(_ bytes: [UInt8], file: String) throws -> [Action] {
        try decodeRows(MemoryByteSource(bytes), file: file)
    }

    /// The row path over a byte source.
    static func decodeRows(_ source: ParquetByteSource, file: String) throws -> [Action] {
        do {
            let reader = try ParquetFileReader(source: source, path: file)
            let columns = try projection(reader, file: file).flatMap(\.1)
            var actions: [Action] = []
            actions.reserveCapacity(Int(clamping: reader.numRows))
            var row = 0
            try reader.forEachRowGroup(columns: columns) { _, rows in
                for r in rows {
                    row += 1
                    guard let fields = r.fields else { continue }
                    for f in fields where !f.value.isNull {
                        if f.name == "add", let sub = f.value.fields, let add = addFile(sub) {
                            actions.append(.add(add)); break
                        }
                        if f.name == "remove", let sub = f.value.fields, let rm = removeFile(sub) {
                            actions.append(.remove(rm)); break
                        }
                        let body = json(f.value, statsParsedFallback: f.name == "add" || f.name == "remove")
                        actions.append(try Action(key: f.name, body: body, file: file, line: row))
                        break
                    }
                }
            }
            return actions
        } catch let e as DeltaError {
            throw e
        } catch {
            throw DeltaError.invalidCheckpoint(file: file, reason: "\(error)")
        }
    }

    /// Converts a Parquet value to JSON; struct fields that are null or `*_parsed` are dropped.
    static func json(_ v: ParquetValue, statsParsedFallback: Bool = false) -> JSONValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int32(let i): return .int(i)
        case .int64(let i): return .int(i)
        case .uint64(let i): return .int(i)
        case .float(let f): return .number(f.isFinite ? "\(f)" : "null")
        case .double(let d): return d.isFinite ? .number("\(d)") : .string("\(d)")
        case .binary(let b): return .string(String(decoding: b, as: UTF8.self))
        case .string(let s): return .string(s)
        case .decimal(let s): return .number(s)
        case .date(let d): return .string(dateText(Int64(d)))
        case .time(let t, _): return .int(t)
        case .timestamp(let t, _, _): return .int(t)
        case .list(let items): return .array(items.map { json($0) })
        case .map(let entries):
            return .object(entries.map { e in
                let key: String
                if case .string(let s) = e.key { key = s } else { key = JSONWriter.serialize(json(e.key)) }
                return (key, json(e.value))
            })
        case .structure(let fields):
            var members: [(String, JSONValue)] = []
            var statsParsed: ParquetValue?
            var hasStats = false
            for f in fields {
                if f.name == "stats_parsed" { statsParsed = f.value; continue }
                if f.name.hasSuffix("_parsed") || f.value.isNull { continue }
                if f.name == "stats" { hasStats = true }
                members.append((f.name, json(f.value)))
            }
            if statsParsedFallback, !hasStats, let statsParsed, !statsParsed.isNull {
                members.append(("stats", .string(JSONWriter.serialize(json(statsParsed)))))
            }
            return .object(members)
        }
    }

    static func dateText(_ days: Int64) -> String { DeltaTimestamp.format(days: days) }
}

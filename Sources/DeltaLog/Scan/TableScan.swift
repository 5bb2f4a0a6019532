import Parquet
import Storage

/// Reads a snapshot's rows: each active file's Parquet rows with column mapping applied (logical names out,
/// physical names in the files), deletion vectors applied (deleted rows skipped), and partition columns
/// filled from `add.partitionValues`. Rows come as ordered (logical column, JSON value) pairs in the form
/// ``RowConverter`` documents. Memory is bounded by one row group.
public struct TableScan {
    /// The table.
    public let table: DeltaTable
    /// The snapshot read.
    public let snapshot: Snapshot
    /// The logical columns returned, in order.
    public let columns: [StructField]

    /// Prepares a scan of `columns` (logical names; nil: all). Throws `DeltaError.invalidSchema` for an unknown column.
    public init(table: DeltaTable, snapshot: Snapshot, columns names: [String]? = nil) throws {
        self.table = table
        self.snapshot = snapshot
        let schema = snapshot.schema
        if let names {
            self.columns = try names.map { n in
                guard let f = schema.field(named: n) else {
                    throw DeltaError.invalidSchema(reason: "no column '\(n)' (columns: \(schema.fieldNames.joined(separator: ", ")))")
                }
                return f
            }
            var seen: Set<String> = []
            for f in columns where !seen.insert(f.name).inserted {
                throw DeltaError.invalidSchema(reason: "column '\(f.name)' is asked for more than once")
            }
        } else {
            self.columns = schema.fields
        }
    }

    /// Calls `body` with each live row (files in path order, rows in file order), stopping after `limit` rows.
    public func forEachRow(limit: Int? = nil, _ body: ([(String, JSONValue)]) throws -> Void) throws {
        let converter = RowConverter(useColumnMapping: snapshot.configuration.columnMappingMode != .none)
        let partitionColumns = Set(snapshot.metadata.partitionColumns.map { $0.lowercased() })
        let loader = DeletionVectorLoader(storage: table.storage)
        var emitted = 0
        if let limit, limit <= 0 { return }
        for file in snapshot.activeFilesByPath {
            let rel = try DataFilePath(uri: file.path).relativePath(version: snapshot.version)
            let deleted = try file.deletionVector.map { try loader.deletedRows($0) } ?? []
            let reader: ParquetFileReader
            do {
                reader = try ParquetFileReader(source: StorageByteSource(storage: table.storage, path: rel, size: Int(file.size)), path: rel)
            } catch {
                throw DeltaError.dataFile(path: rel, reason: "\(error)")
            }
            let present = Set(reader.schema.root.children.map(\.name))
            let dataColumns = columns.filter { !partitionColumns.contains($0.name.lowercased()) }
            let wanted = dataColumns.map(converter.physicalName).filter { present.contains($0) }
            let partitionJSON: [String: JSONValue] = Dictionary(uniqueKeysWithValues: columns
                .filter { partitionColumns.contains($0.name.lowercased()) }
                .map { f in
                    let key = converter.physicalName(f)
                    let raw = file.partitionValues[key] ?? file.partitionValues[f.name] ?? nil
                    return (f.name, converter.partitionValue(raw, f.type))
                })
            // Flat files (every wanted column a top-level leaf, the common case) are read column by column
            // through cursors; nested ones are assembled into rows.
            let leaves = wanted.compactMap { name in reader.schema.root.children.first { $0.name == name } }
            let flatLeaves = leaves.count == wanted.count
                && leaves.allSatisfy { $0.isLeaf && $0.repetition != .repeated && $0.leafIndex != nil }
            var rowIndex: Int64 = 0
            var d = 0
            for g in 0..<reader.rowGroupCount {
                let groupRows = Int(clamping: reader.metadata.rowGroups[g].numRows)
                if flatLeaves {
                    var chunks: [String: FlatColumnCursor] = [:]
                    do {
                        for leaf in leaves where chunks[leaf.name] == nil {
                            guard let cursor = try FlatColumnCursor(try reader.readColumn(rowGroup: g, column: leaf.leafIndex!)),
                                  cursor.slotCount == groupRows else {
                                throw DeltaError.dataFile(path: rel, reason: "column \(leaf.name) of row group \(g) does not "
                                                          + "hold \(groupRows) rows as the row group says")
                            }
                            chunks[leaf.name] = cursor
                        }
                    } catch let e as DeltaError { throw e } catch {
                        throw DeltaError.dataFile(path: rel, reason: "\(error)")
                    }
                    // One cursor per logical column (nil: a partition column, or absent from this file).
                    var cursors: [FlatColumnCursor?] = columns.map { c in
                        partitionJSON[c.name] == nil ? chunks[converter.physicalName(c)] : nil
                    }
                    chunks = [:]
                    let partitionCells = columns.map { partitionJSON[$0.name] }
                    for _ in 0..<groupRows {
                        defer { rowIndex += 1 }
                        while d < deleted.count && deleted[d] < rowIndex { d += 1 }
                        if d < deleted.count && deleted[d] == rowIndex {
                            for k in cursors.indices { cursors[k]?.skip() }
                            continue
                        }
                        var out: [(String, JSONValue)] = []
                        out.reserveCapacity(columns.count)
                        for k in columns.indices {
                            let c = columns[k]
                            if let p = partitionCells[k] { out.append((c.name, p)); continue }
                            guard cursors[k] != nil else { out.append((c.name, .null)); continue }
                            out.append((c.name, converter.convert(cursors[k]!.next(), c.type)))
                        }
                        try body(out)
                        emitted += 1
                        if let limit, emitted >= limit { return }
                    }
                    continue
                }
                let rows: [ParquetValue]
                do { rows = try reader.readRows(rowGroup: g, paths: wanted.map { [$0] }) } catch {
                    throw DeltaError.dataFile(path: rel, reason: "\(error)")
                }
                let assembled = wanted.isEmpty ? groupRows : rows.count
                for i in 0..<assembled {
                    defer { rowIndex += 1 }
                    while d < deleted.count && deleted[d] < rowIndex { d += 1 }
                    if d < deleted.count && deleted[d] == rowIndex { continue }
                    let fields = wanted.isEmpty ? [] : (rows[i].fields ?? [])
                    var out: [(String, JSONValue)] = []
                    out.reserveCapacity(columns.count)
                    for c in columns {
                        if let p = partitionJSON[c.name] { out.append((c.name, p)); continue }
                        let name = converter.physicalName(c)
                        let v = fields.first { $0.name == name }?.value ?? .null
                        out.append((c.name, converter.convert(v, c.type)))
                    }
                    try body(out)
                    emitted += 1
                    if let limit, emitted >= limit { return }
                }
            }
        }
    }
}

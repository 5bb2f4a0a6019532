import Parquet

/// The typed `stats_parsed` and `partitionValues_parsed` columns of a checkpoint (PROTOCOL.md: Checkpoint Schema,
/// `delta.checkpoint.writeStatsAsStruct`), derived from the table schema. Columns of types without a typed form here
/// (binary, arrays, maps, variant, wide decimals) are left out of min/max; readers then fall back to the JSON stats.
struct ParsedStatsLayout {
    /// A typed column: its node and how to convert a JSON stat or a partition string.
    struct Column {
        var physicalName: String
        var node: (String) -> SchemaNode
        var fromJSON: (JSONValue) -> ParquetValue?
        var fromString: (String) -> ParquetValue?
        var children: [Column]?  // struct columns
    }

    let columns: [Column]
    let partitionColumns: [Column]
    let statsNode: SchemaNode?
    let partitionNode: SchemaNode?

    init(metadata: Metadata) throws {
        let schema = try StructType(json: metadata.schemaString)
        let mapped = (metadata.configuration["delta.columnMapping.mode"] ?? "none") != "none"
        func physical(_ f: StructField) -> String { mapped ? (f.physicalNameMetadata ?? f.name) : f.name }
        func column(_ f: StructField) -> Column? {
            if case .struct(let s) = f.type {
                let kids = s.fields.compactMap(column)
                return kids.isEmpty ? nil : Column(physicalName: physical(f), node: { _ in .group("", children: []) },
                                                   fromJSON: { _ in nil }, fromString: { _ in nil }, children: kids)
            }
            guard let c = Self.primitive(f.type) else { return nil }
            return Column(physicalName: physical(f), node: c.node, fromJSON: c.json, fromString: c.string, children: nil)
        }
        let dataColumns = schema.fields.filter { !metadata.partitionColumns.contains($0.name) }
        columns = dataColumns.compactMap(column)
        partitionColumns = metadata.partitionColumns.compactMap { name in schema.field(named: name).flatMap(column) }
        // Null counts cover every column with a typed form (the same set, as int64).
        func valueGroup(_ name: String, _ cols: [Column], counts: Bool) -> SchemaNode? {
            let kids: [SchemaNode] = cols.compactMap { c in
                if let children = c.children { return valueGroup(c.physicalName, children, counts: counts) }
                return counts ? .primitive(c.physicalName, .int64) : c.node(c.physicalName)
            }
            return kids.isEmpty ? nil : .group(name, children: kids)
        }
        var statsKids: [SchemaNode] = [.primitive("numRecords", .int64)]
        if let g = valueGroup("minValues", columns, counts: false) { statsKids.append(g) }
        if let g = valueGroup("maxValues", columns, counts: false) { statsKids.append(g) }
        if let g = valueGroup("nullCount", columns, counts: true) { statsKids.append(g) }
        statsNode = .group("stats_parsed", children: statsKids)
        partitionNode = valueGroup("partitionValues_parsed", partitionColumns, counts: false)
    }

    /// The stats_parsed value of an add's JSON stats (nil when absent or unparsable).
    func statsValue(_ stats: String?) -> ParquetValue? {
        guard let stats, let json = try? JSONParser.parse(stats) else { return nil }
        func values(_ obj: JSONValue?, _ cols: [Column], counts: Bool) -> ParquetValue? {
            guard let obj, obj.objectValue != nil else { return nil }
            return CheckpointSchema.strukt(cols.map { c in
                let v = obj[c.physicalName]
                if let children = c.children { return (c.physicalName, values(v, children, counts: counts)) }
                guard let v, !v.isNull else { return (c.physicalName, nil) }
                return (c.physicalName, counts ? v.int64Value.map { .int64($0) } : c.fromJSON(v))
            })
        }
        var g: [(String, ParquetValue?)] = [("numRecords", json["numRecords"]?.int64Value.map { .int64($0) })]
        if !columns.isEmpty {
            g.append(("minValues", values(json["minValues"], columns, counts: false)))
            g.append(("maxValues", values(json["maxValues"], columns, counts: false)))
            g.append(("nullCount", values(json["nullCount"], columns, counts: true)))
        }
        return CheckpointSchema.strukt(g)
    }

    /// The partitionValues_parsed value of an add's partition values (keyed by physical name).
    func partitionValue(_ values: [String: String?]) -> ParquetValue {
        CheckpointSchema.strukt(partitionColumns.map { c in (c.physicalName, (values[c.physicalName] ?? nil).flatMap(c.fromString)) })
    }

    typealias Primitive = (node: (String) -> SchemaNode, json: (JSONValue) -> ParquetValue?, string: (String) -> ParquetValue?)

    static func primitive(_ type: DataType) -> Primitive? {
        func int(_ s: String) -> Int64? { Int64(s) }
        switch type {
        case .long:
            return ({ .primitive($0, .int64) }, { $0.int64Value.map { .int64($0) } ?? .null }, { int($0).map { .int64($0) } ?? .null })
        case .integer, .short, .byte:
            let bits: Int8 = type == .integer ? 32 : (type == .short ? 16 : 8)
            let node: (String) -> SchemaNode = bits == 32 ? { .primitive($0, .int32) }
                : { .primitive($0, .int32, logicalType: .integer(bitWidth: bits, isSigned: true)) }
            let conv: (Int64?) -> ParquetValue = { $0.flatMap { Int32(exactly: $0) }.map { .int32($0) } ?? .null }
            return (node, { conv($0.int64Value) }, { conv(int($0)) })
        case .double:
            return ({ .primitive($0, .double) }, { $0.doubleValue.map { .double($0) } ?? .null },
                    { Double($0).map { .double($0) } ?? .null })
        case .float:
            return ({ .primitive($0, .float) }, { $0.doubleValue.map { .float(Float($0)) } ?? .null },
                    { Float($0).map { .float($0) } ?? .null })
        case .boolean:
            return ({ .primitive($0, .boolean) }, { $0.boolValue.map { .bool($0) } ?? .null },
                    { $0 == "true" ? .bool(true) : ($0 == "false" ? .bool(false) : .null) })
        case .string:
            return ({ CheckpointSchema.string($0) }, { $0.stringValue.map { .string($0) } ?? .null }, { .string($0) })
        case .date:
            let conv: (String) -> ParquetValue = { s in
                DeltaTimestamp.parse(s).flatMap { Int32(exactly: Self.floorDiv($0, 86_400_000)) }.map { .int32($0) } ?? .null
            }
            return ({ .primitive($0, .int32, logicalType: .date) }, { $0.stringValue.map(conv) ?? .null }, conv)
        case .timestamp, .timestampNtz:
            let utc = type == .timestamp
            let conv: (String) -> ParquetValue = { s in DeltaTimestamp.parse(s).map { .int64($0 * 1000) } ?? .null }
            return ({ .primitive($0, .int64, logicalType: .timestamp(isAdjustedToUTC: utc, unit: .micros)) },
                    { $0.stringValue.map(conv) ?? .null }, conv)
        case .decimal(let precision, let scale) where precision <= 18:
            let conv: (String) -> ParquetValue = { s in
                guard let u = Self.unscaled(s, scale: scale) else { return .null }
                if precision <= 9 { return Int32(exactly: u).map { .int32($0) } ?? .null }
                return .int64(u)
            }
            let logical = LogicalType.decimal(scale: Int32(scale), precision: Int32(precision))
            return ({ .primitive($0, precision <= 9 ? .int32 : .int64, logicalType: logical, convertedType: .decimal,
                                 scale: Int32(scale), precision: Int32(precision)) },
                    { v in if case .number(let t) = v { return conv(t) }; return v.stringValue.map(conv) ?? .null }, conv)
        default:
            return nil
        }
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// The unscaled integer of a decimal text at `scale` (exact; nil when it has more fraction digits or overflows).
    static func unscaled(_ text: String, scale: Int) -> Int64? {
        var s = Substring(text)
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2 else { return nil }
        var frac = parts.count == 2 ? String(parts[1]) : ""
        while frac.count > scale, frac.last == "0" { frac.removeLast() }
        guard frac.count <= scale else { return nil }
        frac += String(repeating: "0", count: scale - frac.count)
        guard let v = Int64(String(whole) + frac) else { return nil }
        return negative ? -v : v
    }
}

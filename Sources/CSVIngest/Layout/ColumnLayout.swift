import DeltaLog

/// The columns of the table being written: logical name, physical (Parquet) name, Delta type, column-mapping id
/// and how to read the CSV text, plus the schema and table properties that go into the metaData action.
public struct ColumnLayout: Equatable, Sendable {
    /// One column.
    public struct Column: Equatable, Sendable {
        /// How the CSV text is read (its `name` is the logical Delta name).
        public var spec: ColumnSpec
        /// The name in the Parquet files, in stats and in `partitionValues`.
        public var physicalName: String
        /// The column-mapping id (Parquet field id), when column mapping is on.
        public var fieldID: Int32?
        /// The index of the CSV field this column reads.
        public var csvIndex: Int
        /// Whether the column may hold nulls (false only for existing tables that say so).
        public var nullable = true
    }

    /// The columns in schema order.
    public var columns: [Column]
    /// The column-mapping mode (`none`, `name` or `id`).
    public var mappingMode: String
    /// The table schema (with column-mapping metadata when on).
    public var schema: StructType
    /// Table properties the layout needs (`delta.columnMapping.mode`, `delta.columnMapping.maxColumnId`).
    public var configuration: [String: String]

    /// A layout for a new table from the CSV's columns. Names stay as written; column mapping (mode name, via
    /// ``ColumnMappingAssignment``) is turned on when one needs it, unless `sanitizeNames`, which rewrites names to
    /// portable ones instead. `forceMapping` keeps column mapping on (a schema replacing one that had it).
    public static func forNewTable(_ specs: [ColumnSpec], sanitizeNames: Bool, forceMapping: Bool = false) throws
        -> ColumnLayout {
        var specs = specs
        if sanitizeNames {
            for (i, name) in ColumnNaming.sanitizeAll(specs.map(\.name)).enumerated() { specs[i].name = name }
        }
        let plain = StructType(specs.map { StructField(name: $0.name, type: $0.type, nullable: true) })
        guard forceMapping || (!sanitizeNames && specs.contains(where: { ColumnNaming.needsMapping($0.name) })) else {
            let columns = specs.enumerated().map { i, spec in
                Column(spec: spec, physicalName: spec.name, fieldID: nil, csvIndex: i)
            }
            return ColumnLayout(columns: columns, mappingMode: "none", schema: plain, configuration: [:])
        }
        let mapped = try ColumnMappingAssignment.enable(
            on: Metadata(id: "", schemaString: plain.jsonString), mode: "name")
        let schema = try StructType(json: mapped.schemaString)
        var columns: [Column] = []
        for (i, (spec, field)) in zip(specs, schema.fields).enumerated() {
            columns.append(Column(spec: spec, physicalName: field.physicalNameMetadata ?? spec.name,
                                  fieldID: field.columnMappingID.flatMap { Int32(exactly: $0) }, csvIndex: i))
        }
        return ColumnLayout(columns: columns, mappingMode: "name", schema: schema, configuration: mapped.configuration)
    }

    /// The layout of an existing table that the CSV is appended to: every table column must be in the CSV (matched by
    /// name, case-insensitively, as written or sanitized) and every CSV column in the table; the CSV
    /// text is read as the table's types. With `byPosition` (a CSV without a header) columns match in order.
    /// Throws ``CSVError/schemaMismatch(_:)`` naming the differences.
    public static func forExistingTable(schema: StructType, configuration: [String: String], csvHeader: [String],
                                        sanitizeNames: Bool, altDate: DateStyle, byPosition: Bool = false) throws
        -> ColumnLayout {
        // Without a header the CSV's columns are the table's, in order.
        let csvHeader = byPosition && csvHeader.count == schema.fields.count ? schema.fieldNames : csvHeader
        let header = sanitizeNames ? ColumnNaming.sanitizeAll(csvHeader) : csvHeader
        let portable = ColumnNaming.sanitizeAll(csvHeader).map { $0.lowercased() }
        let mode = configuration["delta.columnMapping.mode"]?.lowercased() ?? "none"
        var columns: [Column] = []
        var problems: [String] = []
        var matched = Set<Int>()
        for field in schema.fields {
            // A CSV name matches a table column as written or, for tables made with --sanitize-names, sanitized.
            let wanted = field.name.lowercased()
            guard let index = header.firstIndex(where: { $0.lowercased() == wanted })
                ?? portable.firstIndex(of: wanted) else {
                problems.append("the table has column '\(field.name)' (\(field.type)), the CSV does not")
                continue
            }
            matched.insert(index)
            guard CSVTypes.isSupported(field.type) else {
                problems.append("table column '\(field.name)' has type \(field.type), which a CSV value cannot hold")
                continue
            }
            let physical = mode == "none" ? field.name : (field.physicalNameMetadata ?? field.name)
            let id = field.columnMappingID.flatMap { Int32(exactly: $0) }
            columns.append(Column(spec: ColumnSpec(name: field.name, type: field.type, dateStyle: altDate),
                                  physicalName: physical, fieldID: mode == "none" ? nil : id, csvIndex: index,
                                  nullable: field.nullable))
        }
        for (i, name) in csvHeader.enumerated() where !matched.contains(i) {
            problems.append("the CSV has column '\(name)', the table does not")
        }
        if !problems.isEmpty { throw CSVError.schemaMismatch(problems.joined(separator: "; ")) }
        return ColumnLayout(columns: columns, mappingMode: mode, schema: schema, configuration: [:])
    }

    /// The physical name of the column with logical name `name` (case-insensitive).
    public func physicalName(of name: String) -> String? {
        columns.first { $0.spec.name.lowercased() == name.lowercased() }?.physicalName
    }
}

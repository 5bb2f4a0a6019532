import DeltaLog

/// What a conversion will write: the column layout, the partition columns and whether the schema is new.
struct TablePlan {
    var layout: ColumnLayout
    /// Partition columns, logical names in table order.
    var partitionColumns: [String]
    /// Whether the commit sets new metadata (new table or `--overwrite-schema`).
    var newSchema: Bool

    /// Plans against `snapshot` (nil: no table yet). Runs the inference pass over `input` when types are needed.
    static func make(input: CSVInput, snapshot: Snapshot?, options: ConvertOptions,
                     onBadRecord: (CSVError) throws -> Void) throws -> TablePlan {
        let altDate = options.csv.altDateStyle
        if let snap = snapshot, !(options.mode == .overwrite && options.overwriteSchema) {
            let layout: ColumnLayout
            do {
                layout = try ColumnLayout.forExistingTable(
                    schema: snap.schema, configuration: snap.metadata.configuration, csvHeader: input.names,
                    sanitizeNames: options.sanitizeNames, altDate: altDate, byPosition: !options.csv.hasHeader)
            } catch CSVError.schemaMismatch(let reason) {
                throw CSVError.schemaMismatch("\(input.fileName) (header, line 1) does not fit the table at version \(snap.version.rawValue): \(reason)")
            }
            let tableParts = snap.metadata.partitionColumns
            if !options.partitionBy.isEmpty,
               options.partitionBy.map({ $0.lowercased() }) != tableParts.map({ $0.lowercased() }) {
                throw CSVError.schemaMismatch("the table is partitioned by [\(tableParts.joined(separator: ", "))], not by [\(options.partitionBy.joined(separator: ", "))]\(options.mode == .overwrite ? " (use --overwrite-schema to change it)" : "")")
            }
            return TablePlan(layout: layout, partitionColumns: tableParts, newSchema: false)
        }
        var specs: [ColumnSpec]
        if let override = options.schemaOverride, override.coversAll(input.names) {
            specs = try override.apply(header: input.names, inferred: nil, altDate: altDate)
        } else {
            let inferred = try SchemaInference.infer(input, altDate: altDate, limit: options.sampleRows,
                                                     onBadRecord: onBadRecord)
            specs = try options.schemaOverride?.apply(header: input.names, inferred: inferred.columns, altDate: altDate)
                ?? inferred.columns
        }
        let keepMapping = snapshot.map { ($0.metadata.configuration["delta.columnMapping.mode"] ?? "none") != "none" } ?? false
        let layout = try ColumnLayout.forNewTable(specs, sanitizeNames: options.sanitizeNames, forceMapping: keepMapping)
        var parts: [String] = []
        for name in options.partitionBy {
            let csvIndex = input.names.firstIndex(of: name)
                ?? input.names.firstIndex { $0.lowercased() == name.lowercased() }
                ?? layout.columns.firstIndex { $0.spec.name.lowercased() == name.lowercased() }
            guard let index = csvIndex else {
                throw CSVError.invalidOption("--partition-by '\(name)': no such column (columns: \(input.names.joined(separator: ", ")))")
            }
            let logical = layout.columns[index].spec.name
            if parts.contains(logical) { throw CSVError.invalidOption("--partition-by '\(name)' is given twice") }
            parts.append(logical)
        }
        if !parts.isEmpty && parts.count == layout.columns.count {
            throw CSVError.invalidOption("--partition-by: at least one column must stay a data column")
        }
        return TablePlan(layout: layout, partitionColumns: parts, newSchema: true)
    }

    /// The metaData action for a new schema.
    func metadata(tableID: String, previous: Metadata?, createdTime: Int64) -> Metadata {
        var config = previous?.configuration ?? [:]
        for (k, v) in layout.configuration { config[k] = v }
        return Metadata(id: tableID, name: previous?.name, description: previous?.description,
                        schemaString: layout.schema.jsonString, partitionColumns: partitionColumns,
                        configuration: config, createdTime: previous?.createdTime ?? createdTime)
    }
}

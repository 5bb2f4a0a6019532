import DeltaLog
import Foundation

/// The conversion pass: reads every record once, routes it to its partition's ``DataFileWriter`` and parses each
/// field into that writer's typed column builders. Bad rows follow the ``BadRowPolicy``.
final class ConversionPass {
    let plan: TablePlan
    let tableRoot: String
    let options: ConvertOptions
    private(set) var rows: Int64 = 0
    private(set) var badRows = 0
    private(set) var csvBytes: Int64 = 0
    private var writers: [[String?]: DataFileWriter] = [:]
    private var writerOrder: [DataFileWriter] = []
    private var fileCounter = 0
    private let dataColumns: [ColumnLayout.Column]
    private let partitionColumns: [ColumnLayout.Column]
    private var quarantine: QuarantineWriter?
    private var usedPrefixes = Set<String>()

    init(plan: TablePlan, tableRoot: String, options: ConvertOptions) {
        self.plan = plan
        self.tableRoot = tableRoot
        self.options = options
        let parts = Set(plan.partitionColumns.map { $0.lowercased() })
        dataColumns = plan.layout.columns.filter { !parts.contains($0.spec.name.lowercased()) }
        partitionColumns = plan.partitionColumns.compactMap { p in
            plan.layout.columns.first { $0.spec.name.lowercased() == p.lowercased() }
        }
    }

    /// Files finished by every writer.
    var adds: [AddFile] { writerOrder.flatMap(\.adds) }

    /// Reads `input` to the end and closes every file.
    func run(input: CSVInput) throws {
        if case .quarantine(let path) = options.badRows {
            quarantine = try QuarantineWriter(path: path, header: input.names)
        }
        let single = partitionColumns.isEmpty ? writer(for: []) : nil
        let csvIndexes = dataColumns.map(\.csvIndex)
        let nullMarker = input.nullValueBytes
        let nullable = dataColumns.map(\.nullable)
        var key = [String?](repeating: nil, count: partitionColumns.count)
        while true {
            do {
                guard try input.next() else { break }
            } catch let error as CSVError {
                try reject(error, input: input)
                if case .unterminatedQuote = error { break }
                continue
            }
            let record = input.record
            let w: DataFileWriter
            if let single {
                w = single
            } else {
                var bad: CSVError?
                record.bytes.withUnsafeBufferPointer { all in
                    for (k, column) in partitionColumns.enumerated() {
                        let i = column.csvIndex
                        let value = PartitionValueText.canonical(UnsafeBufferPointer(rebasing: all[record.range(i)]),
                                                                 spec: column.spec, isNull: input.isNull(i))
                        guard let value else { bad = badValue(input, column); return }
                        key[k] = value
                    }
                }
                if let bad { try reject(bad, input: input); continue }
                w = writer(for: key)
            }
            let before = w.batchCount
            var failed: ColumnLayout.Column?
            // Work on locals: the builders and the field ends are moved out of their objects for the row, so the
            // per-field loop pays no dynamic exclusivity checks.
            var builders: [ColumnBuilder] = []
            swap(&builders, &w.builders)
            let ends = record.ends
            let marker = nullMarker
            record.bytes.withUnsafeBufferPointer { all in
                for j in 0..<csvIndexes.count {
                    let i = csvIndexes[j]
                    let lo = i == 0 ? 0 : ends[i - 1], hi = ends[i]
                    let field = UnsafeBufferPointer(rebasing: all[lo..<hi])
                    if lo == hi || (marker.map { field.elementsEqual($0) } ?? false) {
                        guard nullable[j] else { failed = dataColumns[j]; return }
                        builders[j].appendNull()
                    } else if !builders[j].append(field) {
                        failed = dataColumns[j]
                        return
                    }
                }
            }
            swap(&builders, &w.builders)
            if let failed {
                w.truncate(to: before)
                try reject(badValue(input, failed), input: input)
                continue
            }
            try w.rowAppended()
            rows += 1
        }
        csvBytes = Int64(input.tokenizer.bytesConsumed)
        for w in writerOrder { try w.finish() }
        try quarantine?.finish()
    }

    private func badValue(_ input: CSVInput, _ column: ColumnLayout.Column) -> CSVError {
        let i = column.csvIndex
        let value = input.record.string(i)
        return .badValue(file: input.fileName, line: input.record.lines[i], column: i + 1, columnName: column.spec.name,
                         value: value, expectedType: column.nullable || !input.isNull(i) ? column.spec.typeLabel
                             : "\(column.spec.typeLabel) (the column is not nullable)")
    }

    private func reject(_ error: CSVError, input: CSVInput) throws {
        switch options.badRows {
        case .fail: throw error
        case .skip: badRows += 1
        case .quarantine:
            badRows += 1
            try quarantine?.write(line: input.record.line, error: error.description, fields: input.record.strings)
        }
    }

    private func writer(for key: [String?]) -> DataFileWriter {
        if let w = writers[key] { return w }
        let values = zip(partitionColumns, key).map { (column: $0.physicalName, value: $1) }
        var partitionValues: [String: String?] = [:]
        for v in values { partitionValues[v.column] = .some(v.value) }
        let extensionName: String
        switch options.compression {
        case .snappy: extensionName = ".snappy"
        case .gzip: extensionName = ".gz"
        case .zstd: extensionName = ".zstd"
        default: extensionName = ""
        }
        let w = DataFileWriter(
            tableRoot: tableRoot, folder: folder(for: values), partitionValues: partitionValues,
            dataColumns: dataColumns, options: options,
            fileNamer: { [unowned self] in
                defer { fileCounter += 1 }
                return "part-" + ValueFormat.pad(fileCounter, 5) + "-" + UUID().uuidString.lowercased() + ".c000"
                    + extensionName + ".parquet"
            })
        writers[key] = w
        writerOrder.append(w)
        return w
    }

    /// The folder of a partition's files: Hive-style `col=value/` folders, except under column mapping, where the
    /// physical names would make meaningless folder names and readers (DuckDB) would take them for Hive partition
    /// columns: there, as Spark does, each partition gets a random two-character prefix folder.
    private func folder(for values: [(column: String, value: String?)]) -> String {
        guard !values.isEmpty else { return "" }
        guard plan.layout.mappingMode != "none" else { return PartitionPath.folder(values) }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        while true {
            let prefix = String((0..<2).map { _ in alphabet.randomElement() ?? "a" })
            if usedPrefixes.insert(prefix).inserted || usedPrefixes.count >= alphabet.count * alphabet.count {
                return prefix
            }
        }
    }

    /// Deletes every data file this pass created (after a failure; best-effort) and empty partition folders.
    func removeWrittenFiles() {
        for w in writerOrder {
            for path in w.createdPaths { try? FileManager.default.removeItem(atPath: tableRoot + "/" + path) }
            var folder = w.folder
            while !folder.isEmpty {
                CSVConverter.removeIfEmpty(tableRoot + "/" + folder)
                guard let slash = folder.lastIndex(of: "/") else { break }
                folder = String(folder[..<slash])
            }
        }
    }
}

import DeltaLog
import Foundation

/// The conversion pass: reads the records a block at a time, routes them to their partitions' ``DataFileWriter``s
/// and parses each column of the block into the writers' typed column builders; full batches are encoded on the
/// ``EncodeQueue``'s thread meanwhile. Bad rows follow the ``BadRowPolicy``, in file order.
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
    /// The queue of the running pass.
    private var queue: EncodeQueue?
    /// When set before ``run(input:)``, every good record is also observed here (one inference per CSV column), and
    /// a value or partition value that does not fit the planned type no longer counts as a bad row: the pass marks
    /// itself ``diverged``, stops writing and only keeps inferring (the caller then converts again with the types
    /// of the whole file).
    var observed: [ColumnInference]?
    /// Whether a value did not fit the planned types while ``observed`` was set; the written files are then unusable.
    private(set) var diverged = false

    /// CSV columns parsed into builders (the others are only observed).
    private let parsedColumns: Set<Int>

    init(plan: TablePlan, tableRoot: String, options: ConvertOptions) {
        self.plan = plan
        self.tableRoot = tableRoot
        self.options = options
        let parts = Set(plan.partitionColumns.map { $0.lowercased() })
        dataColumns = plan.layout.columns.filter { !parts.contains($0.spec.name.lowercased()) }
        partitionColumns = plan.partitionColumns.compactMap { p in
            plan.layout.columns.first { $0.spec.name.lowercased() == p.lowercased() }
        }
        parsedColumns = Set(dataColumns.map(\.csvIndex))
    }

    /// Files finished by every writer.
    var adds: [AddFile] { writerOrder.flatMap(\.files.adds) }

    /// Reads `input` to the end and closes every file. Parsing runs on the calling thread, Parquet encoding and file
    /// writes on an ``EncodeQueue``; both have stopped when this returns or throws.
    func run(input: CSVInput) throws {
        let queue = EncodeQueue()
        self.queue = queue
        defer { self.queue = nil }
        do {
            try parse(input: input)
            if diverged { queue.cancel() } else { try queue.finish() }
            try quarantine?.finish()
        } catch {
            queue.cancel()
            throw error
        }
    }

    /// Rows per block read (fewer when the open batch has less room).
    static let blockRows = 8192

    private func parse(input: CSVInput) throws {
        if case .quarantine(let path) = options.badRows {
            quarantine = try QuarantineWriter(path: path, header: input.names)
        }
        let single = partitionColumns.isEmpty ? writer(for: []) : nil
        let nulls = NullMarker(input.nullValueBytes)
        reading: while true {
            let (block, end) = try input.nextBlock(maxRows: nextBlockRows(single))
            if block.rowCount > 0 { try process(block, input: input, nulls: nulls, single: single) }
            switch end {
            case .more: continue
            case .endOfInput: break reading
            case .badRecord(let error):
                try reject(error, line: input.record.line, fields: input.record.strings)
                if case .unterminatedQuote = error { break reading }
            }
        }
        csvBytes = Int64(input.tokenizer.bytesConsumed)
        if !diverged { for w in writerOrder { try w.finish() } }
    }

    /// Encoded bytes per row seen so far (an estimate, for sizing blocks under a small batch byte limit).
    private var bytesPerRow = 64

    /// Rows for the next block: at most ``blockRows``, and no more than fit the open batch, in rows and in bytes
    /// (so that a small target file size still rolls files near it).
    private func nextBlockRows(_ single: DataFileWriter?) -> Int {
        let limit = DataFileWriter.batchByteLimit(options)
        var rows = min(Self.blockRows, options.batchRows)
        if let single {
            rows = min(rows, options.batchRows - single.batchCount)
            rows = min(rows, max(0, limit - single.batchBytesEstimate) / bytesPerRow + 1)
        } else {
            rows = min(rows, limit / bytesPerRow + 1)
        }
        return max(1, rows)
    }

    /// Converts the rows of `block`: observes them (single pass), routes them to their partitions' writers, parses
    /// them column by column, then handles the rows with a value that does not fit, in file order.
    private func process(_ block: CSVBlock, input: CSVInput, nulls: NullMarker, single: DataFileWriter?) throws {
        let n = block.rowCount
        // Unpartitioned, the data columns are observed while they are parsed (every row goes to the one writer).
        let observeWhileParsing = single != nil && !diverged
        if var columns = observed {
            observed = nil
            if observeWhileParsing {
                for i in 0..<min(columns.count, block.fieldCount) where !parsedColumns.contains(i) {
                    columns[i].observe(column: i, of: block, nulls: nulls)
                }
            } else {
                SchemaInference.observe(block, nulls: nulls, into: &columns)
            }
            observed = columns
        }
        if diverged { return }
        // badColumn[r]: the first column (partition columns, then data columns) whose value in row r is bad.
        var badColumn: [Int] = []
        func markBad(_ row: Int, _ column: Int) {
            if badColumn.isEmpty { badColumn = [Int](repeating: -1, count: n) }
            if badColumn[row] < 0 { badColumn[row] = column }
        }
        var appended: [(writer: DataFileWriter, start: Int, rows: [Int]?)] = []
        if let single {
            appended.append((single, single.batchCount, nil))
            append(0..<n, of: block, to: single, nulls: nulls, observing: true, markBad: markBad)
        } else {
            for (w, rows) in route(block, nulls: nulls, markBad: markBad) {
                appended.append((w, w.batchCount, rows))
                append(rows, of: block, to: w, nulls: nulls, observing: false, markBad: markBad)
            }
        }
        var badCount = 0
        if !badColumn.isEmpty {
            if observed != nil {
                diverged = true
                return
            }
            let all = partitionColumns + dataColumns
            for r in 0..<n where badColumn[r] >= 0 {
                badCount += 1
                try reject(badValue(input, block, row: r, all[badColumn[r]], nulls), line: block.line(ofRow: r),
                           fields: block.strings(row: r))
            }
            for (w, start, rows) in appended {
                var positions: [Int] = []
                for (k, r) in (rows ?? Array(0..<n)).enumerated() where badColumn[r] >= 0 { positions.append(start + k) }
                if !positions.isEmpty { w.removeRows(positions) }
            }
        }
        rows += Int64(n - badCount)
        for (w, _, _) in appended {
            if w.batchCount > 0 { bytesPerRow = max(1, w.batchBytesEstimate / w.batchCount) }
            try w.rowsAppended()
        }
    }

    /// The rows of `block` grouped by partition, in order of first appearance; rows whose partition value does not
    /// fit its type are marked bad and left out.
    private func route(_ block: CSVBlock, nulls: NullMarker, markBad: (Int, Int) -> Void)
        -> [(DataFileWriter, [Int])] {
        var groups: [(DataFileWriter, [Int])] = []
        var groupOf: [ObjectIdentifier: Int] = [:]
        var key = [String?](repeating: nil, count: partitionColumns.count)
        rows: for r in 0..<block.rowCount {
            for (k, column) in partitionColumns.enumerated() {
                let field = block.field(row: r, column: column.csvIndex)
                guard let value = PartitionValueText.canonical(field, spec: column.spec, isNull: nulls.isNull(field))
                else {
                    markBad(r, k)
                    continue rows
                }
                key[k] = value
            }
            let w = writer(for: key)
            if let g = groupOf[ObjectIdentifier(w)] {
                groups[g].1.append(r)
            } else {
                groupOf[ObjectIdentifier(w)] = groups.count
                groups.append((w, [r]))
            }
        }
        return groups
    }

    /// Parses the data columns of `rows` of `block` into `w`'s builders; with `observing`, also observes them into
    /// ``observed`` (when set): `rows` must then be every row of the block.
    private func append<Rows: Collection>(_ rows: Rows, of block: CSVBlock, to w: DataFileWriter, nulls: NullMarker,
                                          observing: Bool, markBad: (Int, Int) -> Void) where Rows.Element == Int {
        // The builders and inferences are moved out of their objects meanwhile, so that the loops pay no
        // exclusivity checks.
        var builders: [ColumnBuilder] = []
        swap(&builders, &w.builders)
        var inferences = observing ? observed : nil
        if observing { observed = nil }
        let offset = partitionColumns.count
        for (j, column) in dataColumns.enumerated() {
            var inference = inferences?[column.csvIndex]
            builders[j].append(column: column.csvIndex, of: block, rows: rows, nulls: nulls, nullable: column.nullable,
                               observing: &inference) { markBad($0, offset + j) }
            if let inference { inferences?[column.csvIndex] = inference }
        }
        if observing { observed = inferences }
        swap(&builders, &w.builders)
    }

    private func badValue(_ input: CSVInput, _ block: CSVBlock, row: Int, _ column: ColumnLayout.Column,
                          _ nulls: NullMarker) -> CSVError {
        let i = column.csvIndex
        let field = block.field(row: row, column: i)
        return .badValue(file: input.fileName, line: block.line(row: row, column: i), column: i + 1,
                         columnName: column.spec.name, value: String(decoding: field, as: UTF8.self),
                         expectedType: column.nullable || !nulls.isNull(field) ? column.spec.typeLabel
                             : "\(column.spec.typeLabel) (the column is not nullable)")
    }

    private func reject(_ error: CSVError, line: Int, fields: [String]) throws {
        switch options.badRows {
        case .fail: throw error
        case .skip: badRows += 1
        case .quarantine:
            badRows += 1
            try quarantine?.write(line: line, error: error.description, fields: fields)
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
        let files = DataFileSequence(
            tableRoot: tableRoot, folder: folder(for: values), partitionValues: partitionValues,
            dataColumns: dataColumns, options: options,
            fileNamer: { [unowned self] in
                defer { fileCounter += 1 }
                return "part-" + ValueFormat.pad(fileCounter, 5) + "-" + UUID().uuidString.lowercased() + ".c000"
                    + extensionName + ".parquet"
            })
        guard let queue else { preconditionFailure("writer(for:) outside run(input:)") }
        let w = DataFileWriter(files: files, options: options, queue: queue)
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
            for path in w.files.createdPaths { try? FileManager.default.removeItem(atPath: tableRoot + "/" + path) }
            var folder = w.folder
            while !folder.isEmpty {
                CSVConverter.removeIfEmpty(tableRoot + "/" + folder)
                guard let slash = folder.lastIndex(of: "/") else { break }
                folder = String(folder[..<slash])
            }
        }
    }
}

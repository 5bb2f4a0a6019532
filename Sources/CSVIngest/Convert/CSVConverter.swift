import DeltaLog
import Foundation
import Parquet
import Storage

/// Converts a CSV file into a Delta table in one transaction: plan (read the table, infer types), write Parquet
/// files with per-file stats, then commit every `add` (and, for overwrite, a `remove` of every current file) as
/// one new version with put-if-absent. A failure at any point leaves no commit; the data files written before it
/// are never referenced, and are deleted best-effort.
public enum CSVConverter {
    /// Converts the CSV at `csvPath` into the table at `tablePath` (a local folder, created when missing).
    public static func convert(csvPath: String, tablePath: String, options: ConvertOptions) throws -> ConvertReport {
        let started = Date()
        let storage = LocalStorage(path: tablePath)
        let snapshot = try existingSnapshot(storage)
        if options.mode == .create, let snap = snapshot {
            throw CSVError.invalidOption("a Delta table already exists at \(tablePath) (version \(snap.version.rawValue)): use --mode append or --mode overwrite")
        }
        if options.overwriteSchema && options.mode != .overwrite {
            throw CSVError.invalidOption("--overwrite-schema needs --mode overwrite")
        }
        let onBad: (CSVError) throws -> Void = { error in if options.badRows == .fail { throw error } }
        let input = try CSVInput(path: csvPath, options: options.csv)
        let singlePass = options.singlePass && options.sampleRows == nil
            && TablePlan.needsInference(header: input.names, snapshot: snapshot, options: options)
        var sampled: [ColumnSpec]?
        if singlePass {
            sampled = try SchemaInference.infer(input, altDate: options.csv.altDateStyle,
                                                limit: max(1, options.singlePassSampleRows), onBadRecord: onBad).columns
        }
        var plan = try TablePlan.make(input: input, snapshot: snapshot, options: options, inferred: sampled,
                                      onBadRecord: onBad)
        let createdRoot = !FileManager.default.fileExists(atPath: storage.rootPath)
        try CSVError.creatingFolder(storage.rootPath)
        var pass = ConversionPass(plan: plan, tableRoot: storage.rootPath, options: options)
        var passes = 1
        do {
            if let sampled {
                let names = input.names
                pass.observed = [ColumnInference](repeating: ColumnInference(altDate: options.csv.altDateStyle),
                                                  count: names.count)
                try pass.run(input: try CSVInput(path: csvPath, options: options.csv))
                let whole = zip(names, pass.observed ?? []).map { $1.column(named: $0) }
                if pass.diverged || whole != sampled {
                    // The sample's types do not hold the whole file: convert again with the whole file's types,
                    // exactly as the two-pass path would have inferred them.
                    pass.removeWrittenFiles()
                    plan = try TablePlan.make(input: input, snapshot: snapshot, options: options, inferred: whole,
                                              onBadRecord: onBad)
                    pass = ConversionPass(plan: plan, tableRoot: storage.rootPath, options: options)
                    passes = 2
                    try pass.run(input: try CSVInput(path: csvPath, options: options.csv))
                }
            } else {
                try pass.run(input: try CSVInput(path: csvPath, options: options.csv))
            }
            let adds = pass.adds
            let (version, removed) = try commit(plan: plan, snapshot: snapshot, adds: adds, storage: storage,
                                                options: options)
            return ConvertReport(
                version: version, rows: pass.rows, badRows: pass.badRows, files: adds.count,
                bytes: adds.reduce(0) { $0 + $1.size }, removedFiles: removed, csvBytes: pass.csvBytes,
                seconds: Date().timeIntervalSince(started),
                columns: plan.layout.columns.map { ($0.spec.name, $0.spec.type.primitiveName ?? "\($0.spec.type)") },
                columnMapping: plan.layout.mappingMode, table: storage.rootPath, mode: options.mode,
                conversionPasses: passes)
        } catch {
            pass.removeWrittenFiles()
            if createdRoot { removeIfEmpty(storage.rootPath) }
            throw error
        }
    }

    /// The table's latest snapshot, or nil when there is no table at the location.
    static func existingSnapshot(_ storage: LocalStorage) throws -> Snapshot? {
        guard FileManager.default.fileExists(atPath: storage.rootPath + "/_delta_log") else { return nil }
        do { return try DeltaTable(storage: storage).snapshot() } catch DeltaError.notATable { return nil }
    }

    static func commit(plan: TablePlan, snapshot: Snapshot?, adds: [AddFile], storage: Storage,
                       options: ConvertOptions) throws -> (Int64, Int) {
        let readState = snapshot.map {
            TransactionReadState(version: $0.version, protocol: $0.protocolAction, metadata: $0.metadata,
                                 appTransactions: $0.txnVersions)
        } ?? .newTable
        let sparkMode = snapshot == nil && options.mode == .create ? "ErrorIfExists"
            : options.mode == .overwrite ? "Overwrite" : "Append"
        let partitionBy = JSONWriter.serialize(.array(plan.partitionColumns.map { .string($0) }))
        let txn = Transaction(storage: storage, readState: readState, operation: "WRITE",
                              operationParameters: [("mode", .string(sparkMode)), ("partitionBy", .string(partitionBy))])
        if plan.newSchema {
            let metadata = plan.metadata(tableID: snapshot?.metadata.id ?? UUID().uuidString.lowercased(),
                                         previous: snapshot?.metadata, createdTime: txn.now())
            txn.updateMetadata(metadata)
            let needed = try WriterFeatures.protocolForNewTable(metadata)
            if let old = snapshot?.protocolAction {
                if needed.minReaderVersion > old.minReaderVersion || needed.minWriterVersion > old.minWriterVersion {
                    txn.updateProtocol(ProtocolAction(
                        minReaderVersion: max(old.minReaderVersion, needed.minReaderVersion),
                        minWriterVersion: max(old.minWriterVersion, needed.minWriterVersion),
                        readerFeatures: old.readerFeatures, writerFeatures: old.writerFeatures))
                }
            } else {
                txn.updateProtocol(needed)
            }
        }
        var removed = 0
        if options.mode == .overwrite, let snap = snapshot {
            for f in snap.activeFiles {
                txn.remove(RemoveFile(path: f.path, dataChange: true, extendedFileMetadata: true,
                                      partitionValues: f.partitionValues, size: f.size))
                removed += 1
            }
        }
        txn.add(contentsOf: adds)
        guard let version = try txn.commitOrThrow() else {
            throw DeltaError.writeRefused(reason: "the commit was not made")
        }
        return (version.rawValue, removed)
    }

    static func removeIfEmpty(_ path: String) {
        if let items = try? FileManager.default.contentsOfDirectory(atPath: path), items.isEmpty {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

extension CSVConverter {
    /// What ``inferOnly(csvPath:options:)`` found.
    public struct Inference: Sendable {
        /// The inferred (or overridden) columns.
        public var columns: [ColumnSpec]
        /// Good rows read.
        public var rows: Int
        /// Rows the tokenizer rejected (ragged, invalid UTF-8).
        public var badRows: Int
        /// Bytes read.
        public var bytes: Int64
        /// Seconds spent.
        public var seconds: Double
    }

    /// Reads the CSV once and reports the types `convert` would write, without writing anything (`--dry-run`).
    public static func inferOnly(csvPath: String, options: ConvertOptions) throws -> Inference {
        let started = Date()
        let input = try CSVInput(path: csvPath, options: options.csv)
        let result = try SchemaInference.infer(input, altDate: options.csv.altDateStyle, limit: options.sampleRows) {
            if options.badRows == .fail { throw $0 }
        }
        let columns = try options.schemaOverride?.apply(header: input.names, inferred: result.columns,
                                                        altDate: options.csv.altDateStyle) ?? result.columns
        return Inference(columns: columns, rows: result.rows, badRows: result.badRows,
                         bytes: Int64(input.tokenizer.bytesConsumed), seconds: Date().timeIntervalSince(started))
    }
}

import DeltaLog
import Foundation
import Parquet
import Storage

/// The file checks of `check`, in two parallel rounds with bounded concurrency:
/// 1. every live data file, deletion-vector file and change-data file exists with the size its action records;
///    each data file's Parquet footer decodes, fits the file (``ParquetFileReader/validateLayout()``), names only
///    columns of the table's schema (without column mapping), and its row count equals the `add`'s `numRecords`
///    statistic when there is one;
/// 2. every deletion vector of a live file loads (size, CRC-32 and cardinality against its descriptor, through
///    ``DeletionVectorLoader``) and deletes only rows its data file has.
/// Only footers and deletion vectors are read; data pages are not.
struct FileChecks {
    let table: DeltaTable
    let parallelism: Int

    private struct DataFile {
        var path: String
        var size: Int64
        var version: Int64?
        var numRecords: Int64?
    }

    private struct Vector {
        var descriptor: DeletionVectorDescriptor
        /// The DV's file, nil when inline.
        var file: String?
        var dataFile: String
        var version: Int64?
    }

    private struct Other {
        var path: String
        var size: Int64?
        var version: Int64?
        var role: String
    }

    /// Checks the live files of `snapshot`; `scan` supplies the versions of their adds, the change-data files and
    /// the unsafe paths already reported.
    func run(_ snapshot: Snapshot, scan: inout LogScan, report: inout TableCheckReport) throws {
        let fallbackVersion = snapshot.segment.checkpoint?.version.rawValue
        var dataFiles: [DataFile] = []
        var vectors: [Vector] = []
        var others: [String: Other] = [:]  // deletion-vector and change-data files, by path
        for f in snapshot.activeFilesByPath {
            let decoded = DataFilePath(uri: f.path).decoded
            let version = scan.addedAt[decoded] ?? fallbackVersion
            guard let path = scan.safePath(f.path, version, "the add of version \(version.map(String.init) ?? "?")", &report) else { continue }
            dataFiles.append(DataFile(path: path, size: f.size, version: version, numRecords: f.numRecordsFromStats))
            guard let dv = f.deletionVector else { continue }
            let where_ = "the add of \(path) (version \(version.map(String.init) ?? "?"))"
            let dvFile = scan.checkDeletionVector(dv, version, where_, &report)
            guard dv.storageType == "i" || dvFile != nil else { continue }  // unsafe or malformed: reported
            vectors.append(Vector(descriptor: dv, file: dvFile, dataFile: path, version: version))
            if let dvFile, others[dvFile] == nil {
                others[dvFile] = Other(path: dvFile, size: nil, version: version, role: "deletion vector file")
            }
        }
        let live = Set(dataFiles.map(\.path))
        for (path, c) in scan.changeData where !live.contains(path) && others[path] == nil {
            others[path] = Other(path: path, size: c.size, version: c.version, role: "change data file")
        }
        for f in snapshot.tombstones { _ = scan.safePath(f.path, nil, "a remove kept at version \(snapshot.version)", &report) }

        let book = CheckBook()
        let storage = table.storage
        let otherFiles = others.values.sorted { $0.path < $1.path }
        let (table, footerFiles) = (self.table, dataFiles)
        let columns = Self.allowedColumns(snapshot)
        try Parallel.run(count: footerFiles.count + otherFiles.count, parallelism: parallelism) { i in
            if i < footerFiles.count {
                Self.check(footerFiles[i], table: table, columns: columns, book: book)
            } else {
                let o = otherFiles[i - footerFiles.count]
                guard let info = Self.head(o.path, role: o.role, version: o.version, storage: storage, book: book) else { return }
                if let size = o.size, size != info.size {
                    book.add(.init(.sizeMismatch, path: o.path, version: o.version,
                                   "\(o.role) has \(info.size) bytes, its cdc action at version \(o.version.map(String.init) ?? "?") says \(size)"))
                }
            }
        }
        let present = book.present
        let loader = DeletionVectorLoader(storage: storage)
        let loadable = vectors.filter { $0.file.map(present.contains) ?? true }
        try Parallel.run(count: loadable.count, parallelism: parallelism) { i in
            Self.check(loadable[i], loader: loader, book: book)
        }
        report.problems += book.problems.sorted { ($0.path, $0.detail) < ($1.path, $1.detail) }
        report.filesChecked += book.files
        report.bytes += book.bytes
        report.footersRead += book.footers
        report.deletionVectorsChecked += book.vectors
    }

    /// The top-level column names (lowercased) a data file may hold, or nil when any may appear. Without column
    /// mapping a file's columns are the table's (a column cannot be dropped or renamed without it), matched
    /// case-insensitively as Spark does, plus the change-data columns Spark leaves in some data files of
    /// CDF tables and the materialized row-tracking columns; with column mapping, old files may keep dropped columns.
    private static func allowedColumns(_ snapshot: Snapshot) -> Set<String>? {
        guard snapshot.configuration.columnMappingMode == .none else { return nil }
        var names = Set(snapshot.schema.fieldNames.map { $0.lowercased() })
        names.formUnion(["_change_type", "_commit_version", "_commit_timestamp"])
        for key in ["delta.rowTracking.materializedRowIdColumnName", "delta.rowTracking.materializedRowCommitVersionColumnName"] {
            if let name = snapshot.metadata.configuration[key] { names.insert(name.lowercased()) }
        }
        return names
    }

    /// Size of a file, or nil when missing or unreadable (reported).
    private static func head(_ path: String, role: String, version: Int64?, storage: Storage, book: CheckBook) -> ObjectInfo? {
        do {
            let info = try storage.head(path)
            book.checked(path, size: info.size)
            return info
        } catch StorageError.notFound {
            book.add(.init(.missingFile, path: path, version: version,
                           "\(role) is missing (referenced at version \(version.map(String.init) ?? "?"))"))
        } catch {
            book.add(.init(.unreadableFile, path: path, version: version, "\(role) cannot be read: \(error)"))
        }
        return nil
    }

    private static func check(_ f: DataFile, table: DeltaTable, columns: Set<String>?, book: CheckBook) {
        guard let info = head(f.path, role: "data file", version: f.version, storage: table.storage, book: book) else { return }
        guard info.size == f.size else {
            book.add(.init(.sizeMismatch, path: f.path, version: f.version, "data file has \(info.size) bytes, its add says \(f.size)"))
            return
        }
        let footer: ParquetFileReader
        do {
            footer = try table.dataFileFooter(f.path, size: info.size)
            try footer.validateLayout()
        } catch {
            book.add(.init(.parquetFooter, path: f.path, version: f.version, "the Parquet footer is unreadable: \(Self.reason(error))"))
            return
        }
        book.footer(f.path, rows: footer.numRows)
        if let columns, let unknown = footer.schema.root.children.first(where: { !columns.contains($0.name.lowercased()) }) {
            book.add(.init(.parquetFooter, path: f.path, version: f.version,
                           "the Parquet footer has a column '\(unknown.name)', which the table's schema does not have"))
        }
        if let n = f.numRecords, n != footer.numRows {
            book.add(.init(.rowCount, path: f.path, version: f.version,
                           "the Parquet footer has \(footer.numRows) rows, the add's stats say numRecords \(n)"))
        }
    }

    private static func check(_ v: Vector, loader: DeletionVectorLoader, book: CheckBook) {
        let path = v.file ?? v.dataFile
        let of = v.file == nil ? "inline deletion vector" : "deletion vector of \(v.dataFile)"
        let rows: [Int64]
        do { rows = try loader.deletedRows(v.descriptor) } catch {
            book.add(.init(.deletionVector, path: path, version: v.version, "\(of) does not load: \(error)"))
            return
        }
        book.vectorLoaded()
        if let fileRows = book.rows(of: v.dataFile), let last = rows.last, last >= fileRows {
            book.add(.init(.deletionVector, path: path, version: v.version,
                           "\(of) deletes row \(last), but the data file has \(fileRows) rows"))
        }
    }

    /// A Parquet error without the file name the problem already carries.
    private static func reason(_ error: Error) -> String {
        if case ParquetError.inFile(_, let inner) = error { return inner.description }
        return "\(error)"
    }
}

/// Results of parallel file checks, behind a lock.
private final class CheckBook: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [TableCheckReport.Problem] = []
    private var seen: Set<String> = []
    private var sizes: Int64 = 0
    private var footerRows: [String: Int64] = [:]
    private var loaded = 0

    func add(_ p: TableCheckReport.Problem) { lock.lock(); items.append(p); lock.unlock() }
    func checked(_ path: String, size: Int64) { lock.lock(); if seen.insert(path).inserted { sizes += size }; lock.unlock() }
    func footer(_ path: String, rows: Int64) { lock.lock(); footerRows[path] = rows; lock.unlock() }
    func vectorLoaded() { lock.lock(); loaded += 1; lock.unlock() }
    func rows(of path: String) -> Int64? { lock.lock(); defer { lock.unlock() }; return footerRows[path] }

    var problems: [TableCheckReport.Problem] { lock.lock(); defer { lock.unlock() }; return items }
    var present: Set<String> { lock.lock(); defer { lock.unlock() }; return seen }
    var files: Int { lock.lock(); defer { lock.unlock() }; return seen.count }
    var bytes: Int64 { lock.lock(); defer { lock.unlock() }; return sizes }
    var footers: Int { lock.lock(); defer { lock.unlock() }; return footerRows.count }
    var vectors: Int { lock.lock(); defer { lock.unlock() }; return loaded }
}

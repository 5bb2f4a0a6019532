import ArgumentParser
import CSVIngest
import DeltaLog
import Foundation
import Parquet

/// `deltactl convert CSV [--to TABLE] ...`: turns a CSV file into a typed, versioned Delta table.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a CSV file into a Delta table (one new version).",
        discussion: """
            Types are inferred over the whole file (integer, long, decimal, double, boolean, date, timestamp, \
            string; empty fields are null). Column names are kept as written; when one holds a character Delta \
            forbids (space , ; { } ( ) newline tab =) the table uses column mapping (mode name) unless \
            --sanitize-names is given. A failure leaves the table untouched.
            """)

    @Argument(help: "The CSV file.") var csv: String
    @Option(name: .long, help: "The table folder (default: a folder named after the CSV, beside it).") var to: String?
    @Option(name: .long, help: "create | append | overwrite.") var mode: String = "create"
    @Flag(name: .long, help: "With --mode overwrite: replace the schema and partitioning too.") var overwriteSchema = false
    @Option(name: .long, help: "Partition by this column (repeatable).") var partitionBy: [String] = []
    @Option(name: .long, help: "Field delimiter: one character, or 'tab'.") var delimiter: String = ","
    @Flag(name: .long, help: "The first row is data; columns are named _c0, _c1, ...") var noHeader = false
    @Option(name: .long, help: "Types to use: Delta schema JSON or 'column:type' lines.") var schema: String?
    @Option(name: .long, help: "A value read as null (besides the empty field).") var nullValue: String?
    @Option(name: .long, help: "Date pattern besides ISO, e.g. dd.MM.yyyy (default MM/dd/yyyy).") var dateFormat: String?
    @Option(name: .long, help: "fail | skip | quarantine:PATH.") var badRows: String = "fail"
    @Option(name: .long, help: "zstd | snappy | gzip | none.") var compression: String = "snappy"
    @Option(name: .long, help: "Target data file size in bytes (suffixes K, M, G allowed).") var targetFileSize: String = "128M"
    @Flag(name: .long, help: "Write portable column names (File No. -> File_No_) instead of using column mapping.")
    var sanitizeNames = false
    @Option(name: .long, help: "Infer types from the first N rows only (default: the whole file confirms them).")
    var sampleRows: Int?
    @Flag(name: .long, help: "Print the report as JSON.") var json = false
    @Flag(name: .long, help: "Only read the CSV and print the column types convert would write.") var dryRun = false

    func run() throws {
        let options = try makeOptions()
        if dryRun { return try runDry(options) }
        let table = to ?? Self.defaultTable(for: csv)
        let report: ConvertReport
        do {
            report = try CSVConverter.convert(csvPath: csv, tablePath: table, options: options)
        } catch {
            FileHandle.standardError.write(Data("deltactl convert: \(error)\n".utf8))
            throw ExitCode(1)
        }
        if json {
            print(report.json)
            return
        }
        let mbps = report.seconds > 0 ? Double(report.csvBytes) / 1_048_576 / report.seconds : 0
        print("converted \(csv) -> \(report.table)")
        print("version: \(report.version) (\(report.mode.rawValue))")
        print("rows: \(report.rows)" + (report.badRows > 0 ? " (\(report.badRows) bad rows left out)" : ""))
        print("files: \(report.files), bytes: \(report.bytes)" + (report.removedFiles > 0 ? ", removed files: \(report.removedFiles)" : ""))
        print("columns: " + report.columns.map { "\($0.name): \($0.type)" }.joined(separator: ", "))
        if report.columnMapping != "none" { print("column mapping: \(report.columnMapping)") }
        print("time: \(String(format: "%.3f", report.seconds)) s (\(String(format: "%.1f", mbps)) MB/s)")
    }

    func runDry(_ options: ConvertOptions) throws {
        let r: CSVConverter.Inference
        do { r = try CSVConverter.inferOnly(csvPath: csv, options: options) } catch {
            FileHandle.standardError.write(Data("deltactl convert: \(error)\n".utf8))
            throw ExitCode(1)
        }
        for c in r.columns { print("\(c.name): \(c.typeLabel)") }
        let mbps = r.seconds > 0 ? Double(r.bytes) / 1_048_576 / r.seconds : 0
        print("rows: \(r.rows)" + (r.badRows > 0 ? " (\(r.badRows) bad)" : ""))
        print("read \(r.bytes) bytes in \(String(format: "%.3f", r.seconds)) s (\(String(format: "%.1f", mbps)) MB/s); nothing written")
    }

    /// A folder named after the CSV, beside it: `data/complaints.csv` -> `data/complaints`.
    static func defaultTable(for csv: String) -> String {
        let url = URL(fileURLWithPath: csv)
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base).path
    }

    func makeOptions() throws -> ConvertOptions {
        var o = ConvertOptions()
        guard let m = WriteMode(rawValue: mode) else { throw ValidationError("--mode must be create, append or overwrite") }
        o.mode = m
        o.overwriteSchema = overwriteSchema
        o.partitionBy = partitionBy
        let d = delimiter == "tab" || delimiter == "\\t" ? "\t" : delimiter
        guard d.utf8.count == 1, let byte = d.utf8.first, byte != 0x22, byte != 0x0A, byte != 0x0D else {
            throw ValidationError("--delimiter must be one ASCII character other than a quote or newline")
        }
        o.csv.dialect = CSVDialect(delimiter: byte)
        o.csv.hasHeader = !noHeader
        o.csv.nullValue = nullValue
        do {
            if let f = dateFormat { o.csv.dateFormat = try DateFormat(f) }
            if let path = schema {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("--schema: cannot read \(path)")
                }
                o.schemaOverride = try SchemaOverride(text: String(decoding: data, as: UTF8.self), file: path)
            }
            o.badRows = try BadRowPolicy(parsing: badRows)
        } catch let e as CSVError {
            throw ValidationError(e.description)
        }
        switch compression {
        case "snappy": o.compression = .snappy
        case "zstd": o.compression = .zstd
        case "gzip": o.compression = .gzip
        case "none", "uncompressed": o.compression = .uncompressed
        default: throw ValidationError("--compression must be zstd, snappy, gzip or none")
        }
        guard let size = Self.parseSize(targetFileSize), size >= 1024 else {
            throw ValidationError("--target-file-size must be a byte count of at least 1024 (e.g. 134217728 or 128M)")
        }
        o.targetFileSize = size
        if let n = sampleRows {
            guard n > 0 else { throw ValidationError("--sample-rows must be positive") }
            o.sampleRows = n
        }
        o.sanitizeNames = sanitizeNames
        return o
    }

    /// `1048576`, `512K`, `128M`, `1G`.
    static func parseSize(_ s: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = s.uppercased().last, let unit = units[last] { return Int(s.dropLast()).map { $0 * unit } }
        return Int(s)
    }
}

import DeltaLog
import Parquet

/// How `convert` treats an existing table.
public enum WriteMode: String, Sendable, CaseIterable {
    /// Make a new table; fail when one exists.
    case create
    /// Add the CSV's rows to the table (making it when absent); the CSV must fit the table's schema.
    case append
    /// Replace the table's rows (and, with `overwriteSchema`, its schema) in one new version.
    case overwrite
}

/// Everything `convert` can be asked to do.
public struct ConvertOptions: Sendable {
    /// How to read the CSV.
    public var csv = CSVReadOptions()
    /// create, append or overwrite.
    public var mode = WriteMode.create
    /// With `.overwrite`: replace the schema (and partitioning) with the CSV's.
    public var overwriteSchema = false
    /// Partition columns (logical names).
    public var partitionBy: [String] = []
    /// `--schema` override.
    public var schemaOverride: SchemaOverride?
    /// Bad-row policy.
    public var badRows = BadRowPolicy.fail
    /// Parquet compression.
    public var compression = CompressionCodec.snappy
    /// Target size of each data file in bytes.
    public var targetFileSize = 128 << 20
    /// Write portable names instead of turning on column mapping.
    public var sanitizeNames = false
    /// Infer types from this many rows only (nil: the whole file confirms them).
    public var sampleRows: Int?
    /// Rows per column batch handed to the Parquet writer (which encodes it on a second thread while the next batch
    /// is parsed: small batches keep both threads busy and memory low).
    public var batchRows = 8192
    /// Read the CSV once when types must be inferred: plan from the first ``singlePassSampleRows`` rows, convert
    /// while inferring over the whole file, and convert again only when the whole file's types differ (the table
    /// is always the one the two-pass path writes). False: always infer over the whole file first, then convert.
    public var singlePass = true
    /// Rows that plan the types of a single-pass conversion.
    public var singlePassSampleRows = 20_000

    /// Default options.
    public init() {}
}

/// What a conversion did.
public struct ConvertReport: Sendable {
    /// The committed version.
    public var version: Int64
    /// Rows written.
    public var rows: Int64
    /// Rows left out (`--bad-rows skip|quarantine`).
    public var badRows: Int
    /// Data files added.
    public var files: Int
    /// Bytes of the data files added.
    public var bytes: Int64
    /// Files removed (overwrite).
    public var removedFiles: Int
    /// CSV bytes read in the conversion pass.
    public var csvBytes: Int64
    /// Wall-clock seconds for the whole conversion.
    public var seconds: Double
    /// The table's columns as written (logical name and type).
    public var columns: [(name: String, type: String)]
    /// The column-mapping mode of the table (`none` or `name`).
    public var columnMapping: String
    /// The table location.
    public var table: String
    /// The mode used.
    public var mode: WriteMode
    /// Full conversion passes over the CSV (1, or 2 when a single-pass conversion had to convert again).
    public var conversionPasses = 1

    /// The report as a JSON object (for `--json`).
    public var json: String {
        JSONWriter.serialize(.object([
            ("table", .string(table)), ("mode", .string(mode.rawValue)), ("version", .int(version)),
            ("rows", .int(rows)), ("badRows", .int(badRows)), ("files", .int(files)), ("bytes", .int(bytes)),
            ("removedFiles", .int(removedFiles)), ("csvBytes", .int(csvBytes)),
            ("seconds", .number(String(format3(seconds)))), ("columnMapping", .string(columnMapping)),
            ("columns", .array(columns.map { .object([("name", .string($0.name)), ("type", .string($0.type))]) })),
        ]))
    }

    func format3(_ v: Double) -> String {
        let ms = Int64((v * 1000).rounded())
        return "\(ms / 1000).\(ValueFormat.pad(Int(ms % 1000), 3))"
    }
}

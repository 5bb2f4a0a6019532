/// How to read a CSV file.
public struct CSVReadOptions: Sendable {
    /// Delimiter and quote.
    public var dialect: CSVDialect
    /// Whether the first record names the columns (otherwise they are named `_c0`, `_c1`, ... as Spark does).
    public var hasHeader: Bool
    /// A value that means null besides the empty field (`--null-value NA`).
    public var nullValue: String?
    /// The date pattern to recognise besides ISO (default US `MM/DD/YYYY`).
    public var dateFormat: DateFormat?
    /// Read buffer size in bytes (memory stays bounded by this plus the largest record).
    public var bufferSize: Int

    /// Options with the defaults: comma, header, empty = null, US dates, 1 MiB buffer.
    public init(dialect: CSVDialect = CSVDialect(), hasHeader: Bool = true, nullValue: String? = nil,
                dateFormat: DateFormat? = nil, bufferSize: Int = 1 << 20) {
        self.dialect = dialect
        self.hasHeader = hasHeader
        self.nullValue = nullValue
        self.dateFormat = dateFormat
        self.bufferSize = bufferSize
    }

    /// The non-ISO date style dates are recognised in.
    public var altDateStyle: DateStyle { dateFormat.map { .custom($0) } ?? .us }
}

/// What to do with a row that cannot be read (ragged, invalid UTF-8, a value that does not fit its column).
public enum BadRowPolicy: Equatable, Sendable {
    /// Stop with an error naming file, line and column; nothing is committed.
    case fail
    /// Leave the row out and count it.
    case skip
    /// Leave the row out and write it, with its line and the reason, to a CSV file at the path.
    case quarantine(path: String)

    /// Parses `fail`, `skip` or `quarantine:PATH`.
    public init(parsing text: String) throws {
        if text == "fail" { self = .fail } else if text == "skip" { self = .skip } else if text.hasPrefix("quarantine:"),
            text.count > "quarantine:".count {
            self = .quarantine(path: String(text.dropFirst("quarantine:".count)))
        } else {
            throw CSVError.invalidOption("--bad-rows '\(text)': use fail, skip or quarantine:PATH")
        }
    }
}

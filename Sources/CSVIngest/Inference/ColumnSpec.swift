import DeltaLog

/// How a date column's text is read.
public enum DateStyle: Equatable, Sendable {
    /// `YYYY-MM-DD`.
    case iso
    /// `M/D/YYYY` (US order, as in the complaints data).
    case us
    /// A `--date-format` pattern.
    case custom(DateFormat)

    /// Days since the epoch of `b` in this style.
    public func parse(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        switch self {
        case .iso: return DateParsers.parseISODate(b)
        case .us: return DateParsers.parseUSDate(b)
        case .custom(let f): return f.parse(b)
        }
    }

    /// A short name for messages (`date (MM/DD/YYYY)`).
    public var label: String {
        switch self {
        case .iso: return "YYYY-MM-DD"
        case .us: return "MM/DD/YYYY"
        case .custom(let f): return f.description
        }
    }
}

/// One CSV column as deltactl will write it: its logical name, its Delta type and, for dates, how to read them.
public struct ColumnSpec: Equatable, Sendable {
    /// The column name from the header (the logical Delta name).
    public var name: String
    /// The Delta type.
    public var type: DataType
    /// For `.date` columns: how the text is written (ISO dates are always accepted too).
    public var dateStyle: DateStyle

    /// Creates a column.
    public init(name: String, type: DataType, dateStyle: DateStyle = .iso) {
        self.name = name
        self.type = type
        self.dateStyle = dateStyle
    }

    /// The type as shown in messages (`date (MM/DD/YYYY)`, `decimal(8,2)`).
    public var typeLabel: String {
        if type == .date { return "date (\(dateStyle.label))" }
        return type.primitiveName ?? type.description
    }
}

/// The CSV types deltactl writes: the primitive Delta types it can infer or read from text.
public enum CSVTypes {
    /// Whether deltactl can convert text to `type`.
    public static func isSupported(_ type: DataType) -> Bool {
        switch type {
        case .string, .long, .integer, .short, .byte, .double, .float, .boolean, .date, .timestamp, .decimal:
            return true
        default:
            return false
        }
    }
}

/// Errors of CSV reading and conversion. Each case names the file and, where it applies, the physical line
/// (1-based, counting every line feed, also those inside quoted fields), the column (1-based field index) and the
/// byte offset, so that a user can open the file at the bad value.
public enum CSVError: Error, CustomStringConvertible, Equatable {
    /// A record has more or fewer fields than the header; `column` is the first missing or extra field.
    case raggedRow(file: String, line: Int, column: Int, expected: Int, found: Int)
    /// A quoted field is still open at the end of the file; `line` and `column` are where the field started.
    case unterminatedQuote(file: String, line: Int, column: Int, byteOffset: Int)
    /// A field holds bytes that are not UTF-8.
    case invalidUTF8(file: String, line: Int, column: Int, byteOffset: Int)
    /// One record is larger than the tokenizer's limit (usually a quote that was never closed).
    case recordTooLarge(file: String, line: Int, limit: Int)
    /// A system call on the file failed.
    case io(file: String, operation: String, errno: Int32)
    /// A value cannot be read as the column's type.
    case badValue(file: String, line: Int, column: Int, columnName: String, value: String, expectedType: String)
    /// The file has no header row (it is empty).
    case emptyFile(file: String)
    /// The header names the same column twice, or names a column with an empty string.
    case badHeader(file: String, reason: String)
    /// An option is invalid (unknown type in a schema file, a date format deltactl cannot read, ...).
    case invalidOption(String)
    /// The CSV does not fit the existing table (append) or the requested layout.
    case schemaMismatch(String)

    public var description: String {
        switch self {
        case .raggedRow(let file, let line, let column, let expected, let found):
            return "\(file):\(line): column \(column): row has \(found) fields, the header has \(expected)"
        case .unterminatedQuote(let file, let line, let column, let offset):
            return "\(file):\(line): column \(column): quoted field is never closed (starts at byte offset \(offset))"
        case .invalidUTF8(let file, let line, let column, let offset):
            return "\(file):\(line): column \(column): invalid UTF-8 (field at byte offset \(offset))"
        case .recordTooLarge(let file, let line, let limit):
            return "\(file):\(line): a record is larger than \(limit) bytes (an unclosed quote?)"
        case .io(let file, let operation, let errno):
            return "\(file): \(operation) failed: \(String(cString: strerrorText(errno)))"
        case .badValue(let file, let line, let column, let name, let value, let expected):
            return "\(file):\(line): column \(column) (\(name)): '\(value)' is not a valid \(expected)"
        case .emptyFile(let file): return "\(file): the file is empty (no header row)"
        case .badHeader(let file, let reason): return "\(file): bad header: \(reason)"
        case .invalidOption(let reason): return reason
        case .schemaMismatch(let reason): return "schema mismatch: \(reason)"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func strerrorText(_ code: Int32) -> UnsafeMutablePointer<CChar> { strerror(code) }

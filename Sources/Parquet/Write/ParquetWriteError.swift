/// Errors raised by the Parquet writer: invalid input from the caller or a failing byte sink.
public enum ParquetWriteError: Error, Equatable, CustomStringConvertible {
    /// The schema cannot be written (reason says why).
    case invalidSchema(reason: String)
    /// A batch or record does not match the schema (wrong column count, type or length).
    case schemaMismatch(column: String, reason: String)
    /// A value cannot be encoded (row is the index within the batch or record list).
    case invalidValue(column: String, row: Int, reason: String)
    /// Compression failed.
    case compressionFailed(codec: String, reason: String)
    /// The byte sink failed.
    case sinkFailed(path: String, reason: String, errno: Int32)
    /// The writer was used after ``ParquetFileWriter/close()`` or after an earlier error.
    case writerClosed

    /// A human-readable message.
    public var description: String {
        switch self {
        case .invalidSchema(let reason): return "invalid Parquet schema: \(reason)"
        case .schemaMismatch(let column, let reason): return "column \(column): \(reason)"
        case .invalidValue(let column, let row, let reason): return "column \(column), row \(row): \(reason)"
        case .compressionFailed(let codec, let reason): return "\(codec) compression failed: \(reason)"
        case .sinkFailed(let path, let reason, let errno): return "writing \(path) failed: \(reason) (errno \(errno))"
        case .writerClosed: return "the Parquet writer is closed"
        }
    }
}

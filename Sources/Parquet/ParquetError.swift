/// Errors raised while reading or writing Parquet. Every data-dependent error names the byte offset (within the file
/// when known) where the problem was found; ``inFile(path:_:)`` adds the file name.
public indirect enum ParquetError: Error, Equatable, CustomStringConvertible {
    /// The bytes violate the Parquet or Thrift specification.
    case outOfSpec(reason: String, byteOffset: Int)
    /// Fewer bytes remained than a structure declared.
    case truncated(needed: Int, available: Int, byteOffset: Int)
    /// A valid but unsupported feature (codec, encoding, type).
    case unsupported(feature: String, byteOffset: Int)
    /// A compressed block could not be decompressed or had the wrong size.
    case decompressionFailed(codec: String, reason: String, byteOffset: Int)
    /// A requested column does not exist in the schema.
    case columnNotFound(String)
    /// An I/O failure from the byte source.
    case io(reason: String)
    /// An error located in a named file.
    case inFile(path: String, ParquetError)

    /// A human-readable message naming the problem and where it was found.
    public var description: String {
        switch self {
        case .outOfSpec(let reason, let offset): return "invalid Parquet data at byte offset \(offset): \(reason)"
        case .truncated(let needed, let available, let offset):
            return "truncated Parquet data at byte offset \(offset): needed \(needed) bytes, \(available) available"
        case .unsupported(let feature, let offset): return "unsupported Parquet feature at byte offset \(offset): \(feature)"
        case .decompressionFailed(let codec, let reason, let offset):
            return "\(codec) decompression failed at byte offset \(offset): \(reason)"
        case .columnNotFound(let name): return "column not found: \(name)"
        case .io(let reason): return "I/O error: \(reason)"
        case .inFile(let path, let error): return "\(path): \(error.description)"
        }
    }

    /// Converts any error thrown by the Parquet layer into a ``ParquetError`` (``ByteReaderError`` becomes `truncated`
    /// or `outOfSpec`; other errors become `io`).
    public static func wrap(_ error: Error) -> ParquetError {
        if let e = error as? ParquetError { return e }
        if let e = error as? ByteReaderError {
            switch e {
            case .truncated(let needed, let available, let offset):
                return .truncated(needed: needed, available: available, byteOffset: offset)
            case .malformedVarint(let offset): return .outOfSpec(reason: "malformed varint", byteOffset: offset)
            }
        }
        return .io(reason: String(describing: error))
    }

    /// The same error attributed to file `path` (no double wrapping).
    public func inFile(_ path: String) -> ParquetError {
        if case .inFile = self { return self }
        return .inFile(path: path, self)
    }
}

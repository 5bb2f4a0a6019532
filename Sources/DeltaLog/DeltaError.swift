/// Errors of the Delta protocol layer. Every case says what went wrong and where (file, version, line, offset),
/// so that a user can act on the message.
public enum DeltaError: Error, CustomStringConvertible {
    /// No `_delta_log` (or no commits) at the table location.
    case notATable(location: String)
    /// A log file could not be parsed.
    case malformedLog(file: String, line: Int?, byteOffset: Int?, reason: String)
    /// An action is missing a required field or has a field of the wrong type.
    case invalidAction(file: String, line: Int?, reason: String)
    /// The requested version cannot be reconstructed or does not exist.
    case versionNotFound(requested: Int64, earliest: Int64?, latest: Int64?)
    /// No version existed at the requested timestamp.
    case timestampOutOfRange(requested: String, reason: String)
    /// Commits are missing between two versions.
    case missingCommits(from: Int64, to: Int64)
    /// The table needs a feature (or protocol version) that deltactl does not support for this operation.
    case unsupportedFeature(String, operation: String)
    /// The log has no protocol or no metaData action at the version.
    case missingProtocolOrMetadata(version: Int64)
    /// A path in the log is absolute or escapes the table root.
    case unsafePath(path: String, version: Int64?)
    /// The schema string cannot be parsed.
    case invalidSchema(reason: String)
    /// A checkpoint or sidecar is unreadable or inconsistent.
    case invalidCheckpoint(file: String, reason: String)
    /// A deletion vector is unreadable or inconsistent.
    case invalidDeletionVector(file: String, reason: String)
    /// A data file referenced by the log is missing or damaged.
    case dataFile(path: String, reason: String)
    /// A concurrent commit conflicts with this transaction; the message says what to do.
    case conflict(version: Int64, reason: String)
    /// A write was refused by a table property or constraint.
    case writeRefused(reason: String)
    /// A storage-layer failure.
    case storage(Error)

    public var description: String {
        switch self {
        case .notATable(let location): return "not a Delta table: \(location) has no _delta_log with commits"
        case .malformedLog(let file, let line, let offset, let reason):
            var loc = file
            if let line { loc += ", line \(line)" }
            if let offset { loc += ", byte offset \(offset)" }
            return "malformed log file \(loc): \(reason)"
        case .invalidAction(let file, let line, let reason):
            return "invalid action in \(file)\(line.map { ", line \($0)" } ?? ""): \(reason)"
        case .versionNotFound(let requested, let earliest, let latest):
            var s = "version \(requested) cannot be read"
            if let earliest, let latest { s += ": the table has versions \(earliest) to \(latest)" }
            return s
        case .timestampOutOfRange(let requested, let reason): return "no version at timestamp \(requested): \(reason)"
        case .missingCommits(let from, let to):
            if from == to { return "the log is missing commit \(from) (\(Version(from).commitPath))" }
            return "the log is missing commits \(from) to \(to)"
        case .unsupportedFeature(let feature, let operation):
            return "unsupported table feature '\(feature)' for \(operation): deltactl refuses rather than misread or damage the table"
        case .missingProtocolOrMetadata(let version): return "no protocol or metaData action found at version \(version)"
        case .unsafePath(let path, let version):
            return "unsafe path in the log\(version.map { " at version \($0)" } ?? ""): '\(path)' is absolute or escapes the table root"
        case .invalidSchema(let reason): return "invalid schema: \(reason)"
        case .invalidCheckpoint(let file, let reason): return "invalid checkpoint \(file): \(reason)"
        case .invalidDeletionVector(let file, let reason): return "invalid deletion vector \(file): \(reason)"
        case .dataFile(let path, let reason): return "data file \(path): \(reason)"
        case .conflict(let version, let reason): return "commit conflict at version \(version): \(reason)"
        case .writeRefused(let reason): return "write refused: \(reason)"
        case .storage(let error): return "\(error)"
        }
    }
}

/// Errors raised by a ``Storage`` backend. Each case carries the path it concerns and,
/// where the operating system reported one, the errno, so messages say what and where.
public enum StorageError: Error, Equatable, CustomStringConvertible {
    /// The object does not exist.
    case notFound(path: String)
    /// A put-if-absent found the object already present.
    case alreadyExists(path: String)
    /// A path is absolute, empty, or escapes the storage root (`..`).
    case invalidPath(path: String, reason: String)
    /// The operating system refused an operation.
    case io(operation: String, path: String, errno: Int32, message: String)
    /// A ranged read asked for bytes outside the object.
    case outOfRange(path: String, offset: Int64, length: Int, size: Int64)
    /// An injected failure (tests only; see `FaultInjectingStorage`).
    case injectedFault(operation: String, path: String)

    public var description: String {
        switch self {
        case .notFound(let path): return "not found: \(path)"
        case .alreadyExists(let path): return "already exists: \(path)"
        case .invalidPath(let path, let reason): return "invalid path '\(path)': \(reason)"
        case .io(let op, let path, let errno, let message): return "\(op) failed for \(path): \(message) (errno \(errno))"
        case .outOfRange(let path, let offset, let length, let size):
            return "read of \(length) bytes at offset \(offset) is outside \(path) (size \(size))"
        case .injectedFault(let op, let path): return "injected fault: \(op) \(path)"
        }
    }
}

import DeltaLog
import Storage

/// Errors of `replicate` and `verify`. Each case names the file, version or path it concerns, so the message
/// says what to do without a stack trace.
public enum ReplicationError: Error, CustomStringConvertible {
    /// A storage root URI uses a scheme deltactl cannot open yet.
    case unsupportedURI(String)
    /// The source has no `_delta_log` with commits or checkpoints.
    case notATable(location: String)
    /// The requested version is not in the source's log.
    case versionNotFound(requested: Int64, latest: Int64)
    /// No version up to the requested one can be reconstructed (commits missing and no checkpoint covers them).
    case notReconstructible(version: Int64, reason: String)
    /// The replica's log differs from the source's at a version (someone wrote to the replica): nothing was changed.
    case diverged(version: Int64?, file: String, reason: String)
    /// A path in the log is absolute or escapes the table root; it is never followed.
    case unsafePath(path: String, version: Int64?, file: String)
    /// A file that the table needs at the target version is missing from the source.
    case missingSourceFile(path: String, version: Int64)
    /// Another replicate run holds the lock on the target.
    case locked(path: String, owner: String)
    /// A checkpoint could not be read (or needs a reader that is not available).
    case unreadableCheckpoint(file: String, reason: String)
    /// A log file could not be parsed.
    case malformedLog(file: String, reason: String)
    /// The lineage record exists but cannot be parsed.
    case malformedLineage(file: String, reason: String)
    /// A storage operation failed.
    case storage(StorageError)
    /// A source file's size differs from the size its `add` or `cdc` action records (a torn or altered file).
    case damagedSourceFile(path: String, expected: Int64, actual: Int64, version: Int64)
    /// The source and the replica are the same place, or one lies inside the other.
    case overlappingLocations(source: String, target: String)

    public var description: String {
        switch self {
        case .unsupportedURI(let uri):
            return "unsupported storage URI '\(uri)': use a local path or a file:// URI"
        case .notATable(let location): return "not a Delta table: \(location) has no _delta_log with commits"
        case .versionNotFound(let requested, let latest):
            return "version \(requested) does not exist in the source: its latest version is \(latest)"
        case .notReconstructible(let version, let reason):
            return "version \(version) of the source cannot be reconstructed: \(reason)"
        case .diverged(let version, let file, let reason):
            let at = version.map { " at version \($0)" } ?? ""
            return "the replica has diverged from the source\(at) (\(file)): \(reason); nothing was changed"
        case .unsafePath(let path, let version, let file):
            let at = version.map { " (version \($0))" } ?? ""
            return "refusing unsafe path '\(path)' in \(file)\(at): it is absolute or escapes the table root"
        case .missingSourceFile(let path, let version):
            return "the source is missing \(path), which version \(version) needs: the source table is damaged"
        case .locked(let path, let owner):
            return "another replicate run holds \(path) (\(owner)); retry later or remove the lock if that run is dead"
        case .unreadableCheckpoint(let file, let reason): return "cannot read checkpoint \(file): \(reason)"
        case .malformedLog(let file, let reason): return "malformed log file \(file): \(reason)"
        case .malformedLineage(let file, let reason): return "malformed replication record \(file): \(reason)"
        case .storage(let error): return error.description
        case .damagedSourceFile(let path, let expected, let actual, let version):
            return "the source's \(path) has \(actual) bytes but version \(version) records \(expected): the source table is damaged"
        case .overlappingLocations(let source, let target):
            return "the replica \(target) and the source \(source) overlap: replicate to a separate location"
        }
    }
}

/// Runs `body`, turning storage and Delta errors into ``ReplicationError``.
@inline(__always)
func wrapStorage<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as StorageError { throw ReplicationError.storage(e) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Validation of storage-relative paths: the one place that decides whether a path stays inside a root.
public enum StoragePath {
    /// Throws `.invalidPath` when `path` is empty, absolute, contains a NUL, a backslash-free `..` segment,
    /// an empty segment, or a `.` segment. Returns the path unchanged otherwise.
    @discardableResult
    public static func validate(_ path: String) throws -> String {
        if path.isEmpty { throw StorageError.invalidPath(path: path, reason: "empty path") }
        if path.hasPrefix("/") { throw StorageError.invalidPath(path: path, reason: "absolute path") }
        if path.utf8.contains(0) { throw StorageError.invalidPath(path: path, reason: "contains NUL") }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { throw StorageError.invalidPath(path: path, reason: "empty path segment") }
            if segment == ".." { throw StorageError.invalidPath(path: path, reason: "escapes the root ('..')") }
            if segment == "." { throw StorageError.invalidPath(path: path, reason: "'.' segment") }
        }
        return path
    }

    /// Joins a folder prefix and a name with exactly one `/`.
    public static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }
}

extension StoragePath {
    /// Whether `a` sorts before `b` by their UTF-8 bytes (the listing order of the storage contract, as object
    /// stores list). Compares the contiguous UTF-8 storage directly: listing sorts 10,000s of log names.
    @inlinable
    public static func bytewisePrecedes(_ a: String, _ b: String) -> Bool {
        let fast: Bool? = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb -> Bool in
                let n = min(pa.count, pb.count)
                if n > 0, let x = pa.baseAddress, let y = pb.baseAddress {
                    let c = memcmp(x, y, n)
                    if c != 0 { return c < 0 }
                }
                return pa.count < pb.count
            }
        } ?? nil
        return fast ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

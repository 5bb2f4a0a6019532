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
        // One pass over the bytes (this runs for every read and write): a segment ends at `/` or at the end.
        var length = 0, dots = 0
        func check() throws {
            if length == 0 { throw StorageError.invalidPath(path: path, reason: "empty path segment") }
            if dots == length && length == 2 { throw StorageError.invalidPath(path: path, reason: "escapes the root ('..')") }
            if dots == length && length == 1 { throw StorageError.invalidPath(path: path, reason: "'.' segment") }
        }
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                try check()
                length = 0; dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        try check()
        return path
    }

    /// Byte order of two paths (the order listings use), without going through Unicode comparison.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                if n > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let c = memcmp(p, q, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
    }

    /// Joins a folder prefix and a name with exactly one `/`.
    public static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }
}

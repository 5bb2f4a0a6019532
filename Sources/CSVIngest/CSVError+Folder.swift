#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVError {
    /// Creates `path` and its missing parents (mkdir -p); a failure becomes `.io` naming the folder and the
    /// operating system's reason (never a raw Foundation error).
    static func creatingFolder(_ path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { return }
            throw CSVError.io(file: path, operation: "create folder", errno: ENOTDIR)
        }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try creatingFolder(String(path[..<slash]))
        }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw CSVError.io(file: path, operation: "create folder", errno: errno)
        }
    }
}

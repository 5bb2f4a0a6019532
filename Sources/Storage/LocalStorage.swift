import CStorageShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``Storage`` rooted at a local folder.
///
/// Atomic publish: `put` writes a temporary file beside the target, fsyncs it and renames it over the target;
/// `putIfAbsent` writes a temporary file, fsyncs it, and publishes it with renameat2 RENAME_NOREPLACE (or link(2)
/// where the file system lacks it), which fails with EEXIST instead of overwriting; the folder is fsynced after
/// either. Copies compute a CRC-32C while they copy (one pass:
/// read, checksum, write), or share extents (FICLONE reflink) where the file system can. `.deferred` copies and
/// staged objects skip the fsyncs; ``sync()`` (syncfs(2)) makes them durable together. Temporary files are named
/// `.deltactl-tmp-*`: listings skip them and Delta readers ignore them (not a log file name).
/// With ``FlushPolicy/never`` nothing is fsynced (see there). The writing half is in `LocalStorage+Write.swift`,
/// batch publishing in `LocalStorage+Publish.swift`.
public final class LocalStorage: Storage, @unchecked Sendable {
    /// Absolute path of the root folder, without a trailing `/`.
    public let rootPath: String
    /// Whether writes are flushed to stable storage.
    public let flush: FlushPolicy
    /// Source devices from which reflinks into this root are known to fail.
    let clones = CloneMemo()
    /// Raised when this root's file system refuses renameat2 RENAME_NOREPLACE (link(2) is used instead).
    let noRenameNoReplace = OnceFlag()
    /// Raised when this root's file system (or the process) cannot create and link unnamed files (O_TMPFILE).
    let noUnnamedFiles = OnceFlag()

    /// Opens (does not create) a root folder. `path` may be relative to the working directory.
    public init(path: String, flush: FlushPolicy = .always) {
        var p = path
        if !p.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                p = cwd == "/" ? "/" + p : cwd + "/" + p
            }
        }
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        self.rootPath = p
        self.flush = flush
    }

    public var rootURI: String { "file://" + rootPath }

    /// The absolute file-system path of a validated relative path.
    public func absolutePath(_ path: String) throws -> String {
        try StoragePath.validate(path)
        return rootPath == "/" ? "/" + path : rootPath + "/" + path
    }

    public func read(_ path: String) throws -> [UInt8] {
        try withOpenFile(path) { fd, size in try Self.readFully(fd, offset: 0, length: Int(size), path: path) }
    }

    public func readRange(_ path: String, offset: Int64, length: Int) throws -> [UInt8] {
        try withOpenFile(path) { fd, size in
            if offset < 0 || length < 0 || offset + Int64(length) > size {
                throw StorageError.outOfRange(path: path, offset: offset, length: length, size: size)
            }
            let bytes = try Self.readFully(fd, offset: offset, length: length, path: path)
            if bytes.count < length { throw StorageError.outOfRange(path: path, offset: offset, length: length, size: size) }
            return bytes
        }
    }

    /// Opens `path` read-only and calls `body` with the descriptor and the file's size; closes it afterwards.
    private func withOpenFile<T>(_ path: String, _ body: (Int32, Int64) throws -> T) throws -> T {
        let fd = open(try absolutePath(path), O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw Self.error("open", path, errno) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw Self.error("stat", path, errno) }
        return try body(fd, Int64(st.st_size))
    }

    /// Reads up to `length` bytes at `offset` with pread(2), retrying on EINTR; shorter only at end of file.
    private static func readFully(_ fd: Int32, offset: Int64, length: Int, path: String) throws -> [UInt8] {
        // Uninitialized: the kernel fills the buffer (zeroing it first would touch every page twice).
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: length) { buf, count in
            var done = 0
            while done < length {
                let n = pread(fd, buf.baseAddress! + done, length - done, off_t(offset) + off_t(done))
                if n < 0 { if errno == EINTR { continue }; failure = errno; break }
                if n == 0 { break }
                done += n
            }
            count = done
        }
        if let failure { throw error("read", path, failure) }
        return bytes
    }

    public func head(_ path: String) throws -> ObjectInfo {
        let full = try absolutePath(path)
        var st = stat()
        if stat(full, &st) != 0 { throw Self.error("stat", path, errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw StorageError.notFound(path: path) }
        return ObjectInfo(path: path, size: Int64(st.st_size), modifiedMillis: Self.millis(st))
    }

    public func list(prefix: String) throws -> [ObjectInfo] {
        // Walk from the deepest folder that the prefix names completely.
        var folder = ""
        if let slash = prefix.lastIndex(of: "/") { folder = String(prefix[..<slash]) }
        if !folder.isEmpty { try StoragePath.validate(folder) }
        var result: [ObjectInfo] = []
        try walk(folder, prefix: prefix, startingAt: nil, into: &result)
        result.sort { StoragePath.precedes($0.path, $1.path) }
        return result
    }

    /// Lists like ``list(prefix:)`` from `startingAt` on: entries that sort before it are skipped by name,
    /// without a `stat` (folders on the way are still walked).
    public func list(prefix: String, startingAt: String) throws -> [ObjectInfo] {
        var folder = ""
        if let slash = prefix.lastIndex(of: "/") { folder = String(prefix[..<slash]) }
        if !folder.isEmpty { try StoragePath.validate(folder) }
        var result: [ObjectInfo] = []
        try walk(folder, prefix: prefix, startingAt: startingAt, into: &result)
        result.sort { StoragePath.precedes($0.path, $1.path) }
        return result
    }

    private func walk(_ folder: String, prefix: String, startingAt: String?, into result: inout [ObjectInfo]) throws {
        let full = folder.isEmpty ? rootPath : rootPath + "/" + folder
        guard let dir = opendir(full) else {
            if errno == ENOENT || errno == ENOTDIR { return }
            throw Self.error("opendir", folder.isEmpty ? "." : folder, errno)
        }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let rel = folder.isEmpty ? name : folder + "/" + name
            // Prune: descend only into folders on the way to the prefix or inside it.
            let inside = rel.hasPrefix(prefix)
            if !inside && !prefix.hasPrefix(rel + "/") { continue }
            // Before the start: skip unless it is a folder whose contents may sort after it.
            if let startingAt, StoragePath.precedes(rel, startingAt), !startingAt.hasPrefix(rel + "/"),
               Int(entry.pointee.d_type) != Int(DT_DIR), Int(entry.pointee.d_type) != Int(DT_UNKNOWN) { continue }
            var st = stat()
            // Relative to the open folder: no walk of the whole path per entry.
            if fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0 { continue }
            let kind = st.st_mode & S_IFMT
            if kind == S_IFDIR {
                try walk(rel, prefix: prefix, startingAt: startingAt, into: &result)
            } else if kind == S_IFREG && inside {
                if let startingAt, StoragePath.precedes(rel, startingAt) { continue }
                if name.hasPrefix(TemporaryName.prefix) { continue }
                result.append(ObjectInfo(path: rel, size: Int64(st.st_size), modifiedMillis: Self.millis(st)))
            }
        }
    }

    public func delete(_ path: String) throws {
        let full = try absolutePath(path)
        if unlink(full) != 0 && errno != ENOENT { throw Self.error("unlink", path, errno) }
    }

    /// Sets an object's modification (and access) time, in milliseconds since the epoch (replicas keep the
    /// source's commit times, which readers without in-commit timestamps use to date versions).
    public func setModificationTime(_ path: String, millis: Int64) throws {
        let full = try absolutePath(path)
        let t = timespec(tv_sec: time_t(millis / 1000), tv_nsec: Int((millis % 1000) * 1_000_000))
        var times = [t, t]
        if utimensat(AT_FDCWD, full, &times, 0) != 0 { throw Self.error("utimensat", path, errno) }
    }

    // MARK: - Helpers

    static func makeDirectories(_ dir: String, path: String) throws {
        var st = stat()
        if stat(dir, &st) == 0 { return }
        let parent = Self.parent(of: dir)
        if parent != dir && !parent.isEmpty { try makeDirectories(parent, path: path) }
        if mkdir(dir, 0o755) != 0 && errno != EEXIST { throw error("mkdir", path, errno) }
    }

    static func parent(of full: String) -> String {
        guard let slash = full.lastIndex(of: "/") else { return "." }
        if slash == full.startIndex { return "/" }
        return String(full[..<slash])
    }

    static func millis(_ st: stat) -> Int64 {
        Int64(st.st_mtim.tv_sec) * 1000 + Int64(st.st_mtim.tv_nsec) / 1_000_000
    }

    static func error(_ op: String, _ path: String, _ code: Int32) -> StorageError {
        if code == ENOENT { return .notFound(path: path) }
        return .io(operation: op, path: path, errno: code, message: String(cString: strerror(code)))
    }
}

import CStorageShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``Storage`` rooted at a local folder.
///
/// Atomic publish: `put` writes a temporary file beside the target, fsyncs it and renames it over the target;
/// `putIfAbsent` writes a temporary file, fsyncs it, and publishes it with link(2), which fails with EEXIST
/// instead of overwriting; the folder is fsynced after either. Copies between local roots use
/// copy_file_range(2), which lets the kernel share extents (reflink) where the file system can. `.deferred`
/// copies skip the fsyncs; ``sync()`` (syncfs(2)) makes them durable together.
public final class LocalStorage: Storage, @unchecked Sendable {
    /// Absolute path of the root folder, without a trailing `/`.
    public let rootPath: String

    /// Opens (does not create) a root folder. `path` may be relative to the working directory.
    public init(path: String) {
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
        result.sort { StoragePath.bytewisePrecedes($0.path, $1.path) }
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
        result.sort { StoragePath.bytewisePrecedes($0.path, $1.path) }
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
            if let startingAt, StoragePath.bytewisePrecedes(rel, startingAt), !startingAt.hasPrefix(rel + "/"),
               Int(entry.pointee.d_type) != Int(DT_DIR), Int(entry.pointee.d_type) != Int(DT_UNKNOWN) { continue }
            var st = stat()
            // Relative to the open folder: no walk of the whole path per entry.
            if fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0 { continue }
            let kind = st.st_mode & S_IFMT
            if kind == S_IFDIR {
                try walk(rel, prefix: prefix, startingAt: startingAt, into: &result)
            } else if kind == S_IFREG && inside {
                if let startingAt, StoragePath.bytewisePrecedes(rel, startingAt) { continue }
                if name.hasPrefix(".deltactl-tmp-") { continue }
                result.append(ObjectInfo(path: rel, size: Int64(st.st_size), modifiedMillis: Self.millis(st)))
            }
        }
    }

    public func put(_ path: String, _ bytes: [UInt8]) throws {
        let full = try absolutePath(path)
        let temp = try writeTemp(for: full, path: path) { fd in try Self.writeAll(fd, bytes, path) }
        if rename(temp, full) != 0 {
            let e = errno
            unlink(temp)
            throw Self.error("rename", path, e)
        }
        fsyncParent(of: full)
    }

    public func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws {
        let full = try absolutePath(path)
        let temp = try writeTemp(for: full, path: path) { fd in try Self.writeAll(fd, bytes, path) }
        defer { unlink(temp) }
        if link(temp, full) != 0 {
            let e = errno
            if e == EEXIST { throw StorageError.alreadyExists(path: path) }
            throw Self.error("link", path, e)
        }
        fsyncParent(of: full)
    }

    public func delete(_ path: String) throws {
        let full = try absolutePath(path)
        if unlink(full) != 0 && errno != ENOENT { throw Self.error("unlink", path, errno) }
    }

    public func copy(from source: Storage, sourcePath: String, to path: String) throws {
        try copy(from: source, sourcePath: sourcePath, to: path, durability: .immediate)
    }

    /// `.deferred` skips the fsync of the file and of its folder; ``sync()`` makes such copies durable.
    public func copy(from source: Storage, sourcePath: String, to path: String, durability: WriteDurability) throws {
        let durable = durability == .immediate
        guard let local = source as? LocalStorage else {
            let bytes = try source.read(sourcePath)
            let full = try absolutePath(path)
            let temp = try writeTemp(for: full, path: path, durable: durable) { fd in try Self.writeAll(fd, bytes, path) }
            try publish(temp, full, path, durable: durable)
            return
        }
        let src = try local.absolutePath(sourcePath)
        let full = try absolutePath(path)
        let inFD = open(src, O_RDONLY | O_CLOEXEC)
        if inFD < 0 { throw Self.error("open", sourcePath, errno) }
        defer { close(inFD) }
        var st = stat()
        if fstat(inFD, &st) != 0 { throw Self.error("stat", sourcePath, errno) }
        let size = Int(st.st_size)
        let temp = try writeTemp(for: full, path: path, durable: durable) { outFD in
            var remaining = size
            var usePlain = false
            while remaining > 0 && !usePlain {
                let n = deltactl_copy_file_range(inFD, outFD, remaining)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP { usePlain = true; break }
                    throw Self.error("copy_file_range", path, errno)
                }
                if n == 0 { break }
                remaining -= n
            }
            if usePlain {
                var buffer = [UInt8](repeating: 0, count: 1 << 20)
                while true {
                    let n = buffer.withUnsafeMutableBytes { Glibc.read(inFD, $0.baseAddress!, $0.count) }
                    if n < 0 { if errno == EINTR { continue }; throw Self.error("read", sourcePath, errno) }
                    if n == 0 { break }
                    try Self.writeAll(outFD, Array(buffer[0..<n]), path)
                }
            }
        }
        try publish(temp, full, path, durable: durable)
    }

    /// Flushes the file system holding the root (syncfs(2)): every `.deferred` copy made so far becomes durable,
    /// its folder entries included.
    public func sync() throws {
        let fd = open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw Self.error("open", ".", errno) }
        defer { close(fd) }
        if deltactl_syncfs(fd) != 0 { throw Self.error("syncfs", ".", errno) }
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

    /// Renames a written temporary file over `full`; fsyncs the folder when `durable`.
    private func publish(_ temp: String, _ full: String, _ path: String, durable: Bool) throws {
        if rename(temp, full) != 0 {
            let e = errno
            unlink(temp)
            throw Self.error("rename", path, e)
        }
        if durable { fsyncParent(of: full) }
    }

    /// Creates the parent folders of `full`, writes a temporary file beside it with `body`, fsyncs and closes it.
    /// Returns the temporary file's path.
    private func writeTemp(for full: String, path: String, durable: Bool = true, _ body: (Int32) throws -> Void) throws -> String {
        let parent = Self.parent(of: full)
        try Self.makeDirectories(parent, path: path)
        let base = full.split(separator: "/").last.map(String.init) ?? "object"
        var suffix = UInt64.random(in: 0...UInt64.max)
        var temp = ""
        var fd: Int32 = -1
        for _ in 0..<16 {
            temp = parent + "/.deltactl-tmp-" + base + "." + String(suffix, radix: 16)
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 { break }
            if errno != EEXIST { throw Self.error("create", path, errno) }
            suffix &+= 1
        }
        if fd < 0 { throw Self.error("create", path, EEXIST) }
        do {
            try body(fd)
            if durable && fsync(fd) != 0 { throw Self.error("fsync", path, errno) }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        if close(fd) != 0 { let e = errno; unlink(temp); throw Self.error("close", path, e) }
        return temp
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        var done = 0
        try bytes.withUnsafeBytes { buf in
            while done < buf.count {
                let n = write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 { if errno == EINTR { continue }; throw error("write", path, errno) }
                done += n
            }
        }
    }

    static func makeDirectories(_ dir: String, path: String) throws {
        var st = stat()
        if stat(dir, &st) == 0 { return }
        let parent = Self.parent(of: dir)
        if parent != dir && !parent.isEmpty { try makeDirectories(parent, path: path) }
        if mkdir(dir, 0o755) != 0 && errno != EEXIST { throw error("mkdir", path, errno) }
    }

    private func fsyncParent(of full: String) {
        let fd = open(Self.parent(of: full), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
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

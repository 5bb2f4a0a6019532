import CStorageShims
import Dispatch
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
        try list(prefix: prefix, from: nil)
    }

    /// Lists like ``list(prefix:)`` from `startingAt` on: entries that sort before it are skipped by name,
    /// without a `stat` (folders on the way are still walked).
    public func list(prefix: String, startingAt: String) throws -> [ObjectInfo] {
        try list(prefix: prefix, from: startingAt)
    }

    private func list(prefix: String, from startingAt: String?) throws -> [ObjectInfo] {
        // Walk from the deepest folder that the prefix names completely.
        var folder = ""
        if let slash = prefix.lastIndex(of: "/") { folder = String(prefix[..<slash]) }
        if !folder.isEmpty { try StoragePath.validate(folder) }
        var result: [ObjectInfo] = []
        try walk(folder, prefix: prefix, startingAt: startingAt, into: &result)
        return Self.inPathOrder(result)
    }

    private func walk(_ folder: String, prefix: String, startingAt: String?, into result: inout [ObjectInfo]) throws {
        let full = folder.isEmpty ? rootPath : rootPath + "/" + folder
        guard let dir = opendir(full) else {
            if errno == ENOENT || errno == ENOTDIR { return }
            throw Self.error("opendir", folder.isEmpty ? "." : folder, errno)
        }
        defer { closedir(dir) }
        // Names first, then one stat per entry (on two threads for large folders such as a long `_delta_log`).
        // Paths are built and compared on bytes: String prefix tests and concatenations cost more than the stats.
        let folderBytes = Array(folder.utf8), prefixBytes = Array(prefix.utf8)
        var rels: [String] = []
        var nameStarts: [Int] = []
        while let entry = readdir(dir) {
            let type = entry.pointee.d_type
            let built: (rel: String, nameStart: Int)? = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let nameLength = strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)
                let name = UnsafeRawBufferPointer(rebasing: raw[0..<nameLength])
                if name.count == 1 && name[0] == 0x2e || name.count == 2 && name[0] == 0x2e && name[1] == 0x2e { return nil }
                let nameStart = folderBytes.isEmpty ? 0 : folderBytes.count + 1
                let relLength = nameStart + name.count
                // Prune: descend only into folders on the way to the prefix or inside it.
                let rel = String(unsafeUninitializedCapacity: relLength) { out in
                    var k = 0
                    for c in folderBytes { out[k] = c; k += 1 }
                    if !folderBytes.isEmpty { out[k] = 0x2f; k += 1 }
                    for c in name { out[k] = c; k += 1 }
                    return k
                }
                return (rel, nameStart)
            }
            guard let (rel, nameStart) = built else { continue }
            if !Self.hasBytePrefix(rel, prefixBytes) {
                // Outside the prefix: only a folder on the way to it (`rel/` a prefix of `prefix`) is walked.
                guard Self.hasBytePrefix(prefix, Array(rel.utf8) + [0x2f]) else { continue }
            }
            // Before the start: skip unless it is a folder whose contents may sort after it.
            if let startingAt, StoragePath.precedes(rel, startingAt), !startingAt.hasPrefix(rel + "/"),
               Int(type) != Int(DT_DIR), Int(type) != Int(DT_UNKNOWN) { continue }
            rels.append(rel)
            nameStarts.append(nameStart)
        }
        let stats = Self.statEntries(of: dirfd(dir), rels, nameStarts)
        for (k, st) in stats.enumerated() {
            guard let st else { continue }
            let rel = rels[k]
            let kind = st.mode & S_IFMT
            if kind == S_IFDIR {
                try walk(rel, prefix: prefix, startingAt: startingAt, into: &result)
            } else if kind == S_IFREG && Self.hasBytePrefix(rel, prefixBytes) {
                if let startingAt, StoragePath.precedes(rel, startingAt) { continue }
                if Self.hasBytePrefix(rel, Self.temporaryPrefix, at: nameStarts[k]) { continue }
                result.append(ObjectInfo(path: rel, size: st.size, modifiedMillis: st.modifiedMillis))
            }
        }
    }

    /// The name prefix of temporary files (skipped by listings).
    private static let temporaryPrefix = Array(TemporaryName.prefix.utf8)

    /// Whether the UTF-8 of `s` from byte `at` on starts with `prefix`.
    private static func hasBytePrefix(_ s: String, _ prefix: [UInt8], at: Int = 0) -> Bool {
        var s = s
        return s.withUTF8 { u in
            guard u.count - at >= prefix.count else { return false }
            return prefix.withUnsafeBytes { p in
                prefix.isEmpty || memcmp(u.baseAddress! + at, p.baseAddress!, prefix.count) == 0
            }
        }
    }

    /// `objects` in byte order of their paths (one bulk sort: comparing Strings one pair at a time dominated
    /// listing a 10,000-commit log).
    static func inPathOrder(_ objects: [ObjectInfo]) -> [ObjectInfo] {
        StoragePath.sortedIndices(count: objects.count) { objects[$0].path }.map { objects[$0] }
    }

    /// `fstatat` of each name in the open folder `fd` (relative: no walk of the whole path per entry), nil where
    /// it fails (the entry went away). From 4,096 names on, two threads share the work.
    private static func statEntries(of fd: Int32, _ rels: [String], _ nameStarts: [Int])
        -> [(mode: mode_t, size: Int64, modifiedMillis: Int64)?] {
        var out = [(mode: mode_t, size: Int64, modifiedMillis: Int64)?](repeating: nil, count: rels.count)
        out.withUnsafeMutableBufferPointer { slots in
            let all = slots
            let workers = rels.count >= 4096 ? 2 : 1
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var i = w
                while i < rels.count {
                    var st = stat()
                    let found = rels[i].withCString { fstatat(fd, $0 + nameStarts[i], &st, AT_SYMLINK_NOFOLLOW) == 0 }
                    if found {
                        all[i] = (st.st_mode, Int64(st.st_size), millis(st))
                    }
                    i += workers
                }
            }
        }
        return out
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

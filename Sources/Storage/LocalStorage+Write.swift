import CStorageShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing: atomic put, put-if-absent, checksummed copies, and the flush of deferred writes.
extension LocalStorage {
    public func put(_ path: String, _ bytes: [UInt8]) throws {
        let full = try absolutePath(path)
        let temp = try writeTemp(for: full, path: path, durable: true) { fd in try Self.writeAll(fd, bytes, path) }
        try renameTemp(temp, over: full, path, durable: true)
    }

    public func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws {
        let full = try absolutePath(path)
        let temp = try writeTemp(for: full, path: path, durable: true) { fd in try Self.writeAll(fd, bytes, path) }
        guard try placeExclusively(temp, at: full, path) else {
            unlink(temp)
            throw StorageError.alreadyExists(path: path)
        }
        if flush == .always { fsyncFolder(Self.parent(of: full)) }
    }

    /// Gives the written temporary file `temp` the name `full` only if no file has it: renameat2 RENAME_NOREPLACE
    /// (one atomic step), or where the file system refuses it, link(2) (which fails with EEXIST instead of
    /// replacing) and unlink of the temporary name. Returns false when `full` exists (`temp` is then left in
    /// place); throws on other errors (after removing `temp`).
    func placeExclusively(_ temp: String, at full: String, _ path: String) throws -> Bool {
        if !noRenameNoReplace.isSet {
            if deltactl_rename_noreplace(temp, full) == 0 { return true }
            let e = errno
            if e == EEXIST { return false }
            guard e == EINVAL || e == ENOSYS || e == ENOTSUP || e == EOPNOTSUPP || e == EPERM else {
                unlink(temp)
                throw Self.error("rename", path, e)
            }
            noRenameNoReplace.raise()
        }
        if link(temp, full) != 0 {
            let e = errno
            if e == EEXIST { return false }
            unlink(temp)
            throw Self.error("link", path, e)
        }
        unlink(temp)
        return true
    }

    public func copy(from source: Storage, sourcePath: String, to path: String) throws {
        try copy(from: source, sourcePath: sourcePath, to: path, durability: .immediate)
    }

    /// `.deferred` skips the fsync of the file and of its folder, and on Linux goes through an unnamed file (see
    /// `LocalStorage+Anonymous.swift`); ``sync()`` makes such copies durable. The receipt is computed from the bytes
    /// as they are copied.
    @discardableResult
    public func copy(from source: Storage, sourcePath: String, to path: String, durability: WriteDurability) throws -> CopyReceipt {
        let full = try absolutePath(path)
        let durable = durability == .immediate
        #if os(Linux)
        if !durable, let receipt = try copyThroughUnnamedFile(from: source, sourcePath: sourcePath, to: full, path: path) {
            return receipt
        }
        #endif
        var receipt = CopyReceipt(size: 0, crc32c: 0)
        let temp = try withSource(source, sourcePath) { src in
            try writeTemp(for: full, path: path, durable: durable) { fd in receipt = try copyContent(src, into: fd, path: path) }
        }
        try renameTemp(temp, over: full, path, durable: durable)
        return receipt
    }

    /// Flushes the file system holding the root (syncfs(2)): every `.deferred` copy and staged object made so far
    /// becomes durable, folder entries included. Does nothing under ``FlushPolicy/never``.
    public func sync() throws {
        guard flush == .always else { return }
        let fd = open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw Self.error("open", ".", errno) }
        defer { close(fd) }
        if deltactl_syncfs(fd) != 0 { throw Self.error("syncfs", ".", errno) }
    }

    // MARK: - Helpers

    /// An opened copy source: a local file, or bytes read from another kind of storage.
    enum CopySource {
        case file(fd: Int32, size: Int64, device: UInt64, path: String)
        case bytes([UInt8])
    }

    /// Opens `sourcePath` of `source` (a descriptor for local roots, the bytes otherwise) for `body`; closes it after.
    /// A missing source fails here, before anything is written.
    func withSource<T>(_ source: Storage, _ sourcePath: String, _ body: (CopySource) throws -> T) throws -> T {
        guard let local = source as? LocalStorage else { return try body(.bytes(try source.read(sourcePath))) }
        let fd = open(try local.absolutePath(sourcePath), O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw Self.error("open", sourcePath, errno) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw Self.error("stat", sourcePath, errno) }
        return try body(.file(fd: fd, size: Int64(st.st_size), device: UInt64(st.st_dev), path: sourcePath))
    }

    /// Writes the source's bytes into `out` (an empty file) and returns their size and CRC-32C. Local files are
    /// shared by reflink (FICLONE) where the file system can, then checksummed by one read; otherwise they are copied
    /// in one pass (read, checksum, write through a ``CopyBuffers`` buffer), which costs no more than
    /// copy_file_range plus the read a checksum needs. A file is copied up to the size it had when opened.
    func copyContent(_ source: CopySource, into out: Int32, path: String) throws -> CopyReceipt {
        switch source {
        case .bytes(let bytes):
            try Self.writeAll(out, bytes, path)
            return CopyReceipt(of: bytes)
        case .file(let fd, let size, let device, let sourcePath):
            let cloned = size > 0 && clones.mayClone(from: device) && clone(fd, into: out, from: device)
            #if os(Linux)
            if size >= 8 << 20 { _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL)) }
            #endif
            var crc = CRC32C()
            var total: Int64 = 0
            try CopyBuffers.with { buffer in
                while total < size {
                    let want = Int(min(Int64(buffer.count), size - total))
                    let n = pread(fd, buffer.baseAddress!, want, off_t(total))
                    if n < 0 { if errno == EINTR { continue }; throw Self.error("read", sourcePath, errno) }
                    if n == 0 { break }  // shrank since it was opened: the short receipt tells the caller
                    let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                    crc.update(chunk)
                    if !cloned { try Self.writeAll(out, chunk, path) }
                    total += Int64(n)
                }
            }
            if cloned && total != size {
                throw StorageError.io(operation: "copy", path: path, errno: 0,
                                      message: "\(sourcePath) changed size while being copied (\(size) -> \(total) bytes)")
            }
            return CopyReceipt(size: total, crc32c: crc.value)
        }
    }

    /// A reflink of `fd` into `out`; false (remembered for the source's device when the file systems cannot) when
    /// the bytes must be copied.
    private func clone(_ fd: Int32, into out: Int32, from device: UInt64) -> Bool {
        if deltactl_clone_file(fd, out) == 0 { return true }
        let e = errno
        if e == EOPNOTSUPP || e == EXDEV || e == EINVAL || e == ENOTTY || e == ENOSYS || e == EPERM {
            clones.markUnsupported(from: device)
        }
        return false
    }

    /// Renames a written temporary file over `full`; fsyncs the folder when `durable` (and the root flushes).
    func renameTemp(_ temp: String, over full: String, _ path: String, durable: Bool) throws {
        if rename(temp, full) != 0 {
            let e = errno
            unlink(temp)
            throw Self.error("rename", path, e)
        }
        if durable && flush == .always { fsyncFolder(Self.parent(of: full)) }
    }

    /// Creates the parent folders of `full`, writes a temporary file beside it with `body`, fsyncs it when `durable`
    /// (and the root flushes; a deferred one only has its writeback started) and closes it. Returns the temporary
    /// file's path; removes it on any error.
    func writeTemp(for full: String, path: String, durable: Bool, _ body: (Int32) throws -> Void) throws -> String {
        let parent = Self.parent(of: full)
        let base = full.split(separator: "/").last.map(String.init) ?? "object"
        var temp = ""
        var fd: Int32 = -1
        var madeFolders = false
        for _ in 0..<16 {
            temp = TemporaryName.make(in: parent, for: base)
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 { break }
            let e = errno
            if e == ENOENT && !madeFolders {  // the folder is new: create it (and its parents), then retry
                try Self.makeDirectories(parent, path: path)
                madeFolders = true
                continue
            }
            if e != EEXIST { throw Self.error("create", path, e) }
        }
        if fd < 0 { throw Self.error("create", path, EEXIST) }
        do {
            try body(fd)
            if flush == .always {
                if durable {
                    if fsync(fd) != 0 { throw Self.error("fsync", path, errno) }
                } else {
                    _ = deltactl_start_writeback(fd)  // the disk starts now; the later sync() waits for less
                }
            }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        if close(fd) != 0 { let e = errno; unlink(temp); throw Self.error("close", path, e) }
        return temp
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        try bytes.withUnsafeBytes { try writeAll(fd, $0, path) }
    }

    static func writeAll(_ fd: Int32, _ buf: UnsafeRawBufferPointer, _ path: String) throws {
        var done = 0
        while done < buf.count {
            let n = write(fd, buf.baseAddress! + done, buf.count - done)
            if n < 0 { if errno == EINTR { continue }; throw error("write", path, errno) }
            done += n
        }
    }

    /// fsync(2) of a folder (makes the names in it durable). Best effort: some file systems refuse to fsync
    /// folders, and the names were written; a failure here cannot be repaired by the caller.
    func fsyncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }
}

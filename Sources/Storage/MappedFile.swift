#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A storage whose objects can be mapped into memory read-only (a local folder): large immutable files such as
/// Parquet checkpoints are then decoded in place, with no copy and no zero-filled buffer per read. Object stores
/// do not conform; callers fall back to ranged reads.
public protocol MappableStorage: Storage {
    /// Maps a whole object read-only. Throws `.notFound` for a missing object.
    func mapFile(_ path: String) throws -> MappedFile
}

/// A read-only memory mapping of one file, unmapped when released. The file must not be truncated while mapped
/// (Delta log files are immutable once published; replacements are renames, which leave this mapping intact).
public final class MappedFile: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer?
    /// The mapped length in bytes.
    public let count: Int

    init(base: UnsafeMutableRawPointer?, count: Int) {
        self.base = base
        self.count = count
    }

    deinit {
        if let base, count > 0 { munmap(base, count) }
    }

    /// Lends the mapped bytes to `body` (valid only during the call).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base.map { UnsafeRawPointer($0) }, count: count))
    }
}

extension LocalStorage: MappableStorage {
    /// Maps with `MAP_POPULATE`: the page-cache pages are wired in one call instead of one fault per page.
    public func mapFile(_ path: String) throws -> MappedFile {
        let fd = open(try absolutePath(path), O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw Self.error("open", path, errno) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw Self.error("stat", path, errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw StorageError.notFound(path: path) }
        let count = Int(st.st_size)
        if count == 0 { return MappedFile(base: nil, count: 0) }
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let p = mmap(nil, count, PROT_READ, flags, fd, 0), p != MAP_FAILED else {
            throw Self.error("mmap", path, errno)
        }
        return MappedFile(base: p, count: count)
    }
}

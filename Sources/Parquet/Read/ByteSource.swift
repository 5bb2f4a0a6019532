#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random-access bytes of one Parquet file. Implementations: ``MemoryByteSource``, ``FileByteSource``; DeltaLog
/// adapts its `Storage` with a small conformance of its own.
public protocol ParquetByteSource {
    /// Total size of the file in bytes.
    var size: Int { get }
    /// Reads exactly `length` bytes at `offset` (the caller keeps ranges within `size`).
    func read(offset: Int, length: Int) throws -> [UInt8]
    /// Calls `body` with exactly `length` bytes at `offset`, valid only during the call. In-memory sources lend
    /// their own storage (no copy); the default reads a copy.
    func withBytes<R>(offset: Int, length: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R
}

extension ParquetByteSource {
    /// Reads a copy and lends it to `body`.
    public func withBytes<R>(offset: Int, length: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try read(offset: offset, length: length).withUnsafeBytes(body)
    }
}

/// An in-memory file.
public struct MemoryByteSource: ParquetByteSource {
    /// The file's bytes.
    public let bytes: [UInt8]

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The size of `bytes`.
    public var size: Int { bytes.count }

    /// Copies a range of `bytes`.
    public func read(offset: Int, length: Int) throws -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= bytes.count - length else {
            throw ParquetError.truncated(needed: length, available: max(0, bytes.count - max(offset, 0)), byteOffset: offset)
        }
        return Array(bytes[offset..<offset + length])
    }

    /// Lends a range of `bytes` without copying.
    public func withBytes<R>(offset: Int, length: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        guard offset >= 0, length >= 0, offset <= bytes.count - length else {
            throw ParquetError.truncated(needed: length, available: max(0, bytes.count - max(offset, 0)), byteOffset: offset)
        }
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + length])) }
    }
}

/// A local file read with `pread(2)`; the descriptor closes when the source is released.
public final class FileByteSource: ParquetByteSource {
    /// The file's path.
    public let path: String
    /// The file's size at open time.
    public let size: Int
    let fd: Int32

    /// Opens `path` for reading.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ParquetError.io(reason: "cannot open \(path): \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ParquetError.io(reason: "cannot stat \(path): \(message)")
        }
        self.fd = fd
        self.size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Reads `length` bytes at `offset`, retrying short reads.
    public func read(offset: Int, length: Int) throws -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= size - length else {
            throw ParquetError.truncated(needed: length, available: max(0, size - max(offset, 0)), byteOffset: offset)
        }
        var failure: String?
        let out = [UInt8](unsafeUninitializedCapacity: length) { buf, count in
            var done = 0
            while done < length {
                let n = pread(fd, buf.baseAddress! + done, length - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    break
                }
                if n == 0 { failure = "unexpected end of file"; break }
                done += n
            }
            count = done
        }
        if let failure { throw ParquetError.io(reason: "reading \(path) at \(offset): \(failure)") }
        return out
    }
}

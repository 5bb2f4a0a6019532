#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a ``ParquetFileWriter`` sends the file's bytes, in order. Writes are append-only, so a sink can stream
/// to a file, a network upload or memory.
public protocol ParquetSink: AnyObject {
    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Called once after the footer: flush and release resources.
    func finish() throws
}

extension ParquetSink {
    /// Appends a byte array.
    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
}

/// A sink that collects the file in memory (for small files such as checkpoints, and for tests).
public final class MemorySink: ParquetSink {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty sink.
    public init() {}

    /// Appends `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }

    /// Nothing to flush.
    public func finish() throws {}
}

/// A sink writing to a new local file through a 1 MiB buffer; ``finish()`` flushes, fsyncs and closes it.
/// The file is created exclusively (an existing file is an error).
public final class FileSink: ParquetSink {
    /// The file's path.
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let bufferSize = 1 << 20

    /// Creates (exclusively) the file at `path`.
    public init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw ParquetWriteError.sinkFailed(path: path, reason: "cannot create the file", errno: errno) }
        buffer.reserveCapacity(bufferSize)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Appends `bytes` (written through once the buffer fills).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw ParquetWriteError.writerClosed }
        if buffer.count + bytes.count > bufferSize { try drain() }
        if bytes.count >= bufferSize {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Flushes, fsyncs and closes the file.
    public func finish() throws {
        guard fd >= 0 else { return }
        try drain()
        if fsync(fd) != 0 { throw ParquetWriteError.sinkFailed(path: path, reason: "fsync failed", errno: errno) }
        let result = close(fd)
        fd = -1
        if result != 0 { throw ParquetWriteError.sinkFailed(path: path, reason: "close failed", errno: errno) }
    }

    private func drain() throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let n = systemWrite(fd, base, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetWriteError.sinkFailed(path: path, reason: "write failed", errno: errno)
            }
            remaining -= n
            base += n
        }
    }
}

/// `write(2)` under its platform module name (the sink's method shadows the global function).
@inline(__always)
private func systemWrite(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, base, count)
    #else
    return Darwin.write(fd, base, count)
    #endif
}

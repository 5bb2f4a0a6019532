#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something the tokenizer pulls raw bytes from.
public protocol ByteSource: AnyObject {
    /// The name used in error messages (usually the file path).
    var name: String { get }
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Reads a file through its descriptor with read(2); closes it on deinit.
public final class FileByteSource: ByteSource {
    public let name: String
    private let fd: Int32

    /// Opens `path` for reading.
    public init(path: String) throws {
        name = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw CSVError.io(file: path, operation: "open", errno: errno) }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = systemRead(fd, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw CSVError.io(file: name, operation: "read", errno: errno)
        }
    }

    deinit { close(fd) }
}

/// Serves bytes held in memory (tests, small inputs), at most `chunk` bytes per read to exercise boundaries.
public final class MemoryByteSource: ByteSource {
    public let name: String
    private let bytes: [UInt8]
    private let chunk: Int
    private var offset = 0

    /// A source over `bytes`; each read returns at most `chunk` bytes.
    public init(_ bytes: [UInt8], name: String = "<memory>", chunk: Int = .max) {
        self.bytes = bytes
        self.name = name
        self.chunk = max(1, chunk)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, chunk, bytes.count - offset)
        guard n > 0, let base = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { src in
            if let from = src.baseAddress { base.copyMemory(from: from + offset, byteCount: n) }
        }
        offset += n
        return n
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

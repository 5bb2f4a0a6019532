/// Errors from reading bytes: always carry the absolute byte offset where the problem was found.
public enum ByteReaderError: Error, Equatable, CustomStringConvertible {
    /// Fewer bytes remained than a read needed.
    case truncated(needed: Int, available: Int, byteOffset: Int)
    /// A varint ran past 10 bytes.
    case malformedVarint(byteOffset: Int)

    public var description: String {
        switch self {
        case .truncated(let needed, let available, let offset):
            return "truncated input: needed \(needed) bytes at byte offset \(offset), \(available) available"
        case .malformedVarint(let offset): return "malformed varint at byte offset \(offset)"
        }
    }
}

/// A bounds-checked cursor over borrowed bytes: the one place where Parquet decoding touches raw memory.
/// Every read checks bounds and throws ``ByteReaderError/truncated(needed:available:byteOffset:)``.
/// `baseOffset` is added to positions in errors so that they name the offset within the whole file.
public struct ByteReader {
    @usableFromInline let buffer: UnsafeRawBufferPointer
    /// Current position within the buffer.
    public var position: Int
    /// Offset of the buffer's first byte within the enclosing file (for error messages).
    public let baseOffset: Int

    /// Creates a reader over `buffer`; the caller keeps the memory alive while the reader is used.
    @inlinable
    public init(_ buffer: UnsafeRawBufferPointer, baseOffset: Int = 0) {
        self.buffer = buffer
        self.position = 0
        self.baseOffset = baseOffset
    }

    /// Bytes left to read.
    @inlinable public var remaining: Int { buffer.count - position }
    /// Whether all bytes were read.
    @inlinable public var isAtEnd: Bool { position >= buffer.count }

    @inlinable
    func check(_ n: Int) throws {
        if n < 0 || n > buffer.count - position {
            throw ByteReaderError.truncated(needed: n, available: buffer.count - position, byteOffset: baseOffset + position)
        }
    }

    /// Reads one byte.
    @inlinable
    public mutating func readByte() throws -> UInt8 {
        try check(1)
        let b = buffer[position]
        position += 1
        return b
    }

    /// Reads a little-endian fixed-width integer.
    @inlinable
    public mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        let size = MemoryLayout<T>.size
        try check(size)
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[position..<position + size])) }
        position += size
        return T(littleEndian: value)
    }

    /// Reads an unsigned LEB128 varint (up to 64 bits).
    @inlinable
    public mutating func readVarUInt64() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = position
        while true {
            if position >= buffer.count {
                throw ByteReaderError.truncated(needed: 1, available: 0, byteOffset: baseOffset + position)
            }
            let b = buffer[position]
            position += 1
            result |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw ByteReaderError.malformedVarint(byteOffset: baseOffset + start) }
        }
    }

    /// Reads a zigzag-encoded signed varint.
    @inlinable
    public mutating func readZigZagInt64() throws -> Int64 {
        let v = try readVarUInt64()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// Returns a view of the next `count` bytes and advances past them.
    @inlinable
    public mutating func readSlice(_ count: Int) throws -> UnsafeRawBufferPointer {
        try check(count)
        let slice = UnsafeRawBufferPointer(rebasing: buffer[position..<position + count])
        position += count
        return slice
    }

    /// Copies the next `count` bytes into an array.
    @inlinable
    public mutating func readBytes(_ count: Int) throws -> [UInt8] {
        Array(try readSlice(count))
    }

    /// Skips `count` bytes.
    @inlinable
    public mutating func skip(_ count: Int) throws {
        try check(count)
        position += count
    }
}

/// A growable byte buffer with little-endian, varint and zigzag writers (the encode side of ``ByteReader``).
public struct ByteWriter {
    /// The bytes written so far.
    public var bytes: [UInt8]

    /// Creates an empty writer, reserving `capacity` bytes.
    @inlinable
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes written.
    @inlinable public var count: Int { bytes.count }

    /// Appends one byte.
    @inlinable public mutating func writeByte(_ b: UInt8) { bytes.append(b) }

    /// Appends bytes.
    @inlinable public mutating func writeBytes<C: Collection>(_ c: C) where C.Element == UInt8 { bytes.append(contentsOf: c) }

    /// Appends a little-endian fixed-width integer.
    @inlinable
    public mutating func writeLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends an unsigned LEB128 varint.
    @inlinable
    public mutating func writeVarUInt64(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Appends a zigzag-encoded signed varint.
    @inlinable
    public mutating func writeZigZagInt64(_ value: Int64) {
        writeVarUInt64(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }
}

/// Type codes of the Thrift compact protocol, as they appear in field, list and map headers.
public enum ThriftType: UInt8, Sendable {
    /// End of a struct (field headers only).
    case stop = 0
    /// Boolean true (in a field header) or the boolean element type (in list/map headers).
    case boolTrue = 1
    /// Boolean false (in a field header).
    case boolFalse = 2
    /// Signed 8-bit integer, one raw byte.
    case i8 = 3
    /// Signed 16-bit integer, zigzag varint.
    case i16 = 4
    /// Signed 32-bit integer, zigzag varint.
    case i32 = 5
    /// Signed 64-bit integer, zigzag varint.
    case i64 = 6
    /// IEEE double, 8 bytes little-endian.
    case double = 7
    /// Length-prefixed bytes (also strings).
    case binary = 8
    /// List.
    case list = 9
    /// Set (encoded like a list).
    case set = 10
    /// Map.
    case map = 11
    /// Nested struct.
    case structure = 12

    /// Whether this is one of the two boolean codes.
    @inlinable public var isBool: Bool { self == .boolTrue || self == .boolFalse }
}

/// A decoded field header: the field id (delta-decoded) and its type.
public struct ThriftFieldHeader: Sendable {
    /// The field id from the IDL.
    public var id: Int16
    /// The field's wire type; for booleans it carries the value.
    public var type: ThriftType
    /// Absolute byte offset of the header (for errors).
    public var byteOffset: Int
}

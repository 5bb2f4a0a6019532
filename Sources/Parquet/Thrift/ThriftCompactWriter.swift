/// An encoder for the Thrift compact protocol over a ``ByteWriter`` (the encode side of ``ThriftCompactReader``).
///
/// Usage for a struct: ``beginStruct()``, then one `write…Field` call per set field in increasing id order, then
/// ``endStruct()`` (writes the stop byte).
public struct ThriftCompactWriter {
    /// The bytes written so far.
    public var output: ByteWriter
    var lastFieldId: Int16 = 0
    var fieldIdStack: [Int16] = []

    /// Creates an empty writer.
    public init(capacity: Int = 256) { output = ByteWriter(capacity: capacity) }

    /// The encoded bytes.
    public var bytes: [UInt8] { output.bytes }

    /// Enters a struct.
    public mutating func beginStruct() {
        fieldIdStack.append(lastFieldId)
        lastFieldId = 0
    }

    /// Writes the stop byte and leaves the struct.
    public mutating func endStruct() {
        output.writeByte(0)
        lastFieldId = fieldIdStack.popLast() ?? 0
    }

    /// Writes a field header (short form when the id delta is 1...15).
    public mutating func writeFieldHeader(_ id: Int16, _ type: ThriftType) {
        let delta = Int(id) - Int(lastFieldId)
        if delta > 0 && delta <= 15 {
            output.writeByte(UInt8(delta) << 4 | type.rawValue)
        } else {
            output.writeByte(type.rawValue)
            output.writeZigZagInt64(Int64(id))
        }
        lastFieldId = id
    }

    /// Writes a boolean field (the value is carried in the header type).
    public mutating func writeBoolField(_ id: Int16, _ value: Bool) {
        writeFieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    /// Writes an i8 field.
    public mutating func writeI8Field(_ id: Int16, _ value: Int8) {
        writeFieldHeader(id, .i8)
        output.writeByte(UInt8(bitPattern: value))
    }

    /// Writes an i16 field.
    public mutating func writeI16Field(_ id: Int16, _ value: Int16) {
        writeFieldHeader(id, .i16)
        output.writeZigZagInt64(Int64(value))
    }

    /// Writes an i32 field.
    public mutating func writeI32Field(_ id: Int16, _ value: Int32) {
        writeFieldHeader(id, .i32)
        output.writeZigZagInt64(Int64(value))
    }

    /// Writes an i64 field.
    public mutating func writeI64Field(_ id: Int16, _ value: Int64) {
        writeFieldHeader(id, .i64)
        output.writeZigZagInt64(value)
    }

    /// Writes a double field.
    public mutating func writeDoubleField(_ id: Int16, _ value: Double) {
        writeFieldHeader(id, .double)
        output.writeLittleEndian(value.bitPattern)
    }

    /// Writes a binary field.
    public mutating func writeBinaryField<C: Collection>(_ id: Int16, _ value: C) where C.Element == UInt8 {
        writeFieldHeader(id, .binary)
        writeBinary(value)
    }

    /// Writes a string field (UTF-8).
    public mutating func writeStringField(_ id: Int16, _ value: String) {
        writeBinaryField(id, Array(value.utf8))
    }

    /// Writes a nested struct field: `body` writes the struct's fields.
    public mutating func writeStructField(_ id: Int16, _ body: (inout ThriftCompactWriter) -> Void) {
        writeFieldHeader(id, .structure)
        beginStruct()
        body(&self)
        endStruct()
    }

    /// Writes a list field header followed by the elements written by `body`.
    public mutating func writeListField(_ id: Int16, _ elementType: ThriftType, count: Int,
                                        _ body: (inout ThriftCompactWriter) -> Void) {
        writeFieldHeader(id, .list)
        writeListHeader(elementType, count: count)
        body(&self)
    }

    /// Writes a list header.
    public mutating func writeListHeader(_ elementType: ThriftType, count: Int) {
        if count < 15 {
            output.writeByte(UInt8(count) << 4 | elementType.rawValue)
        } else {
            output.writeByte(0xf0 | elementType.rawValue)
            output.writeVarUInt64(UInt64(count))
        }
    }

    /// Writes a map header.
    public mutating func writeMapHeader(keyType: ThriftType, valueType: ThriftType, count: Int) {
        output.writeVarUInt64(UInt64(count))
        if count > 0 { output.writeByte(keyType.rawValue << 4 | valueType.rawValue) }
    }

    /// Writes a bare i32 (list element).
    public mutating func writeI32(_ value: Int32) { output.writeZigZagInt64(Int64(value)) }
    /// Writes a bare i64 (list element).
    public mutating func writeI64(_ value: Int64) { output.writeZigZagInt64(value) }
    /// Writes a bare double (list element).
    public mutating func writeDouble(_ value: Double) { output.writeLittleEndian(value.bitPattern) }
    /// Writes a bare boolean (list element: 1 true, 2 false, as the reference implementations do).
    public mutating func writeBoolElement(_ value: Bool) { output.writeByte(value ? 1 : 2) }

    /// Writes bare length-prefixed bytes (list element).
    public mutating func writeBinary<C: Collection>(_ value: C) where C.Element == UInt8 {
        output.writeVarUInt64(UInt64(value.count))
        output.writeBytes(value)
    }

    /// Writes a bare string (list element).
    public mutating func writeString(_ value: String) { writeBinary(Array(value.utf8)) }

    /// Writes a nested struct as a list element.
    public mutating func writeStruct(_ body: (inout ThriftCompactWriter) -> Void) {
        beginStruct()
        body(&self)
        endStruct()
    }
}

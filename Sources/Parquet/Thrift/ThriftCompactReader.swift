/// A decoder for the Thrift compact protocol over a bounds-checked ``ByteReader``.
///
/// Usage for a struct: call ``beginStruct()``, loop over ``readFieldHeader()`` until it returns nil, read each known
/// field with the typed readers (after ``expect(_:_:)``), ``skip(_:)`` unknown fields, and finish with ``endStruct()``.
/// List and binary lengths are checked against the remaining bytes before anything is allocated, and nesting depth
/// is limited, so garbage input fails with a ``ParquetError`` instead of exhausting memory or the stack.
public struct ThriftCompactReader {
    /// The underlying byte cursor.
    public var bytes: ByteReader
    @usableFromInline var lastFieldId: Int16 = 0
    @usableFromInline var fieldIdStack: [Int16] = []
    /// Maximum nesting of structs/containers accepted.
    public static let maxDepth = 64

    /// Creates a reader over `buffer`; `baseOffset` is the buffer's offset within the file (for error messages).
    public init(_ buffer: UnsafeRawBufferPointer, baseOffset: Int = 0) {
        bytes = ByteReader(buffer, baseOffset: baseOffset)
    }

    /// Creates a reader continuing from an existing byte cursor.
    public init(reader: ByteReader) { bytes = reader }

    /// Absolute byte offset of the cursor.
    @inlinable public var byteOffset: Int { bytes.baseOffset + bytes.position }

    @inlinable func fail(_ reason: String, at offset: Int? = nil) -> ParquetError {
        .outOfSpec(reason: reason, byteOffset: offset ?? byteOffset)
    }

    /// Enters a struct (saves the field-id delta base).
    public mutating func beginStruct() throws {
        if fieldIdStack.count >= Self.maxDepth { throw fail("Thrift nesting deeper than \(Self.maxDepth)") }
        fieldIdStack.append(lastFieldId)
        lastFieldId = 0
    }

    /// Leaves a struct (after ``readFieldHeader()`` returned nil).
    public mutating func endStruct() {
        lastFieldId = fieldIdStack.popLast() ?? 0
    }

    /// Reads the next field header, or nil at the struct's stop byte.
    public mutating func readFieldHeader() throws -> ThriftFieldHeader? {
        let offset = byteOffset
        let byte = try Self.wrap { try bytes.readByte() }
        if byte == 0 { return nil }
        guard let type = ThriftType(rawValue: byte & 0x0f), type != .stop else {
            throw fail("invalid Thrift field type \(byte & 0x0f)", at: offset)
        }
        let delta = Int16(byte >> 4)
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            id = lastFieldId &+ delta
        }
        lastFieldId = id
        return ThriftFieldHeader(id: id, type: type, byteOffset: offset)
    }

    /// Throws unless `field` has wire type `type` (booleans match either boolean code).
    public func expect(_ field: ThriftFieldHeader, _ type: ThriftType) throws {
        if field.type == type || (type.isBool && field.type.isBool) || (type == .list && field.type == .set) { return }
        throw fail("Thrift field \(field.id) has type \(field.type), expected \(type)", at: field.byteOffset)
    }

    @inlinable static func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw ParquetError.wrap(error) }
    }

    /// Reads a raw i8.
    public mutating func readI8() throws -> Int8 { Int8(bitPattern: try Self.wrap { try bytes.readByte() }) }

    /// Reads a zigzag i16.
    public mutating func readI16() throws -> Int16 {
        let offset = byteOffset
        let v = try Self.wrap { try bytes.readZigZagInt64() }
        guard let r = Int16(exactly: v) else { throw fail("Thrift i16 out of range: \(v)", at: offset) }
        return r
    }

    /// Reads a zigzag i32.
    public mutating func readI32() throws -> Int32 {
        let offset = byteOffset
        let v = try Self.wrap { try bytes.readZigZagInt64() }
        guard let r = Int32(exactly: v) else { throw fail("Thrift i32 out of range: \(v)", at: offset) }
        return r
    }

    /// Reads a zigzag i64.
    public mutating func readI64() throws -> Int64 { try Self.wrap { try bytes.readZigZagInt64() } }

    /// Reads a little-endian double.
    public mutating func readDouble() throws -> Double {
        Double(bitPattern: try Self.wrap { try bytes.readLittleEndian(UInt64.self) })
    }

    /// Reads the value of a boolean field (carried by its header type).
    public func readBool(_ field: ThriftFieldHeader) -> Bool { field.type == .boolTrue }

    /// Reads a boolean list element (one byte: 1 is true).
    public mutating func readBoolElement() throws -> Bool { try Self.wrap { try bytes.readByte() } == 1 }

    /// Reads the length prefix of a binary, checked against the remaining bytes.
    mutating func readLength() throws -> Int {
        let offset = byteOffset
        let n = try Self.wrap { try bytes.readVarUInt64() }
        guard n <= UInt64(bytes.remaining) else {
            throw ParquetError.truncated(needed: n > UInt64(Int.max) ? Int.max : Int(n), available: bytes.remaining,
                                         byteOffset: offset)
        }
        return Int(n)
    }

    /// Reads binary bytes as a borrowed view (valid while the underlying buffer lives).
    public mutating func readBinarySlice() throws -> UnsafeRawBufferPointer {
        let n = try readLength()
        return try Self.wrap { try bytes.readSlice(n) }
    }

    /// Reads binary bytes into an array.
    public mutating func readBinary() throws -> [UInt8] { Array(try readBinarySlice()) }

    /// Reads a string (UTF-8; invalid sequences are repaired, never trapped on).
    public mutating func readString() throws -> String { String(decoding: try readBinarySlice(), as: UTF8.self) }

    /// Reads a list (or set) header: element type and count. The count is checked against the remaining bytes.
    public mutating func readListHeader() throws -> (elementType: ThriftType, count: Int) {
        let offset = byteOffset
        let byte = try Self.wrap { try bytes.readByte() }
        guard let type = ThriftType(rawValue: byte & 0x0f) else { throw fail("invalid Thrift list element type", at: offset) }
        var count = Int(byte >> 4)
        if count == 15 {
            let n = try Self.wrap { try bytes.readVarUInt64() }
            guard n <= UInt64(Int32.max) else { throw fail("Thrift list size \(n) too large", at: offset) }
            count = Int(n)
        }
        // Every element takes at least one byte (doubles 8): refuse sizes the input cannot hold.
        let minSize = type == .double ? 8 : 1
        guard count <= bytes.remaining / minSize else {
            throw fail("Thrift list of \(count) elements exceeds the \(bytes.remaining) remaining bytes", at: offset)
        }
        return (type, count)
    }

    /// Reads a map header: key type, value type and count (checked against the remaining bytes).
    public mutating func readMapHeader() throws -> (keyType: ThriftType, valueType: ThriftType, count: Int) {
        let offset = byteOffset
        let n = try Self.wrap { try bytes.readVarUInt64() }
        if n == 0 { return (.stop, .stop, 0) }
        guard n <= UInt64(bytes.remaining / 2) else {
            throw fail("Thrift map of \(n) entries exceeds the remaining bytes", at: offset)
        }
        let byte = try Self.wrap { try bytes.readByte() }
        guard let k = ThriftType(rawValue: byte >> 4), let v = ThriftType(rawValue: byte & 0x0f) else {
            throw fail("invalid Thrift map types", at: offset)
        }
        return (k, v, Int(n))
    }

    /// Skips a value of `type` (a field whose id is unknown), including nested containers.
    public mutating func skip(_ type: ThriftType) throws { try skip(type, depth: 0, inContainer: false) }

    mutating func skip(_ type: ThriftType, depth: Int, inContainer: Bool) throws {
        if depth > Self.maxDepth { throw fail("Thrift nesting deeper than \(Self.maxDepth)") }
        switch type {
        case .stop: throw fail("unexpected Thrift stop type")
        case .boolTrue, .boolFalse:
            if inContainer { _ = try readBoolElement() }
        case .i8: _ = try readI8()
        case .i16, .i32, .i64: _ = try Self.wrap { try bytes.readVarUInt64() }
        case .double: try Self.wrap { try bytes.skip(8) }
        case .binary: _ = try readBinarySlice()
        case .list, .set:
            let (elementType, count) = try readListHeader()
            for _ in 0..<count { try skip(elementType, depth: depth + 1, inContainer: true) }
        case .map:
            let (k, v, count) = try readMapHeader()
            for _ in 0..<count {
                try skip(k, depth: depth + 1, inContainer: true)
                try skip(v, depth: depth + 1, inContainer: true)
            }
        case .structure:
            try beginStruct()
            while let field = try readFieldHeader() { try skip(field.type, depth: depth + 1, inContainer: false) }
            endStruct()
        }
    }
}

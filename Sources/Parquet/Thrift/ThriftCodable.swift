/// A Thrift struct that can be decoded from the compact protocol.
public protocol ThriftDecodable {
    /// Decodes one struct (including its stop byte) from `reader`.
    init(from reader: inout ThriftCompactReader) throws
}

/// A Thrift struct that can be encoded with the compact protocol.
public protocol ThriftEncodable {
    /// Writes the struct's fields (between `beginStruct` and `endStruct`, which the caller issues).
    func encodeFields(to writer: inout ThriftCompactWriter)
}

extension ThriftEncodable {
    /// The struct encoded as a standalone compact-protocol message.
    public func thriftEncoded() -> [UInt8] {
        var writer = ThriftCompactWriter()
        writer.writeStruct { encodeFields(to: &$0) }
        return writer.bytes
    }

    /// Appends the struct to `writer`.
    public func encode(to writer: inout ThriftCompactWriter) { writer.writeStruct { encodeFields(to: &$0) } }
}

extension ThriftDecodable {
    /// Decodes a struct from `bytes`; `baseOffset` is where the bytes start within the file.
    /// Returns the value and the number of bytes consumed.
    public static func decode(_ bytes: UnsafeRawBufferPointer, baseOffset: Int = 0) throws -> (Self, Int) {
        var reader = ThriftCompactReader(bytes, baseOffset: baseOffset)
        let value = try Self(from: &reader)
        return (value, reader.bytes.position)
    }

    /// Decodes a struct from a byte array.
    public static func decode(_ bytes: [UInt8], baseOffset: Int = 0) throws -> Self {
        try bytes.withUnsafeBytes { try decode($0, baseOffset: baseOffset).0 }
    }
}

extension ThriftCompactReader {
    /// Reads a list of structs.
    public mutating func readStructList<T: ThriftDecodable>(_: T.Type = T.self) throws -> [T] {
        let offset = byteOffset
        let (type, count) = try readListHeader()
        guard type == .structure || count == 0 else {
            throw ParquetError.outOfSpec(reason: "expected a list of structs, got \(type)", byteOffset: offset)
        }
        var out: [T] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try T(from: &self)) }
        return out
    }

    /// Reads a list of i32 values.
    public mutating func readI32List() throws -> [Int32] {
        let (_, count) = try readListHeader()
        var out: [Int32] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try readI32()) }
        return out
    }

    /// Reads a list of i64 values.
    public mutating func readI64List() throws -> [Int64] {
        let (_, count) = try readListHeader()
        var out: [Int64] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try readI64()) }
        return out
    }

    /// Reads a list of strings.
    public mutating func readStringList() throws -> [String] {
        let (_, count) = try readListHeader()
        var out: [String] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try readString()) }
        return out
    }

    /// Throws `outOfSpec` for a missing required field.
    public func missing(_ field: String, in structName: String, at offset: Int) -> ParquetError {
        .outOfSpec(reason: "\(structName) lacks required field \(field)", byteOffset: offset)
    }
}

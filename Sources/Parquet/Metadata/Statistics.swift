/// Column or page statistics. Values are PLAIN-encoded (byte arrays without a length prefix).
public struct Statistics: Sendable, Equatable {
    /// Deprecated signed-order maximum (field 1).
    public var max: [UInt8]?
    /// Deprecated signed-order minimum (field 2).
    public var min: [UInt8]?
    /// Number of nulls (field 3).
    public var nullCount: Int64?
    /// Number of distinct values (field 4).
    public var distinctCount: Int64?
    /// Upper bound per the column order (field 5).
    public var maxValue: [UInt8]?
    /// Lower bound per the column order (field 6).
    public var minValue: [UInt8]?
    /// Whether `maxValue` is exact (field 7).
    public var isMaxValueExact: Bool?
    /// Whether `minValue` is exact (field 8).
    public var isMinValueExact: Bool?
    /// Number of NaN values (field 9).
    public var nanCount: Int64?

    /// Creates statistics; all fields optional.
    public init(max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil,
                maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil, isMaxValueExact: Bool? = nil,
                isMinValueExact: Bool? = nil, nanCount: Int64? = nil) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
        self.nanCount = nanCount
    }

    /// The best available minimum: `minValue`, else the legacy `min`.
    public var effectiveMin: [UInt8]? { minValue ?? min }
    /// The best available maximum: `maxValue`, else the legacy `max`.
    public var effectiveMax: [UInt8]? { maxValue ?? max }
}

extension Statistics: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        self.init()
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: try r.expect(f, .binary); max = try r.readBinary()
            case 2: try r.expect(f, .binary); min = try r.readBinary()
            case 3: try r.expect(f, .i64); nullCount = try r.readI64()
            case 4: try r.expect(f, .i64); distinctCount = try r.readI64()
            case 5: try r.expect(f, .binary); maxValue = try r.readBinary()
            case 6: try r.expect(f, .binary); minValue = try r.readBinary()
            case 7: try r.expect(f, .boolTrue); isMaxValueExact = r.readBool(f)
            case 8: try r.expect(f, .boolTrue); isMinValueExact = r.readBool(f)
            case 9: try r.expect(f, .i64); nanCount = try r.readI64()
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        if let max { w.writeBinaryField(1, max) }
        if let min { w.writeBinaryField(2, min) }
        if let nullCount { w.writeI64Field(3, nullCount) }
        if let distinctCount { w.writeI64Field(4, distinctCount) }
        if let maxValue { w.writeBinaryField(5, maxValue) }
        if let minValue { w.writeBinaryField(6, minValue) }
        if let isMaxValueExact { w.writeBoolField(7, isMaxValueExact) }
        if let isMinValueExact { w.writeBoolField(8, isMinValueExact) }
        if let nanCount { w.writeI64Field(9, nanCount) }
    }
}

/// A key/value pair of file or column metadata.
public struct KeyValue: Sendable, Equatable {
    /// The key.
    public var key: String
    /// The value, if any.
    public var value: String?

    /// Creates a pair.
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

extension KeyValue: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        var key: String?
        value = nil
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: try r.expect(f, .binary); key = try r.readString()
            case 2: try r.expect(f, .binary); value = try r.readString()
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
        guard let key else { throw r.missing("key", in: "KeyValue", at: start) }
        self.key = key
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeStringField(1, key)
        if let value { w.writeStringField(2, value) }
    }
}

extension ThriftCompactReader {
    /// Reads an i32 enum field value.
    mutating func readEnum<E: ThriftOpenEnum>(_ f: ThriftFieldHeader, _: E.Type = E.self) throws -> E {
        try expect(f, .i32)
        return E(thriftValue: try readI32())
    }

    /// Reads a closed enum (unknown values are out of spec).
    mutating func readClosedEnum<E: RawRepresentable>(_ f: ThriftFieldHeader, _: E.Type = E.self) throws -> E
    where E.RawValue == Int32 {
        try expect(f, .i32)
        let offset = byteOffset
        let v = try readI32()
        guard let e = E(rawValue: v) else {
            throw ParquetError.outOfSpec(reason: "invalid \(E.self) value \(v)", byteOffset: offset)
        }
        return e
    }
}

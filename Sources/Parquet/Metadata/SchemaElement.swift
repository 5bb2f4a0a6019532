/// One node of the flattened (depth-first) schema in the footer.
public struct SchemaElement: Sendable, Equatable {
    /// Physical type; nil for groups (field 1).
    public var type: PhysicalType?
    /// Byte length for FIXED_LEN_BYTE_ARRAY (field 2).
    public var typeLength: Int32?
    /// Repetition; nil only for the root (field 3).
    public var repetitionType: FieldRepetitionType?
    /// Field name (field 4).
    public var name: String
    /// Number of children for groups (field 5).
    public var numChildren: Int32?
    /// Deprecated converted type (field 6).
    public var convertedType: ConvertedType?
    /// Decimal scale (field 7).
    public var scale: Int32?
    /// Decimal precision (field 8).
    public var precision: Int32?
    /// Field id (field 9), e.g. Delta column-mapping ids.
    public var fieldId: Int32?
    /// Logical type (field 10).
    public var logicalType: LogicalType?

    /// Creates an element.
    public init(name: String, type: PhysicalType? = nil, typeLength: Int32? = nil,
                repetitionType: FieldRepetitionType? = nil, numChildren: Int32? = nil,
                convertedType: ConvertedType? = nil, scale: Int32? = nil, precision: Int32? = nil,
                fieldId: Int32? = nil, logicalType: LogicalType? = nil) {
        self.type = type
        self.typeLength = typeLength
        self.repetitionType = repetitionType
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldId = fieldId
        self.logicalType = logicalType
    }
}

extension SchemaElement: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        var name: String?
        self.init(name: "")
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: type = try r.readClosedEnum(f)
            case 2: try r.expect(f, .i32); typeLength = try r.readI32()
            case 3: repetitionType = try r.readClosedEnum(f)
            case 4: try r.expect(f, .binary); name = try r.readString()
            case 5: try r.expect(f, .i32); numChildren = try r.readI32()
            case 6:
                // Unknown converted types are ignored rather than rejected (forward compatibility).
                try r.expect(f, .i32)
                convertedType = ConvertedType(rawValue: try r.readI32())
            case 7: try r.expect(f, .i32); scale = try r.readI32()
            case 8: try r.expect(f, .i32); precision = try r.readI32()
            case 9: try r.expect(f, .i32); fieldId = try r.readI32()
            case 10: try r.expect(f, .structure); logicalType = try LogicalType(from: &r)
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
        guard let name else { throw r.missing("name", in: "SchemaElement", at: start) }
        self.name = name
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        if let type { w.writeI32Field(1, type.rawValue) }
        if let typeLength { w.writeI32Field(2, typeLength) }
        if let repetitionType { w.writeI32Field(3, repetitionType.rawValue) }
        w.writeStringField(4, name)
        if let numChildren { w.writeI32Field(5, numChildren) }
        if let convertedType { w.writeI32Field(6, convertedType.rawValue) }
        if let scale { w.writeI32Field(7, scale) }
        if let precision { w.writeI32Field(8, precision) }
        if let fieldId { w.writeI32Field(9, fieldId) }
        if let logicalType { w.writeStructField(10) { logicalType.encodeFields(to: &$0) } }
    }
}

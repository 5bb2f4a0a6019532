/// Sort order used for a column's min/max statistics (the `ColumnOrder` union).
public enum ColumnOrder: Sendable, Equatable {
    /// Order defined by the logical or physical type.
    case typeDefined
    /// IEEE 754 total order (floats).
    case ieee754TotalOrder
    /// Chronological INT96 order.
    case int96Timestamp
    /// An order unknown to this implementation (its union field id): ignore statistics.
    case other(fieldId: Int16)
}

extension ColumnOrder: ThriftDecodable, ThriftEncodable {
    /// Decodes the union.
    public init(from r: inout ThriftCompactReader) throws {
        var order = ColumnOrder.other(fieldId: 0)
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: order = .typeDefined
            case 2: order = .ieee754TotalOrder
            case 3: order = .int96Timestamp
            default: order = .other(fieldId: f.id)
            }
            try r.skip(f.type)
        }
        r.endStruct()
        self = order
    }

    /// Encodes the union member.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        switch self {
        case .typeDefined: w.writeStructField(1) { _ in }
        case .ieee754TotalOrder: w.writeStructField(2) { _ in }
        case .int96Timestamp: w.writeStructField(3) { _ in }
        case .other(let id): w.writeStructField(id) { _ in }
        }
    }
}

/// The file footer: schema, row groups and key/value metadata.
public struct FileMetaData: Sendable, Equatable {
    /// Format version (field 1).
    public var version: Int32
    /// Flattened schema, depth first (field 2).
    public var schema: [SchemaElement]
    /// Total number of rows (field 3).
    public var numRows: Int64
    /// Row groups (field 4).
    public var rowGroups: [RowGroup]
    /// Key/value metadata, e.g. the Arrow schema (field 5).
    public var keyValueMetadata: [KeyValue]?
    /// Writer identification (field 6).
    public var createdBy: String?
    /// Per-leaf statistics order (field 7).
    public var columnOrders: [ColumnOrder]?

    /// Creates a footer.
    public init(version: Int32 = 1, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
                keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil, columnOrders: [ColumnOrder]? = nil) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
    }
}

extension FileMetaData: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        var version: Int32?, schema: [SchemaElement]?, rows: Int64?, groups: [RowGroup]?
        self.init(schema: [], numRows: 0, rowGroups: [])
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: try r.expect(f, .i32); version = try r.readI32()
            case 2: try r.expect(f, .list); schema = try r.readStructList()
            case 3: try r.expect(f, .i64); rows = try r.readI64()
            case 4: try r.expect(f, .list); groups = try r.readStructList()
            case 5: try r.expect(f, .list); keyValueMetadata = try r.readStructList()
            case 6: try r.expect(f, .binary); createdBy = try r.readString()
            case 7: try r.expect(f, .list); columnOrders = try r.readStructList()
            case 8: throw ParquetError.unsupported(feature: "encrypted footer", byteOffset: f.byteOffset)
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
        guard let schema, let rows, let groups else {
            throw r.missing("schema/num_rows/row_groups", in: "FileMetaData", at: start)
        }
        self.version = version ?? 1
        self.schema = schema
        numRows = rows
        rowGroups = groups
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeI32Field(1, version)
        w.writeListField(2, .structure, count: schema.count) { l in for s in schema { s.encode(to: &l) } }
        w.writeI64Field(3, numRows)
        w.writeListField(4, .structure, count: rowGroups.count) { l in for g in rowGroups { g.encode(to: &l) } }
        if let keyValueMetadata {
            w.writeListField(5, .structure, count: keyValueMetadata.count) { l in
                for kv in keyValueMetadata { kv.encode(to: &l) }
            }
        }
        if let createdBy { w.writeStringField(6, createdBy) }
        if let columnOrders {
            w.writeListField(7, .structure, count: columnOrders.count) { l in for o in columnOrders { o.encode(to: &l) } }
        }
    }
}

/// A column chunk entry of a row group.
public struct ColumnChunk: Sendable, Equatable {
    /// External file holding the data (field 1; unsupported when set).
    public var filePath: String?
    /// Deprecated offset (field 2).
    public var fileOffset: Int64
    /// The column's metadata (field 3).
    public var metaData: ColumnMetaData?
    /// Offset index location (fields 4, 5).
    public var offsetIndexOffset: Int64?
    /// Offset index length.
    public var offsetIndexLength: Int32?
    /// Column index location (fields 6, 7).
    public var columnIndexOffset: Int64?
    /// Column index length.
    public var columnIndexLength: Int32?

    /// Creates a column chunk.
    public init(filePath: String? = nil, fileOffset: Int64 = 0, metaData: ColumnMetaData?,
                offsetIndexOffset: Int64? = nil, offsetIndexLength: Int32? = nil,
                columnIndexOffset: Int64? = nil, columnIndexLength: Int32? = nil) {
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metaData = metaData
        self.offsetIndexOffset = offsetIndexOffset
        self.offsetIndexLength = offsetIndexLength
        self.columnIndexOffset = columnIndexOffset
        self.columnIndexLength = columnIndexLength
    }
}

extension ColumnChunk: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        self.init(metaData: nil)
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: try r.expect(f, .binary); filePath = try r.readString()
            case 2: try r.expect(f, .i64); fileOffset = try r.readI64()
            case 3: try r.expect(f, .structure); metaData = try ColumnMetaData(from: &r)
            case 4: try r.expect(f, .i64); offsetIndexOffset = try r.readI64()
            case 5: try r.expect(f, .i32); offsetIndexLength = try r.readI32()
            case 6: try r.expect(f, .i64); columnIndexOffset = try r.readI64()
            case 7: try r.expect(f, .i32); columnIndexLength = try r.readI32()
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        if let filePath { w.writeStringField(1, filePath) }
        w.writeI64Field(2, fileOffset)
        if let metaData { w.writeStructField(3) { metaData.encodeFields(to: &$0) } }
        if let offsetIndexOffset { w.writeI64Field(4, offsetIndexOffset) }
        if let offsetIndexLength { w.writeI32Field(5, offsetIndexLength) }
        if let columnIndexOffset { w.writeI64Field(6, columnIndexOffset) }
        if let columnIndexLength { w.writeI32Field(7, columnIndexLength) }
    }
}

/// A sort order declared for a row group.
public struct SortingColumn: Sendable, Equatable {
    /// Leaf column index (field 1).
    public var columnIndex: Int32
    /// Descending order (field 2).
    public var descending: Bool
    /// Nulls first (field 3).
    public var nullsFirst: Bool

    /// Creates an entry.
    public init(columnIndex: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

extension SortingColumn: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        self.init(columnIndex: 0, descending: false, nullsFirst: false)
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: try r.expect(f, .i32); columnIndex = try r.readI32()
            case 2: try r.expect(f, .boolTrue); descending = r.readBool(f)
            case 3: try r.expect(f, .boolTrue); nullsFirst = r.readBool(f)
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
    }

    /// Encodes the fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeI32Field(1, columnIndex)
        w.writeBoolField(2, descending)
        w.writeBoolField(3, nullsFirst)
    }
}

/// A horizontal slice of the file: one column chunk per leaf column.
public struct RowGroup: Sendable, Equatable {
    /// Column chunks in schema leaf order (field 1).
    public var columns: [ColumnChunk]
    /// Total uncompressed byte size (field 2).
    public var totalByteSize: Int64
    /// Number of rows (field 3).
    public var numRows: Int64
    /// Declared sort order (field 4).
    public var sortingColumns: [SortingColumn]?
    /// Offset of the first page (field 5).
    public var fileOffset: Int64?
    /// Total compressed size (field 6).
    public var totalCompressedSize: Int64?
    /// Ordinal in the file (field 7).
    public var ordinal: Int16?

    /// Creates a row group.
    public init(columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, sortingColumns: [SortingColumn]? = nil,
                fileOffset: Int64? = nil, totalCompressedSize: Int64? = nil, ordinal: Int16? = nil) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }
}

extension RowGroup: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        var size: Int64?, rows: Int64?
        self.init(columns: [], totalByteSize: 0, numRows: 0)
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: try r.expect(f, .list); columns = try r.readStructList()
            case 2: try r.expect(f, .i64); size = try r.readI64()
            case 3: try r.expect(f, .i64); rows = try r.readI64()
            case 4: try r.expect(f, .list); sortingColumns = try r.readStructList()
            case 5: try r.expect(f, .i64); fileOffset = try r.readI64()
            case 6: try r.expect(f, .i64); totalCompressedSize = try r.readI64()
            case 7: try r.expect(f, .i16); ordinal = try r.readI16()
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
        guard let rows else { throw r.missing("num_rows", in: "RowGroup", at: start) }
        guard rows >= 0 else { throw ParquetError.outOfSpec(reason: "negative row count \(rows)", byteOffset: start) }
        numRows = rows
        totalByteSize = size ?? 0
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeListField(1, .structure, count: columns.count) { l in for c in columns { c.encode(to: &l) } }
        w.writeI64Field(2, totalByteSize)
        w.writeI64Field(3, numRows)
        if let sortingColumns {
            w.writeListField(4, .structure, count: sortingColumns.count) { l in for s in sortingColumns { s.encode(to: &l) } }
        }
        if let fileOffset { w.writeI64Field(5, fileOffset) }
        if let totalCompressedSize { w.writeI64Field(6, totalCompressedSize) }
        if let ordinal { w.writeI16Field(7, ordinal) }
    }
}

/// Header of a v1 data page.
public struct DataPageHeader: Sendable, Equatable {
    /// Number of values including nulls (field 1).
    public var numValues: Int32
    /// Encoding of the values (field 2).
    public var encoding: Encoding
    /// Encoding of definition levels (field 3).
    public var definitionLevelEncoding: Encoding
    /// Encoding of repetition levels (field 4).
    public var repetitionLevelEncoding: Encoding
    /// Page statistics (field 5).
    public var statistics: Statistics?

    /// Creates a header.
    public init(numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding = .rle,
                repetitionLevelEncoding: Encoding = .rle, statistics: Statistics? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }
}

extension DataPageHeader: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        var n: Int32?, e: Encoding?, d: Encoding?, rl: Encoding?, s: Statistics?
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: try r.expect(f, .i32); n = try r.readI32()
            case 2: e = try r.readEnum(f)
            case 3: d = try r.readEnum(f)
            case 4: rl = try r.readEnum(f)
            case 5: try r.expect(f, .structure); s = try Statistics(from: &r)
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
        guard let n, let e else { throw r.missing("num_values/encoding", in: "DataPageHeader", at: start) }
        self.init(numValues: n, encoding: e, definitionLevelEncoding: d ?? .rle, repetitionLevelEncoding: rl ?? .rle,
                  statistics: s)
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeI32Field(1, numValues)
        w.writeI32Field(2, encoding.thriftValue)
        w.writeI32Field(3, definitionLevelEncoding.thriftValue)
        w.writeI32Field(4, repetitionLevelEncoding.thriftValue)
        if let statistics { w.writeStructField(5) { statistics.encodeFields(to: &$0) } }
    }
}

/// Header of a dictionary page.
public struct DictionaryPageHeader: Sendable, Equatable {
    /// Number of dictionary entries (field 1).
    public var numValues: Int32
    /// Encoding of the entries, PLAIN or PLAIN_DICTIONARY (field 2).
    public var encoding: Encoding
    /// Whether entries are sorted (field 3).
    public var isSorted: Bool?

    /// Creates a header.
    public init(numValues: Int32, encoding: Encoding = .plain, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }
}

extension DictionaryPageHeader: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        var n: Int32?, e: Encoding?, sorted: Bool?
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: try r.expect(f, .i32); n = try r.readI32()
            case 2: e = try r.readEnum(f)
            case 3: try r.expect(f, .boolTrue); sorted = r.readBool(f)
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
        guard let n else { throw r.missing("num_values", in: "DictionaryPageHeader", at: start) }
        self.init(numValues: n, encoding: e ?? .plain, isSorted: sorted)
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeI32Field(1, numValues)
        w.writeI32Field(2, encoding.thriftValue)
        if let isSorted { w.writeBoolField(3, isSorted) }
    }
}

/// Header of a v2 data page (levels stored uncompressed before the values).
public struct DataPageHeaderV2: Sendable, Equatable {
    /// Number of values including nulls (field 1).
    public var numValues: Int32
    /// Number of nulls (field 2).
    public var numNulls: Int32
    /// Number of rows (field 3).
    public var numRows: Int32
    /// Encoding of the values (field 4).
    public var encoding: Encoding
    /// Byte length of the definition levels (field 5).
    public var definitionLevelsByteLength: Int32
    /// Byte length of the repetition levels (field 6).
    public var repetitionLevelsByteLength: Int32
    /// Whether the values section is compressed (field 7, default true).
    public var isCompressed: Bool
    /// Page statistics (field 8).
    public var statistics: Statistics?

    /// Creates a header.
    public init(numValues: Int32, numNulls: Int32, numRows: Int32, encoding: Encoding,
                definitionLevelsByteLength: Int32, repetitionLevelsByteLength: Int32, isCompressed: Bool = true,
                statistics: Statistics? = nil) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }
}

extension DataPageHeaderV2: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        var n: Int32?, nulls: Int32?, rows: Int32?, e: Encoding?, dl: Int32?, rl: Int32?
        var compressed = true
        var s: Statistics?
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: try r.expect(f, .i32); n = try r.readI32()
            case 2: try r.expect(f, .i32); nulls = try r.readI32()
            case 3: try r.expect(f, .i32); rows = try r.readI32()
            case 4: e = try r.readEnum(f)
            case 5: try r.expect(f, .i32); dl = try r.readI32()
            case 6: try r.expect(f, .i32); rl = try r.readI32()
            case 7: try r.expect(f, .boolTrue); compressed = r.readBool(f)
            case 8: try r.expect(f, .structure); s = try Statistics(from: &r)
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
        guard let n, let nulls, let rows, let e, let dl, let rl else {
            throw r.missing("a required field", in: "DataPageHeaderV2", at: start)
        }
        self.init(numValues: n, numNulls: nulls, numRows: rows, encoding: e, definitionLevelsByteLength: dl,
                  repetitionLevelsByteLength: rl, isCompressed: compressed, statistics: s)
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeI32Field(1, numValues)
        w.writeI32Field(2, numNulls)
        w.writeI32Field(3, numRows)
        w.writeI32Field(4, encoding.thriftValue)
        w.writeI32Field(5, definitionLevelsByteLength)
        w.writeI32Field(6, repetitionLevelsByteLength)
        w.writeBoolField(7, isCompressed)
        if let statistics { w.writeStructField(8) { statistics.encodeFields(to: &$0) } }
    }
}

/// The header preceding every page in a column chunk.
public struct PageHeader: Sendable, Equatable {
    /// Page kind (field 1).
    public var type: PageType
    /// Size after decompression, excluding the header (field 2).
    public var uncompressedPageSize: Int32
    /// Size on disk, excluding the header (field 3).
    public var compressedPageSize: Int32
    /// Optional CRC32 of the page bytes (field 4).
    public var crc: Int32?
    /// Set for v1 data pages (field 5).
    public var dataPageHeader: DataPageHeader?
    /// Set for dictionary pages (field 7).
    public var dictionaryPageHeader: DictionaryPageHeader?
    /// Set for v2 data pages (field 8).
    public var dataPageHeaderV2: DataPageHeaderV2?

    /// Creates a header.
    public init(type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
                dataPageHeader: DataPageHeader? = nil, dictionaryPageHeader: DictionaryPageHeader? = nil,
                dataPageHeaderV2: DataPageHeaderV2? = nil) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }
}

extension PageHeader: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        var t: PageType?, u: Int32?, c: Int32?
        self.init(type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0)
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: t = try r.readEnum(f)
            case 2: try r.expect(f, .i32); u = try r.readI32()
            case 3: try r.expect(f, .i32); c = try r.readI32()
            case 4: try r.expect(f, .i32); crc = try r.readI32()
            case 5: try r.expect(f, .structure); dataPageHeader = try DataPageHeader(from: &r)
            case 7: try r.expect(f, .structure); dictionaryPageHeader = try DictionaryPageHeader(from: &r)
            case 8: try r.expect(f, .structure); dataPageHeaderV2 = try DataPageHeaderV2(from: &r)
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
        guard let t, let u, let c else { throw r.missing("type/sizes", in: "PageHeader", at: start) }
        guard u >= 0, c >= 0 else {
            throw ParquetError.outOfSpec(reason: "negative page size (\(u), \(c))", byteOffset: start)
        }
        type = t
        uncompressedPageSize = u
        compressedPageSize = c
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeI32Field(1, type.thriftValue)
        w.writeI32Field(2, uncompressedPageSize)
        w.writeI32Field(3, compressedPageSize)
        if let crc { w.writeI32Field(4, crc) }
        if let dataPageHeader { w.writeStructField(5) { dataPageHeader.encodeFields(to: &$0) } }
        if let dictionaryPageHeader { w.writeStructField(7) { dictionaryPageHeader.encodeFields(to: &$0) } }
        if let dataPageHeaderV2 { w.writeStructField(8) { dataPageHeaderV2.encodeFields(to: &$0) } }
    }
}

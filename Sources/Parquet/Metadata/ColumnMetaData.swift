/// Count of pages of one type and encoding in a column chunk.
public struct PageEncodingStats: Sendable, Equatable {
    /// Page kind (field 1).
    public var pageType: PageType
    /// Encoding (field 2).
    public var encoding: Encoding
    /// Number of pages (field 3).
    public var count: Int32

    /// Creates an entry.
    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }
}

extension PageEncodingStats: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        var t: PageType?, e: Encoding?, c: Int32?
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: t = try r.readEnum(f)
            case 2: e = try r.readEnum(f)
            case 3: try r.expect(f, .i32); c = try r.readI32()
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
        guard let t, let e, let c else { throw r.missing("a required field", in: "PageEncodingStats", at: start) }
        self.init(pageType: t, encoding: e, count: c)
    }

    /// Encodes the fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeI32Field(1, pageType.thriftValue)
        w.writeI32Field(2, encoding.thriftValue)
        w.writeI32Field(3, count)
    }
}

/// Metadata of one column chunk: where its pages are, how they are coded, and statistics.
public struct ColumnMetaData: Sendable, Equatable {
    /// Physical type (field 1).
    public var type: PhysicalType
    /// Encodings used (field 2).
    public var encodings: [Encoding]
    /// Path of the leaf in the schema (field 3).
    public var pathInSchema: [String]
    /// Compression codec (field 4).
    public var codec: CompressionCodec
    /// Number of values including nulls (field 5).
    public var numValues: Int64
    /// Uncompressed size of all pages including headers (field 6).
    public var totalUncompressedSize: Int64
    /// Compressed size of all pages including headers (field 7).
    public var totalCompressedSize: Int64
    /// Column key/value metadata (field 8).
    public var keyValueMetadata: [KeyValue]?
    /// Offset of the first data page (field 9).
    public var dataPageOffset: Int64
    /// Offset of the index page (field 10).
    public var indexPageOffset: Int64?
    /// Offset of the dictionary page (field 11).
    public var dictionaryPageOffset: Int64?
    /// Chunk statistics (field 12).
    public var statistics: Statistics?
    /// Page encoding stats (field 13).
    public var encodingStats: [PageEncodingStats]?
    /// Bloom filter offset (field 14).
    public var bloomFilterOffset: Int64?
    /// Bloom filter length (field 15).
    public var bloomFilterLength: Int32?

    /// Creates column metadata.
    public init(type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec,
                numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64,
                keyValueMetadata: [KeyValue]? = nil, dataPageOffset: Int64, indexPageOffset: Int64? = nil,
                dictionaryPageOffset: Int64? = nil, statistics: Statistics? = nil,
                encodingStats: [PageEncodingStats]? = nil, bloomFilterOffset: Int64? = nil,
                bloomFilterLength: Int32? = nil) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.keyValueMetadata = keyValueMetadata
        self.dataPageOffset = dataPageOffset
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
        self.bloomFilterOffset = bloomFilterOffset
        self.bloomFilterLength = bloomFilterLength
    }
}

extension ColumnMetaData: ThriftDecodable, ThriftEncodable {
    /// Decodes the struct.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        var type: PhysicalType?, codec: CompressionCodec?
        var numValues: Int64?, unc: Int64?, comp: Int64?, dataOffset: Int64?
        self.init(type: .boolean, encodings: [], pathInSchema: [], codec: .uncompressed, numValues: 0,
                  totalUncompressedSize: 0, totalCompressedSize: 0, dataPageOffset: 0)
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: type = try r.readClosedEnum(f)
            case 2: try r.expect(f, .list); encodings = try r.readI32List().map(Encoding.init(thriftValue:))
            case 3: try r.expect(f, .list); pathInSchema = try r.readStringList()
            case 4: codec = try r.readEnum(f)
            case 5: try r.expect(f, .i64); numValues = try r.readI64()
            case 6: try r.expect(f, .i64); unc = try r.readI64()
            case 7: try r.expect(f, .i64); comp = try r.readI64()
            case 8: try r.expect(f, .list); keyValueMetadata = try r.readStructList()
            case 9: try r.expect(f, .i64); dataOffset = try r.readI64()
            case 10: try r.expect(f, .i64); indexPageOffset = try r.readI64()
            case 11: try r.expect(f, .i64); dictionaryPageOffset = try r.readI64()
            case 12: try r.expect(f, .structure); statistics = try Statistics(from: &r)
            case 13: try r.expect(f, .list); encodingStats = try r.readStructList()
            case 14: try r.expect(f, .i64); bloomFilterOffset = try r.readI64()
            case 15: try r.expect(f, .i32); bloomFilterLength = try r.readI32()
            default: try r.skip(f.type)
            }
        }
        r.endStruct()
        guard let type, let codec, let numValues, let unc, let comp, let dataOffset else {
            throw r.missing("a required field", in: "ColumnMetaData", at: start)
        }
        self.type = type
        self.codec = codec
        self.numValues = numValues
        totalUncompressedSize = unc
        totalCompressedSize = comp
        dataPageOffset = dataOffset
    }

    /// Encodes the set fields.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        w.writeI32Field(1, type.rawValue)
        w.writeListField(2, .i32, count: encodings.count) { l in for e in encodings { l.writeI32(e.thriftValue) } }
        w.writeListField(3, .binary, count: pathInSchema.count) { l in for p in pathInSchema { l.writeString(p) } }
        w.writeI32Field(4, codec.thriftValue)
        w.writeI64Field(5, numValues)
        w.writeI64Field(6, totalUncompressedSize)
        w.writeI64Field(7, totalCompressedSize)
        if let keyValueMetadata {
            w.writeListField(8, .structure, count: keyValueMetadata.count) { l in
                for kv in keyValueMetadata { kv.encode(to: &l) }
            }
        }
        w.writeI64Field(9, dataPageOffset)
        if let indexPageOffset { w.writeI64Field(10, indexPageOffset) }
        if let dictionaryPageOffset { w.writeI64Field(11, dictionaryPageOffset) }
        if let statistics { w.writeStructField(12) { statistics.encodeFields(to: &$0) } }
        if let encodingStats {
            w.writeListField(13, .structure, count: encodingStats.count) { l in for s in encodingStats { s.encode(to: &l) } }
        }
        if let bloomFilterOffset { w.writeI64Field(14, bloomFilterOffset) }
        if let bloomFilterLength { w.writeI32Field(15, bloomFilterLength) }
    }
}

/// Physical storage types of Parquet (`Type` in parquet.thrift).
public enum PhysicalType: Int32, Sendable, CaseIterable {
    /// One bit per value.
    case boolean = 0
    /// 32-bit signed integer.
    case int32 = 1
    /// 64-bit signed integer.
    case int64 = 2
    /// 96-bit value (legacy timestamps).
    case int96 = 3
    /// IEEE 32-bit float.
    case float = 4
    /// IEEE 64-bit float.
    case double = 5
    /// Variable-length bytes.
    case byteArray = 6
    /// Fixed-length bytes (length in the schema's `typeLength`).
    case fixedLenByteArray = 7
}

/// Repetition of a schema field.
public enum FieldRepetitionType: Int32, Sendable {
    /// Exactly one value.
    case required = 0
    /// Zero or one value.
    case optional = 1
    /// Zero or more values.
    case repeated = 2
    /// Fixed-size vector (new in the format; read as repeated).
    case vector = 3
}

/// Declares an open enum: known cases plus `other(Int32)` for values added to the format later.
public protocol ThriftOpenEnum: Equatable, Sendable {
    /// Creates the case for a wire value (unknown values map to `other`).
    init(thriftValue: Int32)
    /// The wire value.
    var thriftValue: Int32 { get }
}

/// Page and level encodings (`Encoding` in parquet.thrift).
public enum Encoding: ThriftOpenEnum, Hashable {
    /// Plain encoding.
    case plain
    /// Deprecated dictionary encoding (dictionary pages and data pages).
    case plainDictionary
    /// RLE/bit-packed hybrid.
    case rle
    /// Deprecated bit-packed levels.
    case bitPacked
    /// Delta encoding for integers.
    case deltaBinaryPacked
    /// Delta-encoded lengths followed by bytes.
    case deltaLengthByteArray
    /// Prefix/suffix incremental encoding.
    case deltaByteArray
    /// Dictionary indices, RLE-encoded.
    case rleDictionary
    /// Byte-stream split.
    case byteStreamSplit
    /// An encoding unknown to this implementation.
    case other(Int32)

    /// Creates the case for a wire value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .plain
        case 2: self = .plainDictionary
        case 3: self = .rle
        case 4: self = .bitPacked
        case 5: self = .deltaBinaryPacked
        case 6: self = .deltaLengthByteArray
        case 7: self = .deltaByteArray
        case 8: self = .rleDictionary
        case 9: self = .byteStreamSplit
        default: self = .other(thriftValue)
        }
    }

    /// The wire value.
    public var thriftValue: Int32 {
        switch self {
        case .plain: return 0
        case .plainDictionary: return 2
        case .rle: return 3
        case .bitPacked: return 4
        case .deltaBinaryPacked: return 5
        case .deltaLengthByteArray: return 6
        case .deltaByteArray: return 7
        case .rleDictionary: return 8
        case .byteStreamSplit: return 9
        case .other(let v): return v
        }
    }
}

/// Compression codecs of column chunks.
public enum CompressionCodec: ThriftOpenEnum, Hashable {
    /// No compression.
    case uncompressed
    /// Snappy raw blocks.
    case snappy
    /// Gzip (RFC 1952).
    case gzip
    /// LZO (unsupported).
    case lzo
    /// Brotli (unsupported).
    case brotli
    /// Deprecated Hadoop-framed LZ4 (unsupported).
    case lz4
    /// Zstandard frames.
    case zstd
    /// LZ4 raw blocks.
    case lz4Raw
    /// A codec unknown to this implementation.
    case other(Int32)

    /// Creates the case for a wire value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .uncompressed
        case 1: self = .snappy
        case 2: self = .gzip
        case 3: self = .lzo
        case 4: self = .brotli
        case 5: self = .lz4
        case 6: self = .zstd
        case 7: self = .lz4Raw
        default: self = .other(thriftValue)
        }
    }

    /// The wire value.
    public var thriftValue: Int32 {
        switch self {
        case .uncompressed: return 0
        case .snappy: return 1
        case .gzip: return 2
        case .lzo: return 3
        case .brotli: return 4
        case .lz4: return 5
        case .zstd: return 6
        case .lz4Raw: return 7
        case .other(let v): return v
        }
    }
}

/// Kinds of pages in a column chunk.
public enum PageType: ThriftOpenEnum, Hashable {
    /// Data page (v1).
    case dataPage
    /// Index page (unused).
    case indexPage
    /// Dictionary page.
    case dictionaryPage
    /// Data page v2.
    case dataPageV2
    /// A page type unknown to this implementation.
    case other(Int32)

    /// Creates the case for a wire value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .dataPage
        case 1: self = .indexPage
        case 2: self = .dictionaryPage
        case 3: self = .dataPageV2
        default: self = .other(thriftValue)
        }
    }

    /// The wire value.
    public var thriftValue: Int32 {
        switch self {
        case .dataPage: return 0
        case .indexPage: return 1
        case .dictionaryPage: return 2
        case .dataPageV2: return 3
        case .other(let v): return v
        }
    }
}

/// Deprecated converted types (superseded by ``LogicalType`` but still written for compatibility).
public enum ConvertedType: Int32, Sendable, CaseIterable {
    /// UTF-8 string.
    case utf8 = 0
    /// Map.
    case map = 1
    /// Map key/value group.
    case mapKeyValue = 2
    /// List.
    case list = 3
    /// Enum string.
    case enumeration = 4
    /// Decimal (scale/precision in the schema element).
    case decimal = 5
    /// Days since epoch.
    case date = 6
    /// Millisecond time of day.
    case timeMillis = 7
    /// Microsecond time of day.
    case timeMicros = 8
    /// Millisecond timestamp.
    case timestampMillis = 9
    /// Microsecond timestamp.
    case timestampMicros = 10
    /// Unsigned 8-bit.
    case uint8 = 11
    /// Unsigned 16-bit.
    case uint16 = 12
    /// Unsigned 32-bit.
    case uint32 = 13
    /// Unsigned 64-bit.
    case uint64 = 14
    /// Signed 8-bit.
    case int8 = 15
    /// Signed 16-bit.
    case int16 = 16
    /// Signed 32-bit.
    case int32 = 17
    /// Signed 64-bit.
    case int64 = 18
    /// JSON document.
    case json = 19
    /// BSON document.
    case bson = 20
    /// Interval (12-byte fixed).
    case interval = 21
}

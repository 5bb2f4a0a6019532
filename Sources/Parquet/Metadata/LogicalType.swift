/// Unit of TIME and TIMESTAMP logical types.
public enum TimeUnit: Sendable, Equatable {
    /// Milliseconds.
    case millis
    /// Microseconds.
    case micros
    /// Nanoseconds.
    case nanos
}

/// Logical type annotations (the `LogicalType` union of parquet.thrift).
public enum LogicalType: Sendable, Equatable {
    /// UTF-8 string.
    case string
    /// Map group.
    case map
    /// List group.
    case list
    /// Enum string.
    case enumeration
    /// Decimal with scale and precision.
    case decimal(scale: Int32, precision: Int32)
    /// Days since the Unix epoch.
    case date
    /// Time of day.
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)
    /// Instant or local date-time since the epoch.
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    /// Integer of a given width and signedness.
    case integer(bitWidth: Int8, isSigned: Bool)
    /// Always-null column (`NullType`, union field UNKNOWN).
    case unknown
    /// JSON document.
    case json
    /// BSON document.
    case bson
    /// UUID (16-byte fixed).
    case uuid
    /// Half-precision float (2-byte fixed).
    case float16
    /// Variant (binary variant encoding).
    case variant
    /// A union member this implementation does not know (its field id).
    case other(fieldId: Int16)
}

extension LogicalType: ThriftDecodable, ThriftEncodable {
    /// Decodes the union.
    public init(from r: inout ThriftCompactReader) throws {
        let start = r.byteOffset
        try r.beginStruct()
        var result: LogicalType?
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 5:
                try r.expect(f, .structure)
                var scale: Int32?, precision: Int32?
                try r.beginStruct()
                while let g = try r.readFieldHeader() {
                    switch g.id {
                    case 1: try r.expect(g, .i32); scale = try r.readI32()
                    case 2: try r.expect(g, .i32); precision = try r.readI32()
                    default: try r.skip(g.type)
                    }
                }
                r.endStruct()
                guard let scale, let precision else { throw r.missing("scale/precision", in: "DecimalType", at: f.byteOffset) }
                result = .decimal(scale: scale, precision: precision)
            case 7, 8:
                try r.expect(f, .structure)
                var utc: Bool?, unit: TimeUnit?
                try r.beginStruct()
                while let g = try r.readFieldHeader() {
                    switch g.id {
                    case 1: try r.expect(g, .boolTrue); utc = r.readBool(g)
                    case 2: try r.expect(g, .structure); unit = try Self.readUnit(&r)
                    default: try r.skip(g.type)
                    }
                }
                r.endStruct()
                guard let utc, let unit else { throw r.missing("isAdjustedToUTC/unit", in: "TimeType", at: f.byteOffset) }
                result = f.id == 7 ? .time(isAdjustedToUTC: utc, unit: unit) : .timestamp(isAdjustedToUTC: utc, unit: unit)
            case 10:
                try r.expect(f, .structure)
                var width: Int8?, signed: Bool?
                try r.beginStruct()
                while let g = try r.readFieldHeader() {
                    switch g.id {
                    case 1: try r.expect(g, .i8); width = try r.readI8()
                    case 2: try r.expect(g, .boolTrue); signed = r.readBool(g)
                    default: try r.skip(g.type)
                    }
                }
                r.endStruct()
                guard let width, let signed else { throw r.missing("bitWidth/isSigned", in: "IntType", at: f.byteOffset) }
                result = .integer(bitWidth: width, isSigned: signed)
            default:
                try r.skip(f.type)
                switch f.id {
                case 1: result = .string
                case 2: result = .map
                case 3: result = .list
                case 4: result = .enumeration
                case 6: result = .date
                case 11: result = .unknown
                case 12: result = .json
                case 13: result = .bson
                case 14: result = .uuid
                case 15: result = .float16
                case 16: result = .variant
                default: result = .other(fieldId: f.id)
                }
            }
        }
        r.endStruct()
        guard let result else { throw ParquetError.outOfSpec(reason: "empty LogicalType union", byteOffset: start) }
        self = result
    }

    static func readUnit(_ r: inout ThriftCompactReader) throws -> TimeUnit {
        let start = r.byteOffset
        var unit: TimeUnit?
        try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch f.id {
            case 1: unit = .millis
            case 2: unit = .micros
            case 3: unit = .nanos
            default: break
            }
            try r.skip(f.type)
        }
        r.endStruct()
        guard let unit else { throw ParquetError.outOfSpec(reason: "unknown TimeUnit", byteOffset: start) }
        return unit
    }

    static func writeUnit(_ unit: TimeUnit, _ w: inout ThriftCompactWriter) {
        let id: Int16 = unit == .millis ? 1 : unit == .micros ? 2 : 3
        w.writeStructField(id) { _ in }
    }

    /// Encodes the union's single member.
    public func encodeFields(to w: inout ThriftCompactWriter) {
        switch self {
        case .string: w.writeStructField(1) { _ in }
        case .map: w.writeStructField(2) { _ in }
        case .list: w.writeStructField(3) { _ in }
        case .enumeration: w.writeStructField(4) { _ in }
        case .decimal(let scale, let precision):
            w.writeStructField(5) { $0.writeI32Field(1, scale); $0.writeI32Field(2, precision) }
        case .date: w.writeStructField(6) { _ in }
        case .time(let utc, let unit), .timestamp(let utc, let unit):
            let id: Int16
            if case .time = self { id = 7 } else { id = 8 }
            w.writeStructField(id) { s in
                s.writeBoolField(1, utc)
                s.writeStructField(2) { LogicalType.writeUnit(unit, &$0) }
            }
        case .integer(let width, let signed):
            w.writeStructField(10) { $0.writeI8Field(1, width); $0.writeBoolField(2, signed) }
        case .unknown: w.writeStructField(11) { _ in }
        case .json: w.writeStructField(12) { _ in }
        case .bson: w.writeStructField(13) { _ in }
        case .uuid: w.writeStructField(14) { _ in }
        case .float16: w.writeStructField(15) { _ in }
        case .variant: w.writeStructField(16) { _ in }
        case .other(let id): w.writeStructField(id) { _ in }
        }
    }
}

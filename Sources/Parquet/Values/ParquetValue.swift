/// A named field of a struct value.
public struct ParquetField: Sendable, Equatable {
    /// Field name.
    public var name: String
    /// Field value.
    public var value: ParquetValue

    /// Creates a field.
    public init(_ name: String, _ value: ParquetValue) {
        self.name = name
        self.value = value
    }
}

/// One key/value entry of a map value.
public struct ParquetMapEntry: Sendable, Equatable {
    /// The key.
    public var key: ParquetValue
    /// The value.
    public var value: ParquetValue

    /// Creates an entry.
    public init(key: ParquetValue, value: ParquetValue) {
        self.key = key
        self.value = value
    }
}

/// A row-oriented value with logical types applied: what record assembly produces.
public enum ParquetValue: Sendable, Equatable {
    /// Null.
    case null
    /// BOOLEAN.
    case bool(Bool)
    /// INT32 and narrower integers (INT(8/16/32, signed), UINT(8/16)).
    case int32(Int32)
    /// INT64 and UINT(32).
    case int64(Int64)
    /// UINT(64).
    case uint64(UInt64)
    /// FLOAT (also FLOAT16, widened).
    case float(Float)
    /// DOUBLE.
    case double(Double)
    /// Bytes without a string annotation (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, UUID).
    case binary([UInt8])
    /// UTF-8 text (STRING, ENUM, JSON).
    case string(String)
    /// Decimal, as its exact text (e.g. "-12.340").
    case decimal(String)
    /// DATE: days since 1970-01-01.
    case date(Int32)
    /// TIME of day in `unit`.
    case time(Int64, unit: TimeUnit)
    /// TIMESTAMP since the epoch in `unit` (INT96 becomes micros, adjusted to UTC).
    case timestamp(Int64, unit: TimeUnit, isAdjustedToUTC: Bool)
    /// A list.
    case list([ParquetValue])
    /// A map, entries in file order.
    case map([ParquetMapEntry])
    /// A struct (also each row), fields in schema order.
    case structure([ParquetField])

    /// Whether this is `.null`.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The field named `name` of a struct (nil when absent or not a struct).
    public subscript(name: String) -> ParquetValue? {
        guard case .structure(let fields) = self else { return nil }
        return fields.first { $0.name == name }?.value
    }

    /// Fields of a struct (nil otherwise).
    public var fields: [ParquetField]? { if case .structure(let f) = self { return f } else { return nil } }
    /// Elements of a list (nil otherwise).
    public var listValue: [ParquetValue]? { if case .list(let l) = self { return l } else { return nil } }
    /// Entries of a map (nil otherwise).
    public var mapEntries: [ParquetMapEntry]? { if case .map(let m) = self { return m } else { return nil } }

    /// The text of a string (nil otherwise).
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }

    /// Any integer as Int64 (nil otherwise or when out of range).
    public var int64Value: Int64? {
        switch self {
        case .int32(let v): return Int64(v)
        case .int64(let v): return v
        case .uint64(let v): return Int64(exactly: v)
        case .date(let v): return Int64(v)
        case .timestamp(let v, _, _), .time(let v, _): return v
        default: return nil
        }
    }

    /// A boolean (nil otherwise).
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    /// A map with string keys and string-or-null values as a dictionary (e.g. Delta `partitionValues`); nil when
    /// this is not a map or holds other kinds of keys or values.
    public var stringMap: [String: String?]? {
        guard case .map(let entries) = self else { return nil }
        var out: [String: String?] = [:]
        for e in entries {
            guard let k = e.key.stringValue else { return nil }
            if e.value.isNull {
                out[k] = .some(nil)
            } else {
                guard let v = e.value.stringValue else { return nil }
                out[k] = v
            }
        }
        return out
    }
}

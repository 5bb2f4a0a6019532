/// The values of one leaf column for a batch, by physical type.
///
/// For the columnar batch API (flat columns) there is one slot per row and null rows are marked in a separate
/// validity mask (their slot content is ignored). For levels-based (nested) input the values are dense: one per
/// level entry whose definition level equals the column's maximum.
///
/// Logical types map to physical ones as in the Parquet spec: INT8/INT16/DATE/DECIMAL(p<=9) are `.int32`;
/// INT64/TIMESTAMP/DECIMAL(p<=18) are `.int64`; STRING/BINARY are `.byteArray`; wider DECIMALs are
/// `.fixedLenByteArray` (big-endian two's complement, see ``DecimalBytes``).
public enum ColumnValues: Equatable, Sendable {
    /// BOOLEAN values.
    case boolean([Bool])
    /// INT32 values.
    case int32([Int32])
    /// INT64 values.
    case int64([Int64])
    /// FLOAT values.
    case float([Float])
    /// DOUBLE values.
    case double([Double])
    /// BYTE_ARRAY values (STRING, BINARY).
    case byteArray(ByteArrayValues)
    /// FIXED_LEN_BYTE_ARRAY values (each exactly the column's type length).
    case fixedLenByteArray(ByteArrayValues)

    /// Number of slots.
    public var count: Int {
        switch self {
        case .boolean(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .byteArray(let v), .fixedLenByteArray(let v): return v.count
        }
    }

    /// The physical type these values have.
    public var physicalType: PhysicalType {
        switch self {
        case .boolean: return .boolean
        case .int32: return .int32
        case .int64: return .int64
        case .float: return .float
        case .double: return .double
        case .byteArray: return .byteArray
        case .fixedLenByteArray: return .fixedLenByteArray
        }
    }

    /// An empty value list of `type`.
    public static func empty(_ type: PhysicalType) -> ColumnValues {
        switch type {
        case .boolean: return .boolean([])
        case .int32: return .int32([])
        case .int64, .int96: return .int64([])
        case .float: return .float([])
        case .double: return .double([])
        case .byteArray: return .byteArray(ByteArrayValues())
        case .fixedLenByteArray: return .fixedLenByteArray(ByteArrayValues())
        }
    }
}

/// One column of a columnar batch: values (one slot per row) and an optional validity mask (`true` = present).
/// A nil mask means no nulls.
public struct ColumnBatch: Sendable {
    /// The values, one slot per row.
    public var values: ColumnValues
    /// `validity[i] == false` marks row `i` as null; nil when all rows are present.
    public var validity: [Bool]?

    /// Creates a column batch.
    public init(_ values: ColumnValues, validity: [Bool]? = nil) {
        self.values = values
        self.validity = validity
    }
}

/// Helpers for DECIMAL values stored as FIXED_LEN_BYTE_ARRAY (big-endian two's complement of the unscaled value).
public enum DecimalBytes {
    /// The minimum number of bytes holding any unscaled value of `precision` digits (parquet-format LogicalTypes.md).
    public static func byteWidth(forPrecision precision: Int) -> Int {
        // Smallest n with 2^(8n-1) > 10^precision - 1.
        var n = 1
        while Double(8 * n - 1) * 0.3010299956639812 < Double(precision) { n += 1 }
        return n
    }

    /// Appends `unscaled` as a `width`-byte big-endian two's complement value (sign-extended).
    public static func append(unscaled: Int64, width: Int, to values: inout ByteArrayValues) {
        let sign: UInt8 = unscaled < 0 ? 0xFF : 0
        for i in stride(from: width - 1, through: 0, by: -1) {
            values.bytes.append(i >= 8 ? sign : UInt8(truncatingIfNeeded: unscaled >> Int64(8 * i)))
        }
        values.offsets.append(values.bytes.count)
    }
}

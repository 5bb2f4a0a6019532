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
    public static func append(unscaled: Int64, width: Int, to values: inout ByteArrayColumn) {
        let sign: UInt8 = unscaled < 0 ? 0xFF : 0
        for i in stride(from: width - 1, through: 0, by: -1) {
            values.data.append(i >= 8 ? sign : UInt8(truncatingIfNeeded: unscaled >> Int64(8 * i)))
        }
        values.offsets.append(values.data.count)
    }
}

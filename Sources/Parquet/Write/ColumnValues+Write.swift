/// Constructors of ``ColumnValues`` for writing, one per physical type.
///
/// For the columnar batch API (flat columns) there is one slot per row and null rows are marked in the batch's
/// validity mask (their slot content is ignored). For levels-based (nested) input the values are dense: one per
/// entry whose definition level equals the column's maximum.
///
/// Logical types map to physical ones as in the Parquet spec: INT8/INT16/DATE/DECIMAL(p<=9) are `.int32`;
/// INT64/TIMESTAMP/DECIMAL(p<=18) are `.int64`; STRING/BINARY are `.byteArray`; wider DECIMALs are
/// `.fixedLenByteArray` (big-endian two's complement, see ``DecimalBytes``).
extension ColumnValues {
    /// BOOLEAN values.
    public static func boolean(_ values: [Bool]) -> ColumnValues {
        var v = ColumnValues(physicalType: .boolean)
        v.booleans = values
        return v
    }

    /// INT32 values.
    public static func int32(_ values: [Int32]) -> ColumnValues {
        var v = ColumnValues(physicalType: .int32)
        v.int32s = values
        return v
    }

    /// INT64 values.
    public static func int64(_ values: [Int64]) -> ColumnValues {
        var v = ColumnValues(physicalType: .int64)
        v.int64s = values
        return v
    }

    /// INT96 values (legacy timestamps; written PLAIN without statistics).
    public static func int96(_ values: [Int96]) -> ColumnValues {
        var v = ColumnValues(physicalType: .int96)
        v.int96s = values
        return v
    }

    /// FLOAT values.
    public static func float(_ values: [Float]) -> ColumnValues {
        var v = ColumnValues(physicalType: .float)
        v.floats = values
        return v
    }

    /// DOUBLE values.
    public static func double(_ values: [Double]) -> ColumnValues {
        var v = ColumnValues(physicalType: .double)
        v.doubles = values
        return v
    }

    /// BYTE_ARRAY values (STRING, BINARY).
    public static func byteArray(_ values: ByteArrayColumn) -> ColumnValues {
        var v = ColumnValues(physicalType: .byteArray)
        v.bytes = values
        return v
    }

    /// FIXED_LEN_BYTE_ARRAY values (each exactly the column's type length).
    public static func fixedLenByteArray(_ values: ByteArrayColumn) -> ColumnValues {
        var v = ColumnValues(physicalType: .fixedLenByteArray)
        v.bytes = values
        return v
    }
}

/// The column types the writer supports, with their Parquet physical, logical and converted annotations.
public enum ParquetColumnType: Equatable, Sendable {
    /// BOOLEAN.
    case boolean
    /// INT32 annotated INTEGER(8, signed).
    case int8
    /// INT32 annotated INTEGER(16, signed).
    case int16
    /// INT32 (INTEGER(32, signed)).
    case int32
    /// INT64 (INTEGER(64, signed)).
    case int64
    /// FLOAT.
    case float
    /// DOUBLE.
    case double
    /// DECIMAL(precision, scale): INT32 for precision <= 9, INT64 for <= 18, else FIXED_LEN_BYTE_ARRAY.
    case decimal(precision: Int, scale: Int)
    /// BYTE_ARRAY annotated STRING (UTF-8).
    case string
    /// BYTE_ARRAY without annotation.
    case binary
    /// INT32 annotated DATE (days since 1970-01-01).
    case date
    /// INT64 annotated TIMESTAMP(isAdjustedToUTC: true, MICROS) (Delta `timestamp`).
    case timestamp
    /// INT64 annotated TIMESTAMP(isAdjustedToUTC: false, MICROS) (Delta `timestamp_ntz`).
    case timestampNTZ

    /// The physical type used to store the values.
    public var physicalType: PhysicalType {
        switch self {
        case .boolean: return .boolean
        case .int8, .int16, .int32, .date: return .int32
        case .int64, .timestamp, .timestampNTZ: return .int64
        case .float: return .float
        case .double: return .double
        case .string, .binary: return .byteArray
        case .decimal(let p, _): return p <= 9 ? .int32 : p <= 18 ? .int64 : .fixedLenByteArray
        }
    }

    /// A leaf schema node of this type (`nullable` selects OPTIONAL over REQUIRED).
    public func node(_ name: String, nullable: Bool = true, fieldId: Int32? = nil) -> SchemaNode {
        let repetition: FieldRepetitionType = nullable ? .optional : .required
        switch self {
        case .boolean, .float, .double, .binary:
            return .primitive(name, physicalType, repetition: repetition, fieldId: fieldId)
        case .int8:
            return .primitive(name, .int32, repetition: repetition, logicalType: .integer(bitWidth: 8, isSigned: true),
                              convertedType: .int8, fieldId: fieldId)
        case .int16:
            return .primitive(name, .int32, repetition: repetition, logicalType: .integer(bitWidth: 16, isSigned: true),
                              convertedType: .int16, fieldId: fieldId)
        case .int32, .int64:
            // Plain INT32/INT64 need no annotation (pyarrow and Spark write none).
            return .primitive(name, physicalType, repetition: repetition, fieldId: fieldId)
        case .string:
            return .primitive(name, .byteArray, repetition: repetition, logicalType: .string, convertedType: .utf8,
                              fieldId: fieldId)
        case .date:
            return .primitive(name, .int32, repetition: repetition, logicalType: .date, convertedType: .date,
                              fieldId: fieldId)
        case .timestamp:
            return .primitive(name, .int64, repetition: repetition,
                              logicalType: .timestamp(isAdjustedToUTC: true, unit: .micros),
                              convertedType: .timestampMicros, fieldId: fieldId)
        case .timestampNTZ:
            // No converted type: TIMESTAMP_MICROS implies UTC adjustment.
            return .primitive(name, .int64, repetition: repetition,
                              logicalType: .timestamp(isAdjustedToUTC: false, unit: .micros), fieldId: fieldId)
        case .decimal(let p, let s):
            let length: Int32? = physicalType == .fixedLenByteArray ? Int32(DecimalBytes.byteWidth(forPrecision: p)) : nil
            return .primitive(name, physicalType, repetition: repetition,
                              logicalType: .decimal(scale: Int32(s), precision: Int32(p)), convertedType: .decimal,
                              typeLength: length, scale: Int32(s), precision: Int32(p), fieldId: fieldId)
        }
    }
}

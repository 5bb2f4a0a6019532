/// Converts physical values of a leaf column into ``ParquetValue``s according to its logical/converted type.
enum LogicalConversion {
    /// All values of a column converted at once (the column is borrowed once, not copied per value).
    static func all(_ values: ColumnValues, column: ColumnDescriptor) -> [ParquetValue] {
        var out: [ParquetValue] = []
        out.reserveCapacity(values.count)
        for i in 0..<values.count { out.append(value(values, at: i, column: column)) }
        return out
    }

    /// The value at `index` of `values` for `column`.
    static func value(_ values: ColumnValues, at index: Int, column: ColumnDescriptor) -> ParquetValue {
        let logical = column.logicalType
        let converted = column.convertedType
        switch values.physicalType {
        case .boolean: return .bool(values.booleans[index])
        case .int32:
            let v = values.int32s[index]
            switch (logical, converted) {
            case (.decimal(let scale, _)?, _): return .decimal(DecimalText.format(Int64(v), scale: Int(scale)))
            case (nil, .decimal?): return .decimal(DecimalText.format(Int64(v), scale: Int(column.scale ?? 0)))
            case (.date?, _), (nil, .date?): return .date(v)
            case (.time(_, let unit)?, _): return .time(Int64(v), unit: unit)
            case (nil, .timeMillis?): return .time(Int64(v), unit: .millis)
            case (.integer(let width, false)?, _) where width == 32: return .int64(Int64(UInt32(bitPattern: v)))
            case (nil, .uint32?): return .int64(Int64(UInt32(bitPattern: v)))
            case (.integer(let width, false)?, _) where width == 8: return .int32(Int32(UInt8(truncatingIfNeeded: v)))
            case (.integer(let width, false)?, _) where width == 16: return .int32(Int32(UInt16(truncatingIfNeeded: v)))
            default: return .int32(v)
            }
        case .int64:
            let v = values.int64s[index]
            switch (logical, converted) {
            case (.decimal(let scale, _)?, _): return .decimal(DecimalText.format(v, scale: Int(scale)))
            case (nil, .decimal?): return .decimal(DecimalText.format(v, scale: Int(column.scale ?? 0)))
            case (.timestamp(let utc, let unit)?, _): return .timestamp(v, unit: unit, isAdjustedToUTC: utc)
            case (nil, .timestampMillis?): return .timestamp(v, unit: .millis, isAdjustedToUTC: true)
            case (nil, .timestampMicros?): return .timestamp(v, unit: .micros, isAdjustedToUTC: true)
            case (.time(_, let unit)?, _): return .time(v, unit: unit)
            case (nil, .timeMicros?): return .time(v, unit: .micros)
            case (.integer(64, false)?, _), (nil, .uint64?): return .uint64(UInt64(bitPattern: v))
            default: return .int64(v)
            }
        case .int96:
            return .timestamp(values.int96s[index].microsSinceEpoch, unit: .micros, isAdjustedToUTC: true)
        case .float: return .float(values.floats[index])
        case .double: return .double(values.doubles[index])
        case .byteArray, .fixedLenByteArray:
            let bytes = values.bytes[index]
            switch (logical, converted) {
            case (.string?, _), (.enumeration?, _), (.json?, _), (nil, .utf8?), (nil, .enumeration?), (nil, .json?):
                return .string(String(decoding: bytes, as: UTF8.self))
            case (.decimal(let scale, _)?, _): return .decimal(DecimalText.format(bigEndian: bytes, scale: Int(scale)))
            case (nil, .decimal?): return .decimal(DecimalText.format(bigEndian: bytes, scale: Int(column.scale ?? 0)))
            case (.float16?, _) where bytes.count == 2:
                return .float(Half.toFloat(UInt16(bytes[bytes.startIndex]) | UInt16(bytes[bytes.startIndex + 1]) << 8))
            default:
                // Unannotated BYTE_ARRAY: Spark writes strings without annotations only in very old files; keep bytes.
                return .binary(Array(bytes))
            }
        }
    }
}

/// IEEE half-precision conversion.
enum Half {
    static func toFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exponent = Int((h >> 10) & 0x1f)
        let mantissa = UInt32(h & 0x3ff)
        if exponent == 0 {
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        }
        if exponent == 31 { return Float(bitPattern: sign | 0x7f80_0000 | (mantissa << 13)) }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }
}

/// Levels and dense values of one leaf column collected while shredding records (Dremel striping), converted from
/// ``ParquetValue`` to the column's physical representation.
struct LeafBuffer {
    let column: ColumnDescriptor
    var definitionLevels: [UInt8] = []
    var repetitionLevels: [UInt8] = []
    var values: ColumnValues
    private let scale: Int
    private let decimalWidth: Int

    init(column: ColumnDescriptor) {
        self.column = column
        values = ColumnValues(physicalType: column.physicalType)
        var scale = Int(column.scale ?? 0)
        if case .decimal(let s, _)? = column.logicalType { scale = Int(s) }
        self.scale = scale
        decimalWidth = column.typeLength
    }

    /// Records an entry without a value (null or empty at some level).
    @inline(__always)
    mutating func appendAbsent(definition: Int, repetition: Int) {
        definitionLevels.append(UInt8(definition))
        repetitionLevels.append(UInt8(repetition))
    }

    /// Records a present value (at the column's maximum definition level).
    mutating func append(_ value: ParquetValue, repetition: Int, row: Int) throws {
        try appendValue(value, row: row)
        definitionLevels.append(UInt8(column.maxDefinitionLevel))
        repetitionLevels.append(UInt8(repetition))
    }

    /// Clears the buffers, keeping capacity.
    mutating func removeAll() {
        definitionLevels.removeAll(keepingCapacity: true)
        repetitionLevels.removeAll(keepingCapacity: true)
        values.removeAll()
    }

    private func mismatch(_ value: ParquetValue, row: Int) -> ParquetWriteError {
        .invalidValue(column: column.dottedPath, row: row, reason: "cannot store \(value) in a \(column.physicalType) column")
    }

    private mutating func appendValue(_ value: ParquetValue, row: Int) throws {
        switch column.physicalType {
        case .boolean:
            guard case .bool(let b) = value else { throw mismatch(value, row: row) }
            values.booleans.append(b)
        case .int32:
            switch value {
            case .int32(let v): values.int32s.append(v)
            case .date(let v): values.int32s.append(v)
            case .int64(let v):
                guard let v32 = Int32(exactly: v) else { throw mismatch(value, row: row) }
                values.int32s.append(v32)
            case .decimal(let text): values.int32s.append(Int32(try unscaled(text, limit: Int64(Int32.max), row: row)))
            default: throw mismatch(value, row: row)
            }
        case .int64:
            switch value {
            case .int64(let v): values.int64s.append(v)
            case .int32(let v): values.int64s.append(Int64(v))
            case .timestamp(let v, let unit, _):
                switch unit {
                case .micros: values.int64s.append(v)
                case .millis: values.int64s.append(v.multipliedReportingOverflow(by: 1000).partialValue)
                case .nanos: values.int64s.append(v / 1000)
                }
            case .decimal(let text): values.int64s.append(try unscaled(text, limit: Int64.max, row: row))
            default: throw mismatch(value, row: row)
            }
        case .float:
            switch value {
            case .float(let v): values.floats.append(v)
            case .double(let v): values.floats.append(Float(v))
            default: throw mismatch(value, row: row)
            }
        case .double:
            switch value {
            case .double(let v): values.doubles.append(v)
            case .float(let v): values.doubles.append(Double(v))
            default: throw mismatch(value, row: row)
            }
        case .byteArray:
            switch value {
            case .string(let s): values.bytes.append(string: s)
            case .binary(let b): values.bytes.append(b)
            default: throw mismatch(value, row: row)
            }
        case .fixedLenByteArray:
            switch value {
            case .binary(let b) where b.count == decimalWidth: values.bytes.append(b)
            case .decimal(let text):
                DecimalBytes.append(unscaled: try unscaled(text, limit: Int64.max, row: row), width: decimalWidth, to: &values.bytes)
            default: throw mismatch(value, row: row)
            }
        case .int96:
            guard case .timestamp(let v, let unit, _) = value else { throw mismatch(value, row: row) }
            let nanos: Int64 = unit == .nanos ? v : unit == .micros ? v &* 1000 : v &* 1_000_000
            let day = nanos >= 0 ? nanos / 86_400_000_000_000 : (nanos + 1) / 86_400_000_000_000 - 1
            values.int96s.append(Int96(nanosOfDay: nanos - day * 86_400_000_000_000,
                                       julianDay: Int32(truncatingIfNeeded: day + Int96.unixEpochJulianDay)))
        }
    }

    /// The unscaled integer of decimal text (e.g. "-12.34" at scale 3 is -12340). Throws when the text is not a
    /// decimal, has more fraction digits than the scale, or exceeds `limit`.
    private func unscaled(_ text: String, limit: Int64, row: Int) throws -> Int64 {
        var result: Int64 = 0
        var negative = false
        var fraction = -1
        var digits = 0
        var overflow = false
        for (i, c) in text.utf8.enumerated() {
            if c == UInt8(ascii: "-") && i == 0 { negative = true; continue }
            if c == UInt8(ascii: "+") && i == 0 { continue }
            if c == UInt8(ascii: ".") && fraction < 0 { fraction = 0; continue }
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else {
                throw ParquetWriteError.invalidValue(column: column.dottedPath, row: row, reason: "not a decimal: \(text)")
            }
            if fraction >= 0 { fraction += 1 }
            digits += 1
            let (m, o1) = result.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(c - UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            result = a
        }
        let fractionDigits = max(fraction, 0)
        guard digits > 0, fractionDigits <= scale else {
            throw ParquetWriteError.invalidValue(column: column.dottedPath, row: row,
                                                 reason: "decimal \(text) does not fit scale \(scale)")
        }
        for _ in fractionDigits..<scale {
            let (m, o) = result.multipliedReportingOverflow(by: 10)
            overflow = overflow || o
            result = m
        }
        guard !overflow, result <= limit else {
            throw ParquetWriteError.invalidValue(column: column.dottedPath, row: row, reason: "decimal \(text) out of range")
        }
        return negative ? -result : result
    }
}

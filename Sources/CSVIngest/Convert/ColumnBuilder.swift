import DeltaLog
import Parquet

/// Accumulates one column's typed values for the rows of a batch, parsing CSV text straight from the record bytes.
/// Null rows keep a placeholder slot and are marked in the validity mask, as ``ColumnBatch`` expects.
struct ColumnBuilder {
    enum Kind { case boolean, byte, short, integer, long, float, double, decimal32, decimal64, decimalWide, string,
                     date, timestamp }

    let spec: ColumnSpec
    let kind: Kind
    let scale: Int
    let width: Int
    var values: ColumnValues
    var validity: [Bool] = []
    var nullCount = 0
    /// Encoded-size estimate of the values so far (for the target file size).
    var approximateBytes = 0

    init(spec: ColumnSpec) {
        self.spec = spec
        var scale = 0, width = 0
        switch spec.type {
        case .boolean: kind = .boolean
        case .byte: kind = .byte
        case .short: kind = .short
        case .integer: kind = .integer
        case .long: kind = .long
        case .float: kind = .float
        case .double: kind = .double
        case .date: kind = .date
        case .timestamp: kind = .timestamp
        case .decimal(let p, let s):
            scale = s
            if p <= 9 { kind = .decimal32 } else if p <= 18 { kind = .decimal64 } else {
                kind = .decimalWide
                width = DecimalBytes.byteWidth(forPrecision: p)
            }
        default: kind = .string
        }
        self.scale = scale
        self.width = width
        values = ColumnValues(physicalType: Self.physicalType(kind))
    }

    /// The Parquet type the column is written as.
    var parquetType: ParquetColumnType {
        switch spec.type {
        case .boolean: return .boolean
        case .byte: return .int8
        case .short: return .int16
        case .integer: return .int32
        case .long: return .int64
        case .float: return .float
        case .double: return .double
        case .date: return .date
        case .timestamp: return .timestamp
        case .decimal(let p, let s): return .decimal(precision: p, scale: s)
        default: return .string
        }
    }

    var count: Int { validity.count }

    static func physicalType(_ kind: Kind) -> PhysicalType {
        switch kind {
        case .boolean: return .boolean
        case .byte, .short, .integer, .date, .decimal32: return .int32
        case .long, .timestamp, .decimal64: return .int64
        case .float: return .float
        case .double: return .double
        case .decimalWide: return .fixedLenByteArray
        case .string: return .byteArray
        }
    }

    /// Appends a null.
    mutating func appendNull() {
        validity.append(false)
        nullCount += 1
        switch values.physicalType {
        case .boolean: values.booleans.append(false)
        case .int32: values.int32s.append(0)
        case .int64: values.int64s.append(0)
        case .float: values.floats.append(0)
        case .double: values.doubles.append(0)
        default:
            if kind == .decimalWide { values.bytes.data.append(contentsOf: repeatElement(0, count: width)) }
            values.bytes.offsets.append(values.bytes.data.count)
        }
    }

    /// Parses and appends a value; false when the text does not fit the column's type (nothing is appended).
    mutating func append(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch kind {
        case .boolean:
            guard let v = ValueParsers.parseBool(b) else { return false }
            values.booleans.append(v)
            approximateBytes += 1
        case .byte, .short, .integer, .date, .decimal32:
            guard let v = parseInt32(b) else { return false }
            values.int32s.append(v)
            approximateBytes += 4
        case .long, .timestamp, .decimal64:
            guard let v = parseInt64(b) else { return false }
            values.int64s.append(v)
            approximateBytes += 8
        case .float:
            guard let v = ValueParsers.parseDouble(b) else { return false }
            values.floats.append(Float(v))
            approximateBytes += 4
        case .double:
            guard let v = ValueParsers.parseDouble(b) else { return false }
            values.doubles.append(v)
            approximateBytes += 8
        case .decimalWide:
            guard let v = ValueParsers.parseDecimal(b, scale: scale), fitsPrecision(v) else { return false }
            for i in stride(from: width - 1, through: 0, by: -1) {
                values.bytes.data.append(i >= 16 ? (v < 0 ? 0xFF : 0) : UInt8(truncatingIfNeeded: v >> (8 * i)))
            }
            values.bytes.offsets.append(values.bytes.data.count)
            approximateBytes += width
        case .string:
            values.bytes.append(UnsafeRawBufferPointer(b))
            approximateBytes += b.count + 4
        }
        validity.append(true)
        return true
    }

    private func fitsPrecision(_ v: Int128) -> Bool {
        guard case .decimal(let p, _) = spec.type else { return false }
        var limit: Int128 = 1
        for _ in 0..<p { limit *= 10 }
        return v < limit && v > -limit
    }

    private func parseInt32(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        switch kind {
        case .date: return spec.dateStyle.parse(b) ?? DateParsers.parseISODate(b)
        case .decimal32:
            guard let v = ValueParsers.parseDecimal(b, scale: scale), fitsPrecision(v) else { return nil }
            return Int32(exactly: v)
        case .byte: return ValueParsers.parseInt64(b).flatMap { Int8(exactly: $0) }.map(Int32.init)
        case .short: return ValueParsers.parseInt64(b).flatMap { Int16(exactly: $0) }.map(Int32.init)
        default: return ValueParsers.parseInt64(b).flatMap { Int32(exactly: $0) }
        }
    }

    private func parseInt64(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        switch kind {
        case .timestamp: return DateParsers.parseISOTimestamp(b) ?? spec.dateStyle.parse(b).map { Int64($0) * 86_400_000_000 }
        case .decimal64:
            guard let v = ValueParsers.parseDecimal(b, scale: scale), fitsPrecision(v) else { return nil }
            return Int64(exactly: v)
        default: return ValueParsers.parseInt64(b)
        }
    }

    /// Drops rows after the first `n` (undoes a partly appended bad row).
    mutating func truncate(to n: Int) {
        guard validity.count > n else { return }
        nullCount -= validity[n...].filter { !$0 }.count
        validity.removeLast(validity.count - n)
        switch values.physicalType {
        case .boolean: values.booleans.removeLast(values.booleans.count - n)
        case .int32: values.int32s.removeLast(values.int32s.count - n)
        case .int64: values.int64s.removeLast(values.int64s.count - n)
        case .float: values.floats.removeLast(values.floats.count - n)
        case .double: values.doubles.removeLast(values.doubles.count - n)
        default:
            values.bytes.offsets.removeLast(values.bytes.offsets.count - (n + 1))
            values.bytes.data.removeLast(values.bytes.data.count - values.bytes.offsets[n])
        }
    }

    /// The batch of values so far; the builder is emptied (keeping its type).
    mutating func takeBatch() -> ColumnBatch {
        let batch = ColumnBatch(values, validity: nullCount == 0 ? nil : validity)
        self = ColumnBuilder(spec: spec)
        return batch
    }
}

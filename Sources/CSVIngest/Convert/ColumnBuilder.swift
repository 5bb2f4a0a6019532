import DeltaLog
import Parquet

/// Accumulates one column's typed values for the rows of a batch, parsing CSV text straight from the tokenizer's
/// buffer a block of rows at a time (``append(column:of:rows:nulls:nullable:bad:)``). Null rows keep a placeholder
/// slot and are marked in the validity mask, as ``ColumnBatch`` expects.
struct ColumnBuilder {
    enum Kind { case boolean, byte, short, integer, long, float, double, decimal32, decimal64, decimalWide, string,
                     date, timestamp }

    let spec: ColumnSpec
    let kind: Kind
    let scale: Int
    let width: Int
    /// 10^precision for decimals: unscaled values must lie strictly between its negation and it.
    let decimalLimit: Int128
    var values: ColumnValues
    var validity: [Bool] = []
    var nullCount = 0
    /// Encoded-size estimate of the values so far (for the target file size).
    var approximateBytes = 0

    init(spec: ColumnSpec) {
        self.spec = spec
        var scale = 0, width = 0, limit: Int128 = 0
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
            limit = 1
            for _ in 0..<p { limit = limit.multipliedReportingOverflow(by: 10).partialValue }
            if p <= 9 { kind = .decimal32 } else if p <= 18 { kind = .decimal64 } else {
                kind = .decimalWide
                width = DecimalBytes.byteWidth(forPrecision: p)
            }
        default: kind = .string
        }
        self.scale = scale
        self.width = width
        decimalLimit = limit
        values = ColumnValues(physicalType: Self.physicalType(kind))
    }

    /// The Parquet type the column is written as.
    var parquetType: ParquetColumnType { Self.parquetType(of: spec) }

    /// The Parquet type a column of `spec` is written as.
    static func parquetType(of spec: ColumnSpec) -> ParquetColumnType {
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

    /// Rows held.
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

    /// Encoded-size estimate of one non-null value of `byteCount` text bytes.
    func estimatedSize(byteCount: Int) -> Int {
        switch kind {
        case .boolean: return 1
        case .byte, .short, .integer, .date, .decimal32, .float: return 4
        case .long, .timestamp, .decimal64, .double: return 8
        case .decimalWide: return width
        case .string: return byteCount + 4
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

    /// Whether the unscaled decimal `v` has at most the column's precision in digits.
    @inline(__always)
    func fitsPrecision(_ v: Int128) -> Bool { v < decimalLimit && v > -decimalLimit }

    /// The batch of values so far; the builder is emptied (keeping its type, with room for a batch as large).
    mutating func takeBatch() -> ColumnBatch {
        let batch = ColumnBatch(values, validity: nullCount == 0 ? nil : validity)
        let rows = count, bytes = values.bytes.data.count
        self = ColumnBuilder(spec: spec)
        reserve(rows: rows, bytes: bytes)
        return batch
    }

    private mutating func reserve(rows: Int, bytes: Int) {
        validity.reserveCapacity(rows)
        switch values.physicalType {
        case .boolean: values.booleans.reserveCapacity(rows)
        case .int32: values.int32s.reserveCapacity(rows)
        case .int64: values.int64s.reserveCapacity(rows)
        case .float: values.floats.reserveCapacity(rows)
        case .double: values.doubles.reserveCapacity(rows)
        default: values.bytes.reserve(values: rows, bytes: bytes + CSVBlock.slack)
        }
    }
}

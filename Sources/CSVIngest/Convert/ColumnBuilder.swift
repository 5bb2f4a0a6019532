import DeltaLog
import Parquet

/// Accumulates one column's typed values for the rows of a batch, parsing CSV text straight from the record bytes.
/// Null rows keep a placeholder slot and are marked in the validity mask, as ``ColumnBatch`` expects.
struct ColumnBuilder {
    enum Storage {
        case boolean([Bool])
        case int32([Int32])
        case int64([Int64])
        case float([Float])
        case double([Double])
        case bytes(ByteArrayColumn)
    }

    enum Kind { case boolean, byte, short, integer, long, float, double, decimal32, decimal64, decimalWide, string,
                     date, timestamp }

    let spec: ColumnSpec
    let kind: Kind
    let scale: Int
    let width: Int
    var storage: Storage
    var validity: [Bool] = []
    var nullCount = 0
    /// Encoded-size estimate of the values so far (for the target file size).
    var approximateBytes = 0

    init(spec: ColumnSpec) {
        self.spec = spec
        var scale = 0, width = 0
        switch spec.type {
        case .boolean: kind = .boolean; storage = .boolean([])
        case .byte: kind = .byte; storage = .int32([])
        case .short: kind = .short; storage = .int32([])
        case .integer: kind = .integer; storage = .int32([])
        case .long: kind = .long; storage = .int64([])
        case .float: kind = .float; storage = .float([])
        case .double: kind = .double; storage = .double([])
        case .date: kind = .date; storage = .int32([])
        case .timestamp: kind = .timestamp; storage = .int64([])
        case .decimal(let p, let s):
            scale = s
            if p <= 9 { kind = .decimal32; storage = .int32([]) } else if p <= 18 { kind = .decimal64; storage = .int64([]) } else {
                kind = .decimalWide
                width = DecimalBytes.byteWidth(forPrecision: p)
                storage = .bytes(ByteArrayColumn())
            }
        default: kind = .string; storage = .bytes(ByteArrayColumn())
        }
        self.scale = scale
        self.width = width
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

    /// Appends a null.
    mutating func appendNull() {
        validity.append(false)
        nullCount += 1
        switch storage {
        case .boolean(var v): storage = .int32([]); v.append(false); storage = .boolean(v)
        case .int32(var v): storage = .boolean([]); v.append(0); storage = .int32(v)
        case .int64(var v): storage = .boolean([]); v.append(0); storage = .int64(v)
        case .float(var v): storage = .boolean([]); v.append(0); storage = .float(v)
        case .double(var v): storage = .boolean([]); v.append(0); storage = .double(v)
        case .bytes(var v):
            storage = .boolean([])
            if kind == .decimalWide { v.data.append(contentsOf: repeatElement(0, count: width)) }
            v.offsets.append(v.data.count)
            storage = .bytes(v)
        }
    }

    /// Parses and appends a value; false when the text does not fit the column's type (nothing is appended).
    mutating func append(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch kind {
        case .boolean:
            guard let v = ValueParsers.parseBool(b), case .boolean(var a) = storage else { return false }
            storage = .int32([]); a.append(v); storage = .boolean(a)
            approximateBytes += 1
        case .byte, .short, .integer, .date, .decimal32:
            guard let v = parseInt32(b), case .int32(var a) = storage else { return false }
            storage = .boolean([]); a.append(v); storage = .int32(a)
            approximateBytes += 4
        case .long, .timestamp, .decimal64:
            guard let v = parseInt64(b), case .int64(var a) = storage else { return false }
            storage = .boolean([]); a.append(v); storage = .int64(a)
            approximateBytes += 8
        case .float:
            guard let v = ValueParsers.parseDouble(b), case .float(var a) = storage else { return false }
            storage = .boolean([]); a.append(Float(v)); storage = .float(a)
            approximateBytes += 4
        case .double:
            guard let v = ValueParsers.parseDouble(b), case .double(var a) = storage else { return false }
            storage = .boolean([]); a.append(v); storage = .double(a)
            approximateBytes += 8
        case .decimalWide:
            guard let v = ValueParsers.parseDecimal(b, scale: scale), fitsPrecision(v), case .bytes(var a) = storage
            else { return false }
            storage = .boolean([])
            for i in stride(from: width - 1, through: 0, by: -1) {
                a.data.append(i >= 16 ? (v < 0 ? 0xFF : 0) : UInt8(truncatingIfNeeded: v >> (8 * i)))
            }
            a.offsets.append(a.data.count)
            storage = .bytes(a)
            approximateBytes += width
        case .string:
            guard case .bytes(var a) = storage else { return false }
            storage = .boolean([]); a.append(UnsafeRawBufferPointer(b)); storage = .bytes(a)
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
        switch storage {
        case .boolean(var v): storage = .int32([]); v.removeLast(v.count - n); storage = .boolean(v)
        case .int32(var v): storage = .boolean([]); v.removeLast(v.count - n); storage = .int32(v)
        case .int64(var v): storage = .boolean([]); v.removeLast(v.count - n); storage = .int64(v)
        case .float(var v): storage = .boolean([]); v.removeLast(v.count - n); storage = .float(v)
        case .double(var v): storage = .boolean([]); v.removeLast(v.count - n); storage = .double(v)
        case .bytes(var v):
            storage = .boolean([])
            v.offsets.removeLast(v.offsets.count - (n + 1))
            v.data.removeLast(v.data.count - v.offsets[n])
            storage = .bytes(v)
        }
    }

    /// The batch of values so far; the builder is emptied (keeping its type).
    mutating func takeBatch() -> ColumnBatch {
        let values: ColumnValues
        switch storage {
        case .boolean(let v): values = .boolean(v)
        case .int32(let v): values = .int32(v)
        case .int64(let v): values = .int64(v)
        case .float(let v): values = .float(v)
        case .double(let v): values = .double(v)
        case .bytes(let v): values = kind == .decimalWide ? .fixedLenByteArray(v) : .byteArray(v)
        }
        let batch = ColumnBatch(values, validity: nullCount == 0 ? nil : validity)
        self = ColumnBuilder(spec: spec)
        return batch
    }
}

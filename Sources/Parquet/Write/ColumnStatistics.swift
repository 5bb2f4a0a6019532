/// A typed minimum or maximum of a column, in the column's physical representation (interpret with the column's
/// logical type: e.g. `.int32` of a DATE column is days since the epoch, `.bytes` of a STRING column is UTF-8).
public enum StatisticValue: Equatable, Sendable {
    /// BOOLEAN.
    case boolean(Bool)
    /// INT32 (also INT8/INT16/DATE/DECIMAL).
    case int32(Int32)
    /// INT64 (also TIMESTAMP/DECIMAL).
    case int64(Int64)
    /// FLOAT.
    case float(Float)
    /// DOUBLE.
    case double(Double)
    /// BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY bytes.
    case bytes([UInt8])

    /// The PLAIN encoding of the value as stored in Parquet `Statistics.min_value`/`max_value` (byte arrays without
    /// a length prefix).
    public var plainBytes: [UInt8] {
        var w = ByteWriter(capacity: 8)
        switch self {
        case .boolean(let b): w.writeByte(b ? 1 : 0)
        case .int32(let v): w.writeLittleEndian(v)
        case .int64(let v): w.writeLittleEndian(v)
        case .float(let v): w.writeLittleEndian(v.bitPattern)
        case .double(let v): w.writeLittleEndian(v.bitPattern)
        case .bytes(let b): return b
        }
        return w.bytes
    }

    /// The value as a UTF-8 string when it holds bytes (STRING columns), else nil.
    public var stringValue: String? {
        if case .bytes(let b) = self { return String(decoding: b, as: UTF8.self) }
        return nil
    }
}

/// Statistics of one leaf column over a column chunk or a whole file: what the footer records and what Delta's
/// per-file `stats` need (`nullCount`, `minValues`, `maxValues`). Min and max follow the column's logical sort
/// order (signed integers, IEEE floats with NaN ignored, unsigned bytewise for strings and binary, signed for
/// DECIMAL bytes); they are nil when the column has no non-null (non-NaN) value.
public struct ColumnStatistics: Equatable, Sendable {
    /// Number of null values (at the leaf level: an absent parent also counts, as in parquet-mr and pyarrow).
    public var nullCount: Int64 = 0
    /// Number of non-null values.
    public var valueCount: Int64 = 0
    /// Smallest non-null value.
    public var min: StatisticValue?
    /// Largest non-null value.
    public var max: StatisticValue?

    /// Empty statistics.
    public init() {}

    /// Statistics with the given fields.
    public init(nullCount: Int64, valueCount: Int64, min: StatisticValue?, max: StatisticValue?) {
        self.nullCount = nullCount
        self.valueCount = valueCount
        self.min = min
        self.max = max
    }

    /// Folds `other` (statistics of the same column) into these.
    public mutating func merge(_ other: ColumnStatistics, signedBytes: Bool = false) {
        nullCount += other.nullCount
        valueCount += other.valueCount
        if let m = other.min { min = min.map { StatisticOrder.less(m, $0, signedBytes: signedBytes) ? m : $0 } ?? m }
        if let m = other.max { max = max.map { StatisticOrder.less($0, m, signedBytes: signedBytes) ? m : $0 } ?? m }
    }

    /// The footer form. Byte-array bounds longer than `maxBoundBytes` are left out (as pyarrow does), and the signs of
    /// zero bounds follow the spec (min -0.0, max +0.0).
    public func thrift(maxBoundBytes: Int = 4096) -> Statistics {
        var s = Statistics(nullCount: nullCount)
        guard var lo = min, var hi = max else { return s }
        if case .bytes(let a) = lo, case .bytes(let b) = hi, a.count > maxBoundBytes || b.count > maxBoundBytes { return s }
        if case .float(let v) = lo, v == 0 { lo = .float(-0.0) }
        if case .float(let v) = hi, v == 0 { hi = .float(0.0) }
        if case .double(let v) = lo, v == 0 { lo = .double(-0.0) }
        if case .double(let v) = hi, v == 0 { hi = .double(0.0) }
        s.minValue = lo.plainBytes
        s.maxValue = hi.plainBytes
        return s
    }
}

/// The orderings used for statistics.
enum StatisticOrder {
    /// Whether `a < b` in the column order (both must be the same case).
    static func less(_ a: StatisticValue, _ b: StatisticValue, signedBytes: Bool) -> Bool {
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return !x && y
        case (.int32(let x), .int32(let y)): return x < y
        case (.int64(let x), .int64(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        case (.double(let x), .double(let y)): return x < y
        case (.bytes(let x), .bytes(let y)):
            return x.withUnsafeBytes { xb in y.withUnsafeBytes { yb in compareBytes(xb, yb, signed: signedBytes) < 0 } }
        default: return false
        }
    }

    /// Three-way comparison of byte strings: unsigned lexicographic, or (signed) as big-endian two's complement
    /// integers of equal width (DECIMAL in FIXED_LEN_BYTE_ARRAY).
    @inline(__always)
    static func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, signed: Bool) -> Int {
        if signed, a.count > 0, b.count > 0 {
            let sa = Int8(bitPattern: a[0]), sb = Int8(bitPattern: b[0])
            if sa != sb { return sa < sb ? -1 : 1 }
            let n = Swift.min(a.count, b.count)
            var i = 1
            while i < n {
                if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
                i += 1
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        }
        let n = Swift.min(a.count, b.count)
        var i = 0
        while i + 8 <= n {
            let x = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let y = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if x != y { return x < y ? -1 : 1 }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}

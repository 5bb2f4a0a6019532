#if _endian(big)
#error("the Parquet decoders assume a little-endian host")
#endif

/// Variable- or fixed-length byte values stored contiguously: value `i` is `data[offsets[i]..<offsets[i+1]]`.
public struct ByteArrayColumn: Sendable, Equatable {
    /// Start offsets into `data`, with one extra trailing entry (so `offsets.count == count + 1`).
    public var offsets: [Int]
    /// All value bytes, concatenated.
    public var data: [UInt8]

    /// Creates an empty column.
    public init() {
        offsets = [0]
        data = []
    }

    /// Creates a column from values.
    public init<S: Sequence>(_ values: S) where S.Element == [UInt8] {
        self.init()
        for v in values { append(v) }
    }

    /// Number of values.
    @inlinable public var count: Int { offsets.count - 1 }

    /// Reserves room for `values` values of `bytes` total bytes.
    public mutating func reserve(values: Int, bytes: Int) {
        offsets.reserveMore(values)
        data.reserveMore(bytes)
    }

    /// Appends one value.
    @inlinable
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        data.append(contentsOf: bytes)
        offsets.append(data.count)
    }

    /// Appends one value.
    @inlinable
    public mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        data.append(contentsOf: bytes)
        offsets.append(data.count)
    }

    /// Appends value `i` of another column.
    @inlinable
    public mutating func append(from other: ByteArrayColumn, at i: Int) {
        data.append(contentsOf: other.data[other.offsets[i]..<other.offsets[i + 1]])
        offsets.append(data.count)
    }

    /// The bytes of value `i`.
    @inlinable
    public subscript(i: Int) -> ArraySlice<UInt8> { data[offsets[i]..<offsets[i + 1]] }

    /// Value `i` decoded as UTF-8 (invalid sequences repaired).
    public func string(at i: Int) -> String {
        data.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offsets[i]..<offsets[i + 1]]), as: UTF8.self) }
    }

    /// All values as byte arrays.
    public var arrays: [[UInt8]] { (0..<count).map { Array(self[$0]) } }
}

/// A legacy 96-bit timestamp: nanoseconds within the day (8 bytes LE) and the Julian day (4 bytes LE).
public struct Int96: Sendable, Hashable {
    /// Nanoseconds since midnight.
    public var nanosOfDay: Int64
    /// Julian day number.
    public var julianDay: Int32

    /// Creates a value.
    public init(nanosOfDay: Int64, julianDay: Int32) {
        self.nanosOfDay = nanosOfDay
        self.julianDay = julianDay
    }

    /// Julian day of 1970-01-01.
    public static let unixEpochJulianDay: Int64 = 2_440_588

    /// Microseconds since the Unix epoch (what Spark reads).
    public var microsSinceEpoch: Int64 {
        (Int64(julianDay) - Self.unixEpochJulianDay) &* 86_400_000_000 &+ nanosOfDay / 1000
    }

    /// Nanoseconds since the Unix epoch (wrapping outside ±292 years).
    public var nanosSinceEpoch: Int64 {
        (Int64(julianDay) - Self.unixEpochJulianDay) &* 86_400_000_000_000 &+ nanosOfDay
    }
}

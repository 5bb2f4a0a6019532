/// A column of variable-length byte strings stored contiguously (Arrow-style): value `i` is
/// `bytes[offsets[i]..<offsets[i + 1]]`. Appending never allocates per value.
///
/// Used for STRING, BINARY and FIXED_LEN_BYTE_ARRAY (DECIMAL) column batches and for dictionaries.
public struct ByteArrayValues: Equatable, Sendable {
    /// All values' bytes, back to back.
    public var bytes: [UInt8]
    /// `count + 1` offsets into ``bytes``; the first is 0.
    public var offsets: [Int]

    /// An empty column, reserving room for `count` values of `byteCapacity` total bytes.
    public init(reservingCount count: Int = 0, byteCapacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(byteCapacity)
        offsets = [0]
        offsets.reserveCapacity(count + 1)
    }

    /// A column from raw parts; `offsets` must start at 0, be non-decreasing and end at `bytes.count`.
    public init?(bytes: [UInt8], offsets: [Int]) {
        guard let first = offsets.first, first == 0, offsets.last == bytes.count else { return nil }
        var previous = 0
        for o in offsets {
            if o < previous { return nil }
            previous = o
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    /// A column holding the UTF-8 bytes of `strings` (nil entries become empty values; mark them null separately).
    public init(_ strings: [String?]) {
        self.init(reservingCount: strings.count, byteCapacity: strings.count * 8)
        for s in strings {
            if var s { s.withUTF8 { bytes.append(contentsOf: $0) } }
            offsets.append(bytes.count)
        }
    }

    /// A column holding `values`.
    public init(_ values: [[UInt8]]) {
        self.init(reservingCount: values.count)
        for v in values { append(v) }
    }

    /// Number of values.
    @inlinable public var count: Int { offsets.count - 1 }

    /// Appends one value.
    @inlinable
    public mutating func append<C: Collection>(_ value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    /// Appends one value from raw memory.
    @inlinable
    public mutating func append(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    /// Appends the UTF-8 bytes of `string`.
    @inlinable
    public mutating func append(string: String) {
        var s = string
        s.withUTF8 { bytes.append(contentsOf: $0) }
        offsets.append(bytes.count)
    }

    /// Length in bytes of value `i`.
    @inlinable public func length(at i: Int) -> Int { offsets[i + 1] - offsets[i] }

    /// A copy of value `i`.
    public subscript(i: Int) -> [UInt8] { Array(bytes[offsets[i]..<offsets[i + 1]]) }

    /// Removes all values, keeping capacity.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
    }
}

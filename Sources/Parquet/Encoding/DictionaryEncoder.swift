/// A fixed-width value that can be a dictionary key: its bit pattern identifies it (so NaN payloads and -0.0 are
/// distinct entries, as in parquet-mr).
public protocol DictionaryKey: BitwiseCopyable, Equatable {
    /// The value's bits, zero-extended to 64.
    var dictionaryBits: UInt64 { get }
}

extension Int32: DictionaryKey {
    /// The value's bits.
    @inlinable public var dictionaryBits: UInt64 { UInt64(UInt32(bitPattern: self)) }
}
extension Int64: DictionaryKey {
    /// The value's bits.
    @inlinable public var dictionaryBits: UInt64 { UInt64(bitPattern: self) }
}
extension Float: DictionaryKey {
    /// The value's bits.
    @inlinable public var dictionaryBits: UInt64 { UInt64(bitPattern) }
}
extension Double: DictionaryKey {
    /// The value's bits.
    @inlinable public var dictionaryBits: UInt64 { bitPattern }
}

/// Builds a dictionary for a fixed-width column (INT32, INT64, FLOAT, DOUBLE): an open-addressing hash table from
/// value bits to index, and the entries in first-seen order. ``plainSize`` tracks the size of the dictionary page
/// so that the column writer can fall back to PLAIN past a byte limit (as parquet-mr does).
public struct DictionaryEncoder<T: DictionaryKey> {
    /// Distinct values in index order.
    public private(set) var entries: [T] = []
    private var keys: [UInt64]
    private var slots: [Int32]
    private var mask: Int
    private var shift: UInt64

    /// Creates an empty dictionary.
    public init(initialCapacity: Int = 1024) {
        var capacity = 16
        while capacity < initialCapacity * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// Number of distinct values.
    @inlinable public var count: Int { entries.count }

    /// Size in bytes of the PLAIN-encoded dictionary page body.
    @inlinable public var plainSize: Int { entries.count * MemoryLayout<T>.stride }

    /// Returns the index of `value`, adding it when new.
    @inline(__always)
    public mutating func index(of value: T) -> UInt32 {
        let bits = value.dictionaryBits
        var slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let s = slots[slot]
            if s < 0 {
                let index = Int32(entries.count)
                slots[slot] = index
                keys[slot] = bits
                entries.append(value)
                if entries.count * 2 > slots.count { grow() }
                return UInt32(index)
            }
            if keys[slot] == bits { return UInt32(s) }
            slot = (slot + 1) & mask
        }
    }

    /// Appends the indices of the values of `values` whose `mask` flag is set (all when nil) to `indices`.
    public mutating func appendIndices(of values: UnsafeBufferPointer<T>, mask: UnsafeBufferPointer<Bool>?,
                                       to indices: inout [UInt32]) {
        if let mask {
            for i in 0..<values.count where mask[i] { indices.append(index(of: values[i])) }
        } else {
            for v in values { indices.append(index(of: v)) }
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        var newKeys = [UInt64](repeating: 0, count: capacity)
        var newSlots = [Int32](repeating: -1, count: capacity)
        let newMask = capacity - 1
        let newShift = UInt64(64 - capacity.trailingZeroBitCount)
        for i in 0..<slots.count where slots[i] >= 0 {
            var slot = Int(truncatingIfNeeded: (keys[i] &* 0x9E37_79B9_7F4A_7C15) >> newShift)
            while newSlots[slot] >= 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = slots[i]
            newKeys[slot] = keys[i]
        }
        keys = newKeys
        slots = newSlots
        mask = newMask
        shift = newShift
    }

    /// The PLAIN-encoded dictionary page body.
    public func encodeDictionaryPage(into out: inout ByteWriter) {
        PlainEncoder.encode(entries, into: &out)
    }
}

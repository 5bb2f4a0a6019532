/// Builds a dictionary for a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column: an open-addressing hash table over the value
/// bytes (entries stored contiguously in a ``ByteArrayColumn``; no allocation per value).
public struct ByteArrayDictionaryEncoder {
    /// Distinct values in index order.
    public private(set) var entries: ByteArrayColumn
    private var hashes: [UInt64]
    private var slots: [Int32]
    private var mask: Int
    /// Whether the dictionary page stores values with a 4-byte length prefix (BYTE_ARRAY) or without (FLBA).
    public let lengthPrefixed: Bool

    /// Creates an empty dictionary; `lengthPrefixed` is false for FIXED_LEN_BYTE_ARRAY.
    public init(lengthPrefixed: Bool = true, initialCapacity: Int = 1024) {
        var capacity = 16
        while capacity < initialCapacity * 2 { capacity <<= 1 }
        hashes = [UInt64](repeating: 0, count: capacity)
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        entries = ByteArrayColumn()
        self.lengthPrefixed = lengthPrefixed
    }

    /// Number of distinct values.
    @inlinable public var count: Int { entries.count }

    /// Size in bytes of the PLAIN-encoded dictionary page body.
    public var plainSize: Int { entries.data.count + (lengthPrefixed ? 4 * entries.count : 0) }

    /// A fast 64-bit hash of `bytes` (8 bytes per step, multiply-xorshift mixing).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }

    /// Returns the index of `value`, adding it when new.
    @inline(__always)
    public mutating func index(of value: UnsafeRawBufferPointer) -> UInt32 {
        let h = Self.hash(value)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s < 0 {
                let index = Int32(entries.count)
                slots[slot] = index
                hashes[slot] = h
                entries.append(value)
                if entries.count * 2 > slots.count { grow() }
                return UInt32(index)
            }
            if hashes[slot] == h && equals(Int(s), value) { return UInt32(s) }
            slot = (slot + 1) & mask
        }
    }

    /// Returns the index of `value`, adding it when new.
    public mutating func index(of value: [UInt8]) -> UInt32 {
        value.withUnsafeBytes { index(of: $0) }
    }

    @inline(__always)
    private func equals(_ entry: Int, _ value: UnsafeRawBufferPointer) -> Bool {
        let start = entries.offsets[entry], end = entries.offsets[entry + 1]
        guard end - start == value.count else { return false }
        if value.count == 0 { return true }
        return entries.data.withUnsafeBytes { stored in
            guard let a = stored.baseAddress, let b = value.baseAddress else { return false }
            return memcmpBytes(a + start, b, value.count)
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        var newHashes = [UInt64](repeating: 0, count: capacity)
        var newSlots = [Int32](repeating: -1, count: capacity)
        let newMask = capacity - 1
        for i in 0..<slots.count where slots[i] >= 0 {
            var slot = Int(truncatingIfNeeded: hashes[i]) & newMask
            while newSlots[slot] >= 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = slots[i]
            newHashes[slot] = hashes[i]
        }
        hashes = newHashes
        slots = newSlots
        mask = newMask
    }

    /// The PLAIN-encoded dictionary page body.
    public func encodeDictionaryPage(into out: inout ByteWriter) {
        if lengthPrefixed {
            PlainEncoder.encode(byteArrays: entries, into: &out)
        } else {
            out.bytes.append(contentsOf: entries.data)
        }
    }
}

/// Byte equality of two non-empty memory ranges.
@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}

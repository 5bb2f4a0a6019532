/// Builds a dictionary for a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column: an open-addressing hash table over the value
/// bytes (entries stored contiguously in a ``ByteArrayColumn``; no allocation per value). Each table slot holds the
/// upper half of the value's hash and its index plus one (0: empty), so that most probes touch one word.
public struct ByteArrayDictionaryEncoder {
    /// Distinct values in index order.
    public private(set) var entries: ByteArrayColumn
    private var table: [UInt64]
    private var mask: Int
    /// Whether the dictionary page stores values with a 4-byte length prefix (BYTE_ARRAY) or without (FLBA).
    public let lengthPrefixed: Bool

    /// Creates an empty dictionary; `lengthPrefixed` is false for FIXED_LEN_BYTE_ARRAY.
    public init(lengthPrefixed: Bool = true, initialCapacity: Int = 1024) {
        var capacity = 16
        while capacity < initialCapacity * 2 { capacity <<= 1 }
        table = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        entries = ByteArrayColumn()
        self.lengthPrefixed = lengthPrefixed
    }

    /// Number of distinct values.
    @inlinable public var count: Int { entries.count }

    /// Size in bytes of the PLAIN-encoded dictionary page body.
    public var plainSize: Int { entries.data.count + (lengthPrefixed ? 4 * entries.count : 0) }

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// A fast 64-bit hash of `count` bytes at `pointer` (wyhash-style: words combined by folded 64x64->128-bit
    /// multiplies that do not depend on each other, so that short values hash in a few cycles; no byte loop, no
    /// read past the value).
    @inline(__always)
    static func hash(_ pointer: UnsafeRawPointer?, _ count: Int) -> UInt64 {
        let s0: UInt64 = 0xA076_1D64_78BD_642F, s1: UInt64 = 0xE703_7ED1_A0B4_28DB, s2: UInt64 = 0x8EBC_6AF0_9C88_C6E3
        var a: UInt64 = 0, b: UInt64 = 0
        guard let p = pointer, count > 0 else { return fold(s0, s1 ^ UInt64(count)) }
        if count >= 8 {
            if count <= 16 {
                a = p.loadUnaligned(as: UInt64.self)
                b = p.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            } else {
                var seed = s2
                var i = 0
                // All words but the last 16 bytes, two at a time, then the (overlapping) last 16 bytes.
                while i &+ 16 < count {
                    seed = fold(p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ s1,
                                p.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self) ^ seed)
                    i &+= 16
                }
                a = p.loadUnaligned(fromByteOffset: count &- 16, as: UInt64.self) ^ seed
                b = p.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            }
        } else if count >= 4 {
            a = UInt64(p.loadUnaligned(as: UInt32.self))
            b = UInt64(p.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
        } else {
            a = UInt64(p.load(as: UInt8.self)) << 16 | UInt64(p.load(fromByteOffset: count >> 1, as: UInt8.self)) << 8
                | UInt64(p.load(fromByteOffset: count &- 1, as: UInt8.self))
        }
        return fold(s1 ^ UInt64(count), fold(a ^ s1, b ^ s0))
    }

    /// The high and low halves of the 128-bit product, xored.
    @inline(__always)
    static func fold(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let (high, low) = x.multipliedFullWidth(by: y)
        return high ^ low
    }

    /// The hash of `bytes`.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 { hash(bytes.baseAddress, bytes.count) }

    /// Returns the index of `value`, adding it when new.
    @inline(__always)
    public mutating func index(of value: UnsafeRawBufferPointer) -> UInt32 {
        let h = Self.hash(value)
        let tag = h & Self.tagMask
        var slot = Int(truncatingIfNeeded: h) & mask
        let n = value.count
        let mask = self.mask
        let found: Int = table.withUnsafeBufferPointer { t in
            entries.offsets.withUnsafeBufferPointer { o in
                entries.data.withUnsafeBytes { d in
                    while true {
                        let e = t[slot]
                        if e == 0 { return -1 }
                        if e & Self.tagMask == tag {
                            let index = Int(truncatingIfNeeded: e & 0xFFFF_FFFF) &- 1
                            let start = o[index]
                            if o[index &+ 1] &- start == n {
                                if n == 0 { return index }
                                if let a = d.baseAddress, let b = value.baseAddress, memcmpBytes(a + start, b, n) {
                                    return index
                                }
                            }
                        }
                        slot = (slot &+ 1) & mask
                    }
                }
            }
        }
        if found >= 0 { return UInt32(truncatingIfNeeded: found) }
        let index = entries.count
        table[slot] = tag | UInt64(index + 1)
        entries.append(value)
        if entries.count * 2 > table.count { grow() }
        return UInt32(index)
    }

    /// Returns the index of `value`, adding it when new.
    public mutating func index(of value: [UInt8]) -> UInt32 {
        value.withUnsafeBytes { index(of: $0) }
    }

    private mutating func grow() {
        let capacity = table.count * 2
        var newTable = [UInt64](repeating: 0, count: capacity)
        let newMask = capacity - 1
        entries.data.withUnsafeBytes { d in
            for index in 0..<entries.count {
                let start = entries.offsets[index], end = entries.offsets[index + 1]
                let h = Self.hash(UnsafeRawBufferPointer(rebasing: d[start..<end]))
                var slot = Int(truncatingIfNeeded: h) & newMask
                while newTable[slot] != 0 { slot = (slot + 1) & newMask }
                newTable[slot] = (h & Self.tagMask) | UInt64(index + 1)
            }
        }
        table = newTable
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

/// Byte equality of two non-empty memory ranges (word compares; the last word overlaps instead of a byte loop).
@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    if count >= 8 {
        var i = 0
        while i &+ 8 < count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i &+= 8
        }
        return a.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
    }
    if count >= 4 {
        return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
            && a.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            == b.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
    }
    for i in 0..<count where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) {
        return false
    }
    return true
}

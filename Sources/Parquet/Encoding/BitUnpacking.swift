/// Little-endian bit unpacking shared by the RLE/bit-packed hybrid and DELTA_BINARY_PACKED decoders.
enum BitUnpacking {
    /// Reads `width` (0...64) bits starting at bit `bitOffset` of `buffer`, LSB first. Bits past the end read as 0,
    /// so callers must check that the packed run fits the buffer where that matters.
    @inline(__always)
    static func read(_ buffer: UnsafeRawBufferPointer, bitOffset: Int, width: Int) -> UInt64 {
        if width == 0 { return 0 }
        let byte = bitOffset >> 3
        let shift = UInt64(bitOffset & 7)
        var word: UInt64
        if byte + 8 <= buffer.count {
            word = buffer.loadUnaligned(fromByteOffset: byte, as: UInt64.self)
        } else {
            word = 0
            var i = 0
            while byte + i < buffer.count && i < 8 {
                word |= UInt64(buffer[byte + i]) << (8 * UInt64(i))
                i += 1
            }
        }
        var value = word >> shift
        let have = 64 - Int(shift)
        if width > have {
            let next: UInt64 = byte + 8 < buffer.count ? UInt64(buffer[byte + 8]) : 0
            value |= next << UInt64(have)
        }
        return width == 64 ? value : value & ((1 << UInt64(width)) - 1)
    }

    /// Unpacks `count` values of `width` bits into `out` starting at bit 0 of `buffer`.
    @inline(__always)
    static func unpack32(_ buffer: UnsafeRawBufferPointer, width: Int, count: Int, into out: UnsafeMutablePointer<UInt32>) {
        if width == 0 {
            out.update(repeating: 0, count: count)
            return
        }
        let mask: UInt64 = (1 << UInt64(width)) - 1
        var bit = 0
        // Fast path while a full 8-byte load stays in bounds (width <= 32, shift <= 7: one load suffices).
        let safeBits = (buffer.count - 8) * 8
        var i = 0
        while i < count && bit <= safeBits {
            let word = buffer.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self)
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += width
            i += 1
        }
        while i < count {
            out[i] = UInt32(truncatingIfNeeded: read(buffer, bitOffset: bit, width: width))
            bit += width
            i += 1
        }
    }
}

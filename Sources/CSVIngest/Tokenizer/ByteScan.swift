/// Sixteen bytes at a time with the standard library's SIMD types (SSE2 / NEON compares).
enum SIMDScan {
    /// The lane of the first match in `m` (which has at least one).
    @inline(__always) static func firstSet(_ m: SIMDMask<SIMD16<Int8>>) -> Int {
        let lanes = unsafeBitCast(m, to: (UInt64, UInt64).self)
        let low = UInt64(littleEndian: lanes.0)
        if low != 0 { return low.trailingZeroBitCount >> 3 }
        return 8 &+ UInt64(littleEndian: lanes.1).trailingZeroBitCount >> 3
    }
}

/// SIMD-within-a-register helpers for scanning eight bytes at a time.
enum SWAR {
    /// `b` in every byte of a 64-bit word.
    @inline(__always) static func splat(_ b: UInt8) -> UInt64 { UInt64(b) &* 0x0101_0101_0101_0101 }
    /// High bit set in each byte of `v` that is zero; the lowest set bit marks exactly the first zero byte.
    @inline(__always) static func zeroBytes(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }
}

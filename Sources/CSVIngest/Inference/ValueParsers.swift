/// Parsers from raw field bytes to typed values. Pure, allocation-free, no Foundation: they run once per value.
public enum ValueParsers {
    /// `true`/`false` in any letter case.
    public static func parseBool(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        if b.count == 4, b[0] | 0x20 == 0x74, b[1] | 0x20 == 0x72, b[2] | 0x20 == 0x75, b[3] | 0x20 == 0x65 {
            return true
        }
        if b.count == 5, b[0] | 0x20 == 0x66, b[1] | 0x20 == 0x61, b[2] | 0x20 == 0x6C, b[3] | 0x20 == 0x73,
           b[4] | 0x20 == 0x65 {
            return false
        }
        return nil
    }

    /// The shape of a plain decimal number `[+-]digits[.digits]`: significant integer digits (leading zeros
    /// dropped) and digits after the point. Nil when the text is not such a number or has a leading zero before
    /// other digits (`007`, a code to keep as text).
    public struct DecimalShape: Equatable, Sendable {
        /// Integer digits without leading zeros.
        public var integerDigits: Int
        /// Digits after the decimal point.
        public var scale: Int
        /// Whether there was a decimal point.
        public var hasPoint: Bool
    }

    /// Classifies `[+-]digits[.digits]`.
    @inline(__always)
    public static func decimalShape(_ b: UnsafeBufferPointer<UInt8>) -> DecimalShape? {
        numberShape(b)?.shape
    }

    /// ``decimalShape(_:)``, plus the value when the text is an integer of at most 18 digits (nil otherwise).
    @inline(__always)
    static func numberShape(_ b: UnsafeBufferPointer<UInt8>) -> (shape: DecimalShape, integer: Int64?)? {
        let n = b.count
        guard n > 0, let p = b.baseAddress else { return nil }
        var i = 0
        var negative = false
        if p[0] == 0x2D || p[0] == 0x2B { negative = p[0] == 0x2D; i = 1 }
        let intStart = i
        var v: Int64 = 0
        while i < n {
            let d = p[i] &- 0x30
            guard d < 10 else { break }
            v = v &* 10 &+ Int64(d)
            i &+= 1
        }
        let intLen = i - intStart
        if intLen > 1 && p[intStart] == 0x30 { return nil }  // leading zero: keep as text
        var scale = 0
        var hasPoint = false
        if i < n, p[i] == 0x2E {
            hasPoint = true
            i &+= 1
            let fracStart = i
            while i < n, p[i] &- 0x30 < 10 { i &+= 1 }
            scale = i - fracStart
        }
        guard i == n, intLen + scale > 0 else { return nil }
        let significant = intLen == 1 && p[intStart] == 0x30 ? 0 : intLen
        let shape = DecimalShape(integerDigits: significant, scale: scale, hasPoint: hasPoint)
        return (shape, !hasPoint && intLen <= 18 ? (negative ? 0 &- v : v) : nil)
    }

    /// A base-10 Int64 `[+-]digits`; nil on anything else or overflow.
    @inline(__always)
    public static func parseInt64(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = b.count
        guard n > 0, let p = b.baseAddress else { return nil }
        var i = 0
        var negative = false
        if p[0] == 0x2D || p[0] == 0x2B { negative = p[0] == 0x2D; i = 1 }
        guard i < n else { return nil }
        guard n - i <= 18 else { return parseLongInt64(b) }
        // Up to 18 digits cannot overflow.
        var v: Int64 = 0
        while i < n {
            let d = p[i] &- 0x30
            guard d < 10 else { return nil }
            v = v &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? 0 &- v : v
    }

    /// ``parseInt64(_:)`` for 19 or more digits, with overflow checks.
    static func parseLongInt64(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let n = b.count
        var negative = false
        if i < n, b[i] == 0x2D || b[i] == 0x2B { negative = b[i] == 0x2D; i += 1 }
        guard i < n else { return nil }
        var v: Int64 = 0
        while i < n {
            let d = b[i] &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            v = s
            i += 1
        }
        return v
    }

    /// The unscaled value of `[+-]digits[.digits]` at `scale` (fewer fraction digits are padded with zeros);
    /// nil when it has more fraction digits than `scale` or does not fit 128 bits.
    public static func parseDecimal(_ b: UnsafeBufferPointer<UInt8>, scale: Int) -> Int128? {
        parseSmallDecimal(b, scale: scale).map { Int128($0) } ?? parseWideDecimal(b, scale: scale)
    }

    /// ``parseDecimal(_:scale:)`` when the text has at most 18 digits, scale padding included (so that no
    /// overflow is possible); nil otherwise, also when the text is not a decimal at all.
    @inline(__always)
    public static func parseSmallDecimal(_ b: UnsafeBufferPointer<UInt8>, scale: Int) -> Int64? {
        let n = b.count
        guard n > 0, n <= 20, let p = b.baseAddress else { return nil }
        var i = 0
        var negative = false
        if p[0] == 0x2D || p[0] == 0x2B { negative = p[0] == 0x2D; i = 1 }
        var v: Int64 = 0
        var digits = 0
        var frac = -1
        while i < n {
            let c = p[i]
            if c == 0x2E, frac < 0 { frac = 0; i += 1; continue }
            let d = c &- 0x30
            guard d < 10 else { return nil }
            if frac >= 0 { frac += 1; if frac > scale { return nil } }
            v = v &* 10 &+ Int64(d)
            digits += 1
            i += 1
        }
        let pad = scale - max(frac, 0)
        guard digits > 0, digits + pad <= 18 else { return nil }
        for _ in 0..<pad { v &*= 10 }
        return negative ? 0 &- v : v
    }

    /// ``parseDecimal(_:scale:)`` in 128 bits with overflow checks.
    static func parseWideDecimal(_ b: UnsafeBufferPointer<UInt8>, scale: Int) -> Int128? {
        var i = 0
        let n = b.count
        var negative = false
        if i < n, b[i] == 0x2D || b[i] == 0x2B { negative = b[i] == 0x2D; i += 1 }
        var v: Int128 = 0
        var digits = 0
        var frac = -1
        while i < n {
            let c = b[i]
            if c == 0x2E, frac < 0 { frac = 0; i += 1; continue }
            let d = c &- 0x30
            guard d < 10 else { return nil }
            if frac >= 0 { frac += 1; if frac > scale { return nil } }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int128(d))
            guard !o1, !o2 else { return nil }
            v = s
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        for _ in 0..<(scale - max(frac, 0)) {
            let (m, o) = v.multipliedReportingOverflow(by: 10)
            guard !o else { return nil }
            v = m
        }
        return negative ? -v : v
    }

    /// A finite double in decimal or scientific notation (`1.5`, `-2e10`, `.5`); nil otherwise (no `nan`/`inf`,
    /// no hex, no surrounding spaces, no leading zero before a digit).
    public static func parseDouble(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard b.count > 0, b.count < 64 else { return nil }
        var sawDigit = false
        for c in b {
            switch c {
            case 0x30...0x39: sawDigit = true
            case 0x2B, 0x2D, 0x2E, 0x45, 0x65: break
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        let first = b[0] == 0x2D || b[0] == 0x2B ? 1 : 0
        if first + 1 < b.count, b[first] == 0x30, b[first + 1] &- 0x30 < 10 { return nil }  // `007`: a code
        let text = String(decoding: b, as: UTF8.self)
        guard let d = Double(text), d.isFinite else { return nil }
        return d
    }
}

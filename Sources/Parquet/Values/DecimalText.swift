/// Exact decimal formatting of unscaled integers (any width, two's complement).
public enum DecimalText {
    /// Formats `unscaled * 10^-scale`, e.g. (-1234, 2) -> "-12.34".
    public static func format(_ unscaled: Int64, scale: Int) -> String {
        let negative = unscaled < 0
        return place(String(unscaled.magnitude), negative: negative, scale: scale)
    }

    /// Formats a big-endian two's-complement unscaled value of any length.
    public static func format<C: Collection>(bigEndian bytes: C, scale: Int) -> String where C.Element == UInt8 {
        var magnitude = Array(bytes)
        if magnitude.isEmpty { return place("0", negative: false, scale: scale) }
        let negative = magnitude[0] & 0x80 != 0
        if negative {
            // Two's complement negate: invert and add one.
            for i in magnitude.indices { magnitude[i] = ~magnitude[i] }
            var i = magnitude.count - 1
            while i >= 0 {
                let (s, o) = magnitude[i].addingReportingOverflow(1)
                magnitude[i] = s
                if !o { break }
                i -= 1
            }
        }
        // Repeated division by 10^9 of the big-endian magnitude.
        var chunks: [UInt32] = []
        var digits = magnitude
        while digits.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for i in digits.indices {
                let cur = remainder << 8 | UInt64(digits[i])
                digits[i] = UInt8(cur / 1_000_000_000)
                remainder = cur % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
        }
        var text = chunks.last.map { String($0) } ?? "0"
        for c in chunks.dropLast().reversed() {
            let s = String(c)
            text += String(repeating: "0", count: 9 - s.count) + s
        }
        return place(text, negative: negative, scale: scale)
    }

    static func place(_ digits: String, negative: Bool, scale: Int) -> String {
        var result: String
        if scale <= 0 {
            result = digits == "0" ? "0" : digits + String(repeating: "0", count: -scale)
        } else {
            let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
            let cut = padded.index(padded.endIndex, offsetBy: -scale)
            result = padded[..<cut] + "." + padded[cut...]
        }
        return negative ? "-" + result : result
    }
}

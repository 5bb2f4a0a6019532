import Parquet

/// Canonical text of typed values, as Delta writes them in partition values and statistics. Pure.
public enum ValueFormat {
    /// `YYYY-MM-DD` for days since 1970-01-01.
    public static func date(_ days: Int32) -> String {
        let (y, m, d) = civil(Int(days))
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff` (UTC) for microseconds since the epoch: the partition-value form.
    public static func timestamp(_ micros: Int64) -> String {
        let (days, rest) = floorDivMod(micros, 86_400_000_000)
        let secs = rest / 1_000_000, us = rest % 1_000_000
        return date(Int32(truncatingIfNeeded: days)) + " " + pad(Int(secs / 3600), 2) + ":" + pad(Int(secs / 60 % 60), 2)
            + ":" + pad(Int(secs % 60), 2) + "." + pad(Int(us), 6)
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`: the statistics form.
    public static func timestampISO(_ micros: Int64) -> String {
        var s = timestamp(micros)
        if let space = s.firstIndex(of: " ") { s.replaceSubrange(space...space, with: "T") }
        return s + "Z"
    }

    /// The decimal text of `unscaled` × 10^-scale (`123450`, 2 -> `1234.50`).
    public static func decimal(_ unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        var digits = String(negative ? (0 - unscaled).magnitude : unscaled.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    /// A double's shortest round-trip text (`1.5`, `1e+20` as `1e+20`).
    public static func double(_ d: Double) -> String {
        let s = "\(d)"
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }

    /// A big-endian two's complement integer of up to 16 bytes.
    public static func int128(bigEndian bytes: [UInt8]) -> Int128 {
        var v: Int128 = (bytes.first ?? 0) & 0x80 != 0 ? -1 : 0
        for b in bytes.suffix(16) { v = (v << 8) | Int128(b) }
        return v
    }

    static func civil(_ days: Int) -> (Int, Int, Int) {
        let (y, m, d) = CivilTime.civil(fromDays: Int64(days))
        return (Int(y), m, d)
    }

    static func floorDivMod(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var q = a / b, r = a % b
        if r < 0 { q -= 1; r += b }
        return (q, r)
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

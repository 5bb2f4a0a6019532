import Parquet
/// Timestamps as users type them and as deltactl prints them (UTC, no Foundation).
public enum DeltaTimestamp {
    /// Parses milliseconds since the epoch from `2024-05-01`, `2024-05-01T10:20:30`, `2024-05-01 10:20:30.123Z`,
    /// an explicit `+hh:mm`/`-hh:mm` offset, or a plain integer of milliseconds. Nil when unreadable.
    public static func parse(_ text: String) -> Int64? {
        let t = text.trimmingSpaces
        if let ms = Int64(t) { return ms }
        guard let micros = parseMicros(t) else { return nil }
        return micros >= 0 ? micros / 1000 : (micros - 999) / 1000
    }

    /// Parses microseconds since the epoch from a date or date-time text (zone-less text is read as UTC), as in
    /// partition values (`2021-01-01 10:00:00.123456`, `2021-01-01T10:00:00Z`). Nil when unreadable.
    public static func parseMicros(_ text: String) -> Int64? {
        let t = text.trimmingSpaces
        let b = Array(t.utf8)
        func num(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= b.count else { return nil }
            var n: Int64 = 0
            for i in from..<(from + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                n = n * 10 + Int64(b[i] - 48)
            }
            return n
        }
        guard b.count >= 10, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var i = 10
        var h: Int64 = 0, mi: Int64 = 0, s: Int64 = 0, frac: Int64 = 0, offset: Int64 = 0
        if i < b.count && (b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ")) {
            guard let hh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let mm = num(i + 4, 2) else { return nil }
            h = hh; mi = mm; i += 6
            if i < b.count && b[i] == 58 { guard let ss = num(i + 1, 2) else { return nil }; s = ss; i += 3 }
            if i < b.count && b[i] == 46 {
                i += 1
                var digits = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if digits < 6 { frac = frac * 10 + Int64(b[i] - 48) }
                    digits += 1; i += 1
                }
                for _ in digits..<max(digits, 6) { frac *= 10 }
            }
        }
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") { i += 1 } else if b[i] == 43 || b[i] == 45 {
                guard let oh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = num(i + 4, 2) else { return nil }
                offset = (oh * 60 + om) * 60_000 * (b[i] == 43 ? 1 : -1)
                i += 6
            }
        }
        guard i == b.count, h < 24, mi < 60, s < 61 else { return nil }
        let days = daysFromCivil(y, mo, d)
        return ((days * 86_400 + h * 3600 + mi * 60 + s) * 1_000_000 + frac) - offset * 1000
    }

    /// Formats milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func format(millis: Int64) -> String {
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let rem = millis - days * 86_400_000
        let (y, m, d) = civilFromDays(days)
        let h = rem / 3_600_000, mi = rem / 60_000 % 60, s = rem / 1000 % 60, ms = rem % 1000
        func p(_ v: Int64, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))T\(p(h, 2)):\(p(mi, 2)):\(p(s, 2)).\(p(ms, 3))Z"
    }

    /// Formats microseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.ffffff` plus `Z` when `utc`.
    public static func format(micros: Int64, utc: Bool) -> String {
        let perDay: Int64 = 86_400_000_000
        let days = micros >= 0 ? micros / perDay : (micros - perDay + 1) / perDay
        let rem = micros - days * perDay
        let (y, m, d) = civilFromDays(days)
        let h = rem / 3_600_000_000, mi = rem / 60_000_000 % 60, s = rem / 1_000_000 % 60, us = rem % 1_000_000
        func p(_ v: Int64, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))T\(p(h, 2)):\(p(mi, 2)):\(p(s, 2)).\(p(us, 6))" + (utc ? "Z" : "")
    }

    /// Formats days since the epoch as `YYYY-MM-DD`.
    public static func format(days: Int64) -> String {
        let (y, m, d) = civilFromDays(days)
        func p(_ v: Int64, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (one implementation: Parquet's `CivilTime`).
    public static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let (y, m, d) = CivilTime.civil(fromDays: days)
        return (y, Int64(m), Int64(d))
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

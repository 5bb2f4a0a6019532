/// Date and timestamp parsing over raw bytes: ISO dates, US `M/D/YYYY` dates, `--date-format` patterns and
/// ISO-8601 timestamps. Dates become days since 1970-01-01; timestamps microseconds since the epoch in UTC.
public enum DateParsers {
    /// Days from 1970-01-01 to the civil date (proleptic Gregorian); nil when the date does not exist.
    @inline(__always)
    public static func days(year: Int, month: Int, day: Int) -> Int32? {
        if year >= commonYears.lowerBound && year < commonYears.upperBound && month >= 1 && month <= 12 && day >= 1 {
            // Table lookups for the years nearly every file holds.
            let leap = year & 3 == 0 && (year % 100 != 0 || year % 400 == 0)
            let before = Int(leap ? leapDaysBeforeMonth[month &- 1] : daysBeforeMonth[month &- 1])
            let length = Int(leap ? leapDaysBeforeMonth[month] : daysBeforeMonth[month]) &- before
            guard day <= length else { return nil }
            return daysBeforeYear[year &- commonYears.lowerBound] &+ Int32(before &+ day &- 1)
        }
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1, day <= daysInMonth(year, month) else {
            return nil
        }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }

    /// The years ``days(year:month:day:)`` looks up in tables.
    static let commonYears = 1800..<2200
    /// Days from 1970-01-01 to January 1 of each of ``commonYears``.
    static let daysBeforeYear: [Int32] = commonYears.map { y in
        let p = y - 1  // whole years before `y` since year 0 (proleptic Gregorian), minus the same for 1970
        return Int32(365 * (y - 1970) + (p / 4 - p / 100 + p / 400) - (1969 / 4 - 1969 / 100 + 1969 / 400))
    }
    /// Days before each month (and, at index 12, in the year), common and leap years.
    static let daysBeforeMonth: [Int16] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]
    static let leapDaysBeforeMonth: [Int16] = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366]

    /// Number of days in `month` of `year`.
    @inline(__always)
    public static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Reads `count` digits at `i` (advancing it); nil when any is not a digit.
    @inline(__always)
    static func digits(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ count: Int) -> Int? {
        guard i + count <= b.count else { return nil }
        var v = 0
        for k in 0..<count {
            let d = b[i + k] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        i += count
        return v
    }

    /// Reads one or two digits at `i`.
    static func oneOrTwoDigits(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
        guard let first = digits(b, &i, 1) else { return nil }
        var j = i
        if let second = digits(b, &j, 1) { i = j; return first * 10 + second }
        return first
    }

    /// `YYYY-MM-DD`.
    @inline(__always)
    public static func parseISODate(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        var i = 0
        guard let y = digits(b, &i, 4) else { return nil }
        i = 5
        guard let m = digits(b, &i, 2) else { return nil }
        i = 8
        guard let d = digits(b, &i, 2) else { return nil }
        return days(year: y, month: m, day: d)
    }

    /// `M/D/YYYY` or `MM/DD/YYYY` (US order).
    @inline(__always)
    public static func parseUSDate(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard b.count >= 8, b.count <= 10, let p = b.baseAddress else { return nil }
        if b.count == 10 && p[2] == 0x2F && p[5] == 0x2F {
            // The common `MM/DD/YYYY` shape, without the general scan.
            let m0 = p[0] &- 0x30, m1 = p[1] &- 0x30, d0 = p[3] &- 0x30, d1 = p[4] &- 0x30
            let y0 = p[6] &- 0x30, y1 = p[7] &- 0x30, y2 = p[8] &- 0x30, y3 = p[9] &- 0x30
            guard m0 < 10, m1 < 10, d0 < 10, d1 < 10, y0 < 10, y1 < 10, y2 < 10, y3 < 10 else { return nil }
            let year = ((Int(y0) * 10 + Int(y1)) * 10 + Int(y2)) * 10 + Int(y3)
            return days(year: year, month: Int(m0) * 10 + Int(m1), day: Int(d0) * 10 + Int(d1))
        }
        return parseShortUSDate(b)
    }

    /// ``parseUSDate(_:)`` for the shapes with one-digit months or days.
    static func parseShortUSDate(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        var i = 0
        guard let m = oneOrTwoDigits(b, &i), i < b.count, b[i] == 0x2F else { return nil }
        i += 1
        guard let d = oneOrTwoDigits(b, &i), i < b.count, b[i] == 0x2F else { return nil }
        i += 1
        guard let y = digits(b, &i, 4), i == b.count else { return nil }
        return days(year: y, month: m, day: d)
    }

    /// An ISO-8601 timestamp `YYYY-MM-DD[T| ]HH:MM[:SS[.f{1,9}]][Z|±HH[:]MM]` as microseconds since the epoch in
    /// UTC (a value without an offset is taken as UTC). Fractions beyond microseconds are truncated.
    public static func parseISOTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard b.count >= 16, b[10] == 0x54 || b[10] == 0x20 || b[10] == 0x74 else { return nil }
        guard let day = parseISODate(UnsafeBufferPointer(rebasing: b[0..<10])) else { return nil }
        var i = 11
        guard let hh = digits(b, &i, 2), i < b.count, b[i] == 0x3A else { return nil }
        i += 1
        guard let mm = digits(b, &i, 2) else { return nil }
        var ss = 0
        var micros = 0
        if i < b.count, b[i] == 0x3A {
            i += 1
            guard let s = digits(b, &i, 2) else { return nil }
            ss = s
            if i < b.count, b[i] == 0x2E {
                i += 1
                var n = 0
                while i < b.count, b[i] &- 0x30 < 10 {
                    if n < 6 { micros = micros * 10 + Int(b[i] &- 0x30) }
                    n += 1
                    i += 1
                }
                guard n >= 1, n <= 9 else { return nil }
                for _ in n..<max(n, 6) { micros *= 10 }
            }
        }
        guard hh < 24, mm < 60, ss < 60 else { return nil }
        var offsetSeconds = 0
        if i < b.count {
            if b[i] == 0x5A || b[i] == 0x7A {
                i += 1
            } else if b[i] == 0x2B || b[i] == 0x2D {
                let sign = b[i] == 0x2D ? -1 : 1
                i += 1
                guard let oh = digits(b, &i, 2) else { return nil }
                if i < b.count, b[i] == 0x3A { i += 1 }
                guard let om = digits(b, &i, 2), oh < 24, om < 60 else { return nil }
                offsetSeconds = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        let seconds = Int64(day) * 86_400 + Int64(hh * 3600 + mm * 60 + ss) - Int64(offsetSeconds)
        return seconds * 1_000_000 + Int64(micros)
    }
}

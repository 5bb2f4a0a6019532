/// Human-readable and JSON renderings of ``ParquetValue`` (for `deltactl cat` and diagnostics).
extension ParquetValue {
    /// Text for people: dates `2024-01-31`, timestamps ISO-8601 (`Z` when adjusted to UTC), decimals exact,
    /// binary as hex, lists `[a, b]`, maps `{k: v}`, structs `{name: v}`.
    public var displayText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .uint64(let v): return String(v)
        case .float(let v): return String(v)
        case .double(let v): return String(v)
        case .binary(let b): return "0x" + b.map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        case .string(let s): return s
        case .decimal(let d): return d
        case .date(let days): return CivilTime.date(Int64(days))
        case .time(let v, let unit): return CivilTime.timeOfDay(v, unit: unit)
        case .timestamp(let v, let unit, let utc): return CivilTime.timestamp(v, unit: unit) + (utc ? "Z" : "")
        case .list(let items): return "[" + items.map(\.displayText).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { $0.key.displayText + ": " + $0.value.displayText }.joined(separator: ", ") + "}"
        case .structure(let fields):
            return "{" + fields.map { $0.name + ": " + $0.value.displayText }.joined(separator: ", ") + "}"
        }
    }

    /// JSON text: numbers and booleans bare, decimals as numbers, dates/times/timestamps as ISO strings, binary as
    /// a hex string, non-finite floats as strings, maps as objects (non-string keys rendered as their display text).
    public var jsonText: String {
        switch self {
        case .null: return "null"
        case .bool, .int32, .int64, .uint64, .decimal: return displayText
        case .float(let v): return v.isFinite ? String(v) : JSONText.quote(String(v))
        case .double(let v): return v.isFinite ? String(v) : JSONText.quote(String(v))
        case .binary, .string, .date, .time, .timestamp: return JSONText.quote(displayText)
        case .list(let items): return "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .map(let entries):
            return "{" + entries.map { e in
                let key = e.key.stringValue ?? e.key.displayText
                return JSONText.quote(key) + ":" + e.value.jsonText
            }.joined(separator: ",") + "}"
        case .structure(let fields):
            return "{" + fields.map { JSONText.quote($0.name) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }
}

/// JSON string quoting.
enum JSONText {
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Proleptic Gregorian calendar arithmetic without Foundation.
public enum CivilTime {
    /// (year, month, day) of a day count since 1970-01-01.
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v.magnitude)
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// `YYYY-MM-DD` of a day count since the epoch.
    public static func date(_ days: Int64) -> String {
        let (y, m, d) = civil(fromDays: days)
        return pad(y, 4) + "-" + pad(Int64(m), 2) + "-" + pad(Int64(d), 2)
    }

    static func perSecond(_ unit: TimeUnit) -> (Int64, Int) {
        switch unit {
        case .millis: return (1_000, 3)
        case .micros: return (1_000_000, 6)
        case .nanos: return (1_000_000_000, 9)
        }
    }

    /// `HH:MM:SS[.fraction]` of a time of day.
    public static func timeOfDay(_ value: Int64, unit: TimeUnit) -> String {
        let (scale, digits) = perSecond(unit)
        let fraction = ((value % scale) + scale) % scale
        let seconds = (value - fraction) / scale
        let h = seconds / 3600, mi = (seconds / 60) % 60, s = seconds % 60
        var text = pad(h, 2) + ":" + pad(mi, 2) + ":" + pad(s, 2)
        if fraction != 0 { text += "." + pad(fraction, digits) }
        return text
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]` of an epoch offset.
    public static func timestamp(_ value: Int64, unit: TimeUnit) -> String {
        let (scale, _) = perSecond(unit)
        let perDay = scale * 86_400
        var days = value / perDay
        var rest = value % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        return date(days) + "T" + timeOfDay(rest, unit: unit)
    }
}

import Parquet

/// Converts values read from Parquet (physical names, Parquet types) into the logical JSON form of `cat`
/// (PROTOCOL.md: Column Mapping; issue contract): integers as numbers; float/double as numbers with NaN and
/// infinities as strings; decimal as an exact string; date `YYYY-MM-DD`; timestamp `YYYY-MM-DDTHH:MM:SS.ffffffZ`
/// (timestamp_ntz without `Z`); binary as base64; struct as object; array as array; map as object.
public struct RowConverter: Sendable {
    /// Whether fields are looked up by their column-mapping physical names.
    public let useColumnMapping: Bool

    /// Creates a converter.
    public init(useColumnMapping: Bool) { self.useColumnMapping = useColumnMapping }

    /// The name a logical field has in the data files.
    public func physicalName(_ f: StructField) -> String { useColumnMapping ? (f.physicalNameMetadata ?? f.name) : f.name }

    /// Converts `value` of logical type `type`.
    public func convert(_ value: ParquetValue, _ type: DataType) -> JSONValue {
        switch (type, value) {
        case (_, .null): return .null
        case (.struct(let s), .structure(let fields)):
            return .object(s.fields.map { f in
                let name = physicalName(f)
                let v = fields.first { $0.name == name }?.value ?? .null
                return (f.name, convert(v, f.type))
            })
        case (.array(let e, _), .list(let items)): return .array(items.map { convert($0, e) })
        case (.map(let k, let v, _), .map(let entries)):
            return .object(entries.map { entry in
                let key = convert(entry.key, k)
                let text: String
                if case .string(let s) = key { text = s } else { text = JSONWriter.serialize(key) }
                return (text, convert(entry.value, v))
            })
        // Type widening (PROTOCOL.md: Type Widening): files may hold the narrower type the column once had.
        case (.double, .float(let f)): return scalar(.double(Double(f)))
        case (.double, .int32(let i)): return scalar(.double(Double(i)))
        case (.double, .int64(let i)): return scalar(.double(Double(i)))
        case (.float, .int32(let i)): return scalar(.float(Float(i)))
        case (.decimal(_, let scale), .int32(let i)): return .string(Self.decimalText(String(i), scale: scale))
        case (.decimal(_, let scale), .int64(let i)): return .string(Self.decimalText(String(i), scale: scale))
        case (.decimal(_, let scale), .decimal(let text)): return .string(Self.decimalText(text, scale: scale))
        case (.timestampNtz, .date(let d)), (.timestamp, .date(let d)):
            let utc: Bool
            if case .timestamp = type { utc = true } else { utc = false }
            return .string(DeltaTimestamp.format(micros: Int64(d) * 86_400_000_000, utc: utc))
        case (.timestampNtz, _), (.timestamp, _):
            let utc: Bool
            if case .timestamp = type { utc = true } else { utc = false }
            if let us = micros(value) { return .string(DeltaTimestamp.format(micros: us, utc: utc)) }
            return scalar(value)
        case (.date, .date(let d)): return .string(DeltaTimestamp.format(days: Int64(d)))
        case (.date, .int32(let d)): return .string(DeltaTimestamp.format(days: Int64(d)))
        case (.binary, .binary(let b)): return .string(Base64.encode(b))
        case (.binary, .string(let s)): return .string(Base64.encode(Array(s.utf8)))
        case (.decimal, .decimal(let text)): return .string(text)
        case (.string, .binary(let b)): return .string(String(decoding: b, as: UTF8.self))
        default: return scalar(value)
        }
    }

    /// `text` (an integer or decimal text) with exactly `scale` fraction digits, zero-padded (never rounded).
    static func decimalText(_ text: String, scale: Int) -> String {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let frac = parts.count > 1 ? String(parts[1]) : ""
        guard frac.count < scale else { return text }
        let padded = frac + String(repeating: "0", count: scale - frac.count)
        return scale == 0 ? whole : whole + "." + padded
    }

    private func micros(_ v: ParquetValue) -> Int64? {
        switch v {
        case .timestamp(let t, let unit, _):
            switch unit {
            case .millis: return t.multipliedReportingOverflow(by: 1000).overflow ? nil : t * 1000
            case .micros: return t
            case .nanos: return t >= 0 ? t / 1000 : (t - 999) / 1000
            }
        case .int64(let t): return t
        default: return nil
        }
    }

    /// The JSON form of a scalar without a logical hint.
    public func scalar(_ v: ParquetValue) -> JSONValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int32(let i): return .int(i)
        case .int64(let i): return .int(i)
        case .uint64(let i): return .int(i)
        case .float(let f): return f.isFinite ? .number("\(f)") : .string(f.isNaN ? "NaN" : (f > 0 ? "Infinity" : "-Infinity"))
        case .double(let d): return d.isFinite ? .number("\(d)") : .string(d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity"))
        case .binary(let b): return .string(Base64.encode(b))
        case .string(let s): return .string(s)
        case .decimal(let s): return .string(s)
        case .date(let d): return .string(DeltaTimestamp.format(days: Int64(d)))
        case .time(let t, _): return .int(t)
        case .timestamp: return .string(DeltaTimestamp.format(micros: micros(v) ?? 0, utc: true))
        case .list(let items): return .array(items.map(scalar))
        case .map(let entries):
            return .object(entries.map { e in
                let k = scalar(e.key)
                return (k.stringValue ?? JSONWriter.serialize(k), scalar(e.value))
            })
        case .structure(let fields): return .object(fields.map { ($0.name, scalar($0.value)) })
        }
    }

    /// A partition value (PROTOCOL.md: Partition Value Serialization) as the logical JSON form; nil input is null.
    public func partitionValue(_ text: String?, _ type: DataType) -> JSONValue {
        guard let text else { return .null }
        switch type {
        case .string: return .string(text)
        case .long, .integer, .short, .byte: return Int64(text).map { .int($0) } ?? (text.isEmpty ? .null : .string(text))
        case .boolean: return text.lowercased() == "true" ? .bool(true) : (text.lowercased() == "false" ? .bool(false) : .null)
        case .float, .double:
            guard let d = Double(text) else { return text.isEmpty ? .null : .string(text) }
            return scalar(.double(d))
        case .decimal: return text.isEmpty ? .null : .string(text)
        case .date: return text.isEmpty ? .null : .string(text)
        case .timestamp, .timestampNtz:
            guard let us = DeltaTimestamp.parseMicros(text) else { return text.isEmpty ? .null : .string(text) }
            if case .timestamp = type { return .string(DeltaTimestamp.format(micros: us, utc: true)) }
            return .string(DeltaTimestamp.format(micros: us, utc: false))
        case .binary: return .string(Base64.encode(Array(text.utf8)))
        default: return .string(text)
        }
    }
}

/// Standard base64 with padding.
enum Base64 {
    static let chars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static func encode(_ b: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((b.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < b.count {
            let n = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2])
            out += [chars[Int(n >> 18)], chars[Int(n >> 12 & 63)], chars[Int(n >> 6 & 63)], chars[Int(n & 63)]]
            i += 3
        }
        let rest = b.count - i
        if rest == 1 {
            let n = UInt32(b[i]) << 16
            out += [chars[Int(n >> 18)], chars[Int(n >> 12 & 63)], 61, 61]
        } else if rest == 2 {
            let n = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8
            out += [chars[Int(n >> 18)], chars[Int(n >> 12 & 63)], chars[Int(n >> 6 & 63)], 61]
        }
        return String(decoding: out, as: UTF8.self)
    }
}

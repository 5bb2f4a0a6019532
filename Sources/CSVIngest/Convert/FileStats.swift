import DeltaLog
import Parquet

/// Delta per-file statistics (PROTOCOL.md: Per-file Statistics) from the Parquet writer's column statistics:
/// `numRecords`, `minValues`, `maxValues`, `nullCount`, keyed by physical column names. Pure.
public enum FileStats {
    /// Strings longer than this many characters get a prefix as min and no max (a prefix is a lower bound but
    /// not an upper one), as Spark's `dataSkippingStringPrefixLength` of 32.
    public static let stringPrefixLength = 32

    /// The stats JSON string for a file of `numRecords` rows whose columns have `statistics`.
    public static func json(numRecords: Int64, columns: [(physicalName: String, type: DataType, stats: ColumnStatistics)])
        -> String {
        var mins: [(String, JSONValue)] = [], maxs: [(String, JSONValue)] = [], nulls: [(String, JSONValue)] = []
        for c in columns {
            nulls.append((c.physicalName, .int(c.stats.nullCount)))
            if let v = c.stats.min.flatMap({ value($0, type: c.type, isMax: false) }) { mins.append((c.physicalName, v)) }
            if let v = c.stats.max.flatMap({ value($0, type: c.type, isMax: true) }) { maxs.append((c.physicalName, v)) }
        }
        return JSONWriter.serialize(.object([
            ("numRecords", .int(numRecords)), ("minValues", .object(mins)), ("maxValues", .object(maxs)),
            ("nullCount", .object(nulls)),
        ]))
    }

    /// A min or max as Delta writes it: numbers as JSON numbers, dates `YYYY-MM-DD`, timestamps
    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, decimals with their scale; nil where no bound is written (booleans, NaN,
    /// a max of a long string).
    static func value(_ v: StatisticValue, type: DataType, isMax: Bool) -> JSONValue? {
        switch (type, v) {
        case (.string, .bytes(let b)):
            let s = String(decoding: b, as: UTF8.self)
            if s.count <= stringPrefixLength { return .string(s) }
            return isMax ? nil : .string(String(s.prefix(stringPrefixLength)))
        case (.date, .int32(let d)): return .string(ValueFormat.date(d))
        case (.timestamp, .int64(let t)): return .string(ValueFormat.timestampISO(t))
        case (.decimal(_, let s), .int32(let u)): return .number(ValueFormat.decimal(Int128(u), scale: s))
        case (.decimal(_, let s), .int64(let u)): return .number(ValueFormat.decimal(Int128(u), scale: s))
        case (.decimal(_, let s), .bytes(let b)): return .number(ValueFormat.decimal(ValueFormat.int128(bigEndian: b), scale: s))
        case (_, .int32(let i)): return .int(i)
        case (_, .int64(let i)): return .int(i)
        case (_, .double(let d)): return d.isFinite ? .number(ValueFormat.double(d)) : nil
        case (_, .float(let f)): return f.isFinite ? .number(ValueFormat.double(Double(f))) : nil
        default: return nil
        }
    }
}

/// Reads fields of an add action's `stats` JSON string (PROTOCOL.md: Per-file Statistics).
public enum StatsReader {
    /// `numRecords` of a stats string, or nil when absent or not an integer. Writers put it first, which the fast
    /// path reads without parsing the rest; other layouts are parsed in full.
    public static func numRecords(_ stats: String) -> Int64? {
        var copy = stats
        let fast: Int64?? = copy.withUTF8 { fastNumRecords(UnsafeRawBufferPointer($0)) }
        if let fast { return fast }
        guard let value = try? JSONParser.parse(stats) else { return nil }
        return value["numRecords"]?.int64Value
    }

    /// The fast path: `.some(value)` when the text starts with `{"numRecords":`, nil when it must be parsed.
    static func fastNumRecords(_ buf: UnsafeRawBufferPointer) -> Int64?? {
        var s = ByteScanner(buf, from: 0, to: buf.count)
        guard s.consume(0x7b), let k = s.key() else { return nil }
        guard s.equals(k, "numRecords") else { return nil }
        return .some(s.int64())
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

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

    /// The fast path on the still-escaped content of a JSON string holding the stats (as in a commit file):
    /// `.some(value)` when it starts with `{\"numRecords\":` and a number, nil when it must be decoded and parsed.
    static func fastNumRecords(escaped buf: UnsafeRawBufferPointer) -> Int64?? {
        let prefix: StaticString = #"{\"numRecords\":"#
        let n = prefix.utf8CodeUnitCount
        guard buf.count > n, memcmp(buf.baseAddress!, prefix.utf8Start, n) == 0 else { return nil }
        var s = ByteScanner(buf, from: n, to: buf.count)
        let value = s.int64()
        // Only a plain integer followed by `,` or `}` is taken; anything else (escapes, spaces) is parsed in full.
        guard s.i < buf.count, buf[s.i] == 0x2c || buf[s.i] == 0x7d else { return nil }
        return .some(value)
    }
}

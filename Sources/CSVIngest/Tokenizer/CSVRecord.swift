/// One CSV record as the tokenizer produced it: the unescaped bytes of all fields back to back, the end offset of
/// each field, and where each field started (physical line, byte offset). The tokenizer reuses one instance, so a
/// record is valid until the next call to ``CSVTokenizer/nextRecord()``.
public final class CSVRecord {
    /// Unescaped field bytes, concatenated.
    public internal(set) var bytes: [UInt8] = []
    /// `ends[i]` is the offset in `bytes` just past field `i`.
    public internal(set) var ends: [Int] = []
    /// Physical line (1-based) on which each field starts.
    public internal(set) var lines: [Int] = []
    /// Byte offset in the file at which each field starts.
    public internal(set) var offsets: [Int] = []
    /// Whether each field was quoted (a quoted empty field is an empty string, not a missing value).
    public internal(set) var quoted: [Bool] = []

    /// Creates an empty record.
    public init() {
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(64)
        lines.reserveCapacity(64)
        offsets.reserveCapacity(64)
        quoted.reserveCapacity(64)
    }

    /// Number of fields.
    public var count: Int { ends.count }

    /// The physical line on which the record starts.
    public var line: Int { lines.first ?? 0 }

    /// The byte range of field `i` in ``bytes``.
    public func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : ends[i - 1])..<ends[i]
    }

    /// Calls `body` with the bytes of field `i`.
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(i)
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[r]))
        }
    }

    /// Field `i` decoded as a String (the tokenizer has validated UTF-8).
    public func string(_ i: Int) -> String {
        String(decoding: bytes[range(i)], as: UTF8.self)
    }

    /// All fields as Strings.
    public var strings: [String] { (0..<count).map(string) }

    func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        quoted.removeAll(keepingCapacity: true)
    }
}

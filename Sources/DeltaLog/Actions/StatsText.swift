/// An add action's statistics JSON text, held either as a `String` or as a range of a shared byte buffer: the
/// decoded `add.stats` column of a Parquet checkpoint, or the still-escaped JSON string in a commit file's bytes.
/// A log of 100,000s of files thus needs no String per file at load: the text is materialised only when asked
/// for, and ``numRecords`` reads the bytes directly.
@usableFromInline
enum StatsText: Sendable {
    case string(String)
    /// `bytes[start..<end]`, UTF-8 (invalid sequences are repaired when materialised, as `String(decoding:)` does).
    case slice(bytes: [UInt8], start: Int, end: Int)
    /// `bytes[start..<end]` is the content of a JSON string literal (between its quotes) whose escapes, already
    /// checked, are decoded when the text is materialised.
    case escaped(bytes: [UInt8], start: Int, end: Int)

    /// The text.
    var string: String {
        switch self {
        case .string(let s): return s
        case .slice(let bytes, let start, let end):
            return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
        case .escaped(let bytes, let start, let end):
            return bytes.withUnsafeBytes { raw in
                let content = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                return JSONEscapes.decode(content) ?? String(decoding: content, as: UTF8.self)
            }
        }
    }

    /// `numRecords` of the text (see ``StatsReader/numRecords(_:)``), without materialising a slice.
    var numRecords: Int64? {
        switch self {
        case .string(let s): return StatsReader.numRecords(s)
        case .slice(let bytes, let start, let end):
            let fast: Int64?? = bytes.withUnsafeBytes { raw in
                StatsReader.fastNumRecords(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
            }
            if let fast { return fast }
            return StatsReader.numRecords(string)
        case .escaped(let bytes, let start, let end):
            let fast: Int64?? = bytes.withUnsafeBytes { raw in
                StatsReader.fastNumRecords(escaped: UnsafeRawBufferPointer(rebasing: raw[start..<end]))
            }
            if let fast { return fast }
            return StatsReader.numRecords(string)
        }
    }
}

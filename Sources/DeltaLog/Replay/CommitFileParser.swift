#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Parses the bytes of a commit (or JSON checkpoint / compaction) file into actions: newline-delimited JSON, one
/// action per line (PROTOCOL.md: Delta Log Entries). `add` and `remove` lines take the byte fast path; every other
/// line, and any line the fast path declines, goes through the strict ``JSONParser``, whose errors are reported
/// with the file, line and byte offset.
public enum CommitFileParser {
    /// What to do with `commitInfo` lines.
    public enum CommitInfoHandling: Sendable {
        /// Parse them into ``Action/commitInfo(_:)``.
        case parse
        /// Check that they are well-formed JSON objects, and leave them out: log replay needs none of them but
        /// the newest commit's, and building each one's tree is a large share of replay time.
        case validateOnly
    }

    /// Parses every action of `bytes`; `file` names the file in errors. Blank lines are skipped. Adds' stats stay
    /// undecoded slices of `bytes` (which they keep alive) until asked for.
    public static func parse(_ bytes: [UInt8], file: String, commitInfo: CommitInfoHandling = .parse) throws -> [Action] {
        try bytes.withUnsafeBytes { try parse($0, owner: bytes, file: file, commitInfo: commitInfo) }
    }

    /// Parses every action of `buf`; `file` names the file in errors.
    public static func parse(_ buf: UnsafeRawBufferPointer, file: String) throws -> [Action] {
        try parse(buf, owner: nil, file: file, commitInfo: .parse)
    }

    private static func parse(_ buf: UnsafeRawBufferPointer, owner: [UInt8]?, file: String,
                              commitInfo: CommitInfoHandling) throws -> [Action] {
        var actions: [Action] = []
        actions.reserveCapacity(buf.count / 400 + 4)
        var reuse = FileActionFastPath.PartitionValuesReuse()
        var start = 0
        var lineNumber = 0
        let n = buf.count
        let base = buf.baseAddress
        while start < n {
            // memchr: the line scan runs over every byte of the log, a byte loop costs a tenth of replay.
            let end = memchr(base! + start, 0x0a, n - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base!) } ?? n
            lineNumber += 1
            var isBlank = true
            for j in start..<end where !(buf[j] == 0x20 || buf[j] == 0x0d || buf[j] == 0x09) { isBlank = false; break }
            if !isBlank {
                if let fast = FileActionFastPath.parse(buf, start..<end, owner: owner, reuse: &reuse) {
                    actions.append(fast)
                } else if commitInfo == .validateOnly, isCommitInfo(buf, start..<end) {
                    try validateLine(buf, start..<end, file: file, line: lineNumber)
                } else {
                    actions.append(try slowLine(buf, start..<end, file: file, line: lineNumber))
                }
            }
            start = end + 1
        }
        return actions
    }

    /// Whether the line is written `{"commitInfo":{` (the way every writer writes it; other spellings are parsed).
    private static func isCommitInfo(_ buf: UnsafeRawBufferPointer, _ r: Range<Int>) -> Bool {
        let prefix: StaticString = #"{"commitInfo":{"#
        let n = prefix.utf8CodeUnitCount
        guard r.count > n else { return false }
        let p = prefix.utf8Start
        for k in 0..<n where buf[r.lowerBound + k] != p[k] { return false }
        return true
    }

    private static func validateLine(_ buf: UnsafeRawBufferPointer, _ r: Range<Int>, file: String, line: Int) throws {
        do { try JSONParser.validate(UnsafeRawBufferPointer(rebasing: buf[r])) } catch let e as JSONParseError {
            throw DeltaError.malformedLog(file: file, line: line, byteOffset: r.lowerBound + e.byteOffset, reason: e.reason)
        }
    }

    private static func slowLine(_ buf: UnsafeRawBufferPointer, _ r: Range<Int>, file: String, line: Int) throws -> Action {
        let json: JSONValue
        do { json = try JSONParser.parse(UnsafeRawBufferPointer(rebasing: buf[r])) } catch let e as JSONParseError {
            throw DeltaError.malformedLog(file: file, line: line, byteOffset: r.lowerBound + e.byteOffset, reason: e.reason)
        }
        return try Action(json: json, file: file, line: line)
    }
}

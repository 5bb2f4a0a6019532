/// Parses the bytes of a commit (or JSON checkpoint / compaction) file into actions: newline-delimited JSON, one
/// action per line (PROTOCOL.md: Delta Log Entries). `add` and `remove` lines take the byte fast path; every other
/// line, and any line the fast path declines, goes through the strict ``JSONParser``, whose errors are reported
/// with the file, line and byte offset.
public enum CommitFileParser {
    /// Parses every action of `bytes`; `file` names the file in errors. Blank lines are skipped.
    public static func parse(_ bytes: [UInt8], file: String) throws -> [Action] {
        try bytes.withUnsafeBytes { try parse($0, file: file) }
    }

    /// Parses every action of `buf`; `file` names the file in errors.
    public static func parse(_ buf: UnsafeRawBufferPointer, file: String) throws -> [Action] {
        var actions: [Action] = []
        actions.reserveCapacity(buf.count / 400 + 4)
        var start = 0
        var lineNumber = 0
        let n = buf.count
        while start < n {
            var end = start
            while end < n && buf[end] != 0x0a { end += 1 }
            lineNumber += 1
            var isBlank = true
            for j in start..<end where !(buf[j] == 0x20 || buf[j] == 0x0d || buf[j] == 0x09) { isBlank = false; break }
            if !isBlank {
                if let fast = FileActionFastPath.parse(buf, start..<end) {
                    actions.append(fast)
                } else {
                    actions.append(try slowLine(buf, start..<end, file: file, line: lineNumber))
                }
            }
            start = end + 1
        }
        return actions
    }

    private static func slowLine(_ buf: UnsafeRawBufferPointer, _ r: Range<Int>, file: String, line: Int) throws -> Action {
        let json: JSONValue
        do { json = try JSONParser.parse(UnsafeRawBufferPointer(rebasing: buf[r])) } catch let e as JSONParseError {
            throw DeltaError.malformedLog(file: file, line: line, byteOffset: r.lowerBound + e.byteOffset, reason: e.reason)
        }
        return try Action(json: json, file: file, line: line)
    }
}

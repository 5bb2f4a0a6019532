/// Encoding and decoding of a whole commit file: newline-delimited JSON, one action per line.
public enum CommitFile {
    /// Decodes every non-empty line of a commit file into an action; errors name the file and line.
    public static func decode(_ bytes: [UInt8], file: String) throws -> [Action] {
        var actions: [Action] = []
        var lineStart = 0
        var lineNumber = 1
        let n = bytes.count
        while lineStart < n {
            var end = lineStart
            while end < n && bytes[end] != 0x0A { end += 1 }
            var trimmedEnd = end
            if trimmedEnd > lineStart && bytes[trimmedEnd - 1] == 0x0D { trimmedEnd -= 1 }
            if bytes[lineStart..<trimmedEnd].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                let value: JSONValue
                do {
                    value = try bytes.withUnsafeBytes { raw in
                        try JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[lineStart..<trimmedEnd]))
                    }
                } catch let e as JSONParseError {
                    throw DeltaError.malformedLog(file: file, line: lineNumber, byteOffset: lineStart + e.byteOffset, reason: e.reason)
                }
                actions.append(try Action(json: value, file: file, line: lineNumber))
            }
            lineStart = end + 1
            lineNumber += 1
        }
        return actions
    }

    /// Encodes actions as a commit file: one compact JSON line each, joined by newlines.
    public static func encode(_ actions: [Action]) -> [UInt8] {
        var text = ""
        for (i, action) in actions.enumerated() {
            if i > 0 { text += "\n" }
            JSONWriter.write(action.json, into: &text)
        }
        return Array(text.utf8)
    }
}

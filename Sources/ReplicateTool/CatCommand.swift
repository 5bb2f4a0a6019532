import ArgumentParser
import DeltaLog

/// `deltactl cat TABLE [--version N | --timestamp TS] [--format jsonl|csv] [--columns a,b] [--limit K]`.
struct CatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print the table's rows (column mapping and deletion vectors applied, partition columns included).")

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, json, csv
    }

    @OptionGroup var options: ReadTableOptions

    @Option(name: .long, help: "Output format: jsonl (one JSON object per row; 'json' is the same) or csv.")
    var format: Format = .jsonl

    @Option(name: .long, help: "Comma-separated logical column names to print (default: all).")
    var columns: String?

    @Option(name: .long, help: "Print at most this many rows.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be >= 0") }
    }

    func run() throws {
        let snap = try options.snapshot()
        let names = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: " ") } }
        let scan = try TableScan(table: options.deltaTable, snapshot: snap, columns: names)
        var out = OutputBuffer()
        if format == .csv { out.line(scan.columns.map { CSVText.field($0.name) }.joined(separator: ",")) }
        try scan.forEachRow(limit: limit) { row in
            switch format {
            case .jsonl, .json: out.jsonLine(row)
            case .csv: out.csvLine(row)
            }
        }
        out.flush()
    }
}

/// CSV cells (RFC 4180): null is empty, strings as text, nested values as JSON; quoted when needed.
enum CSVText {
    static func field(_ v: JSONValue) -> String {
        var out = ""
        append(v, into: &out)
        return out
    }

    static func field(_ s: String) -> String {
        var out = ""
        append(s, into: &out)
        return out
    }

    /// Appends the cell of `v` to `out`.
    static func append(_ v: JSONValue, into out: inout String) {
        switch v {
        case .null: break
        case .string(let s): append(s, into: &out)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        default: append(JSONWriter.serialize(v), into: &out)
        }
    }

    /// Appends `s` as a cell: as it is, or quoted with inner quotes doubled when it holds `,`, `"`, CR or LF.
    static func append(_ s: String, into out: inout String) {
        // On the UTF-8 bytes: the four specials are ASCII, and walking Characters cost most of a CSV scan.
        var s = s
        let special = s.withUTF8 { u in u.contains { $0 == 0x2c || $0 == 0x22 || $0 == 0x0a || $0 == 0x0d } }
        guard special else { out += s; return }
        out += "\""
        var start = s.utf8.startIndex
        for i in s.utf8.indices where s.utf8[i] == 0x22 {
            out += s[start...i]  // the quote itself, then doubled below
            out += "\""
            start = s.utf8.index(after: i)
        }
        out += s[start...]
        out += "\""
    }
}

/// Buffers stdout lines and writes them in large chunks.
struct OutputBuffer {
    private var text = ""
    mutating func line(_ s: String) {
        text += s
        endLine()
    }

    /// Appends one row as a JSON object line.
    mutating func jsonLine(_ row: [(String, JSONValue)]) {
        JSONWriter.write(.object(row), into: &text)
        endLine()
    }

    /// Appends one row as a CSV line.
    mutating func csvLine(_ row: [(String, JSONValue)]) {
        for k in row.indices {
            if k > 0 { text += "," }
            CSVText.append(row[k].1, into: &text)
        }
        endLine()
    }

    private mutating func endLine() {
        text += "\n"
        if text.utf8.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        print(text, terminator: "")
        text = ""
    }
}

extension String {
    func trimmingCharacters(in c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s.removeFirst() }
        while s.last == c { s.removeLast() }
        return String(s)
    }

}

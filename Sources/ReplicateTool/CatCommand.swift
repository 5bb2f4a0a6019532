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
            case .jsonl, .json: out.line(JSONWriter.serialize(.object(row)))
            case .csv: out.line(row.map { CSVText.field($0.1) }.joined(separator: ","))
            }
        }
        out.flush()
    }
}

/// CSV cells (RFC 4180): null is empty, strings as text, nested values as JSON; quoted when needed.
enum CSVText {
    static func field(_ v: JSONValue) -> String {
        switch v {
        case .null: return ""
        case .string(let s): return field(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        default: return field(JSONWriter.serialize(v))
        }
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}

/// Buffers stdout lines and writes them in large chunks.
struct OutputBuffer {
    private var text = ""
    mutating func line(_ s: String) {
        text += s
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

    func replacingAll(_ a: Character, with b: String) -> String {
        var out = ""
        for ch in self { if ch == a { out += b } else { out.append(ch) } }
        return out
    }
}

import ArgumentParser
import DeltaLog
import Storage

/// `deltactl history TABLE [--json] [--limit N]`: one entry per commit, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show the table's commits: version, time, operation, parameters, engine.")

    @Argument(help: "The table's root folder.")
    var table: String

    @Option(name: .long, help: "Show at most this many commits (newest first).")
    var limit: Int?

    @Flag(name: .long, help: "Print a JSON array (keys: version, timestamp, operation, operationParameters, engineInfo).")
    var json = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be >= 0") }
    }

    func run() throws {
        let entries = try DeltaTable(storage: LocalStorage(path: table)).history(limit: limit)
        if json {
            let items: [JSONValue] = entries.map { e in
                .object([("version", .int(e.version.rawValue)), ("timestamp", .int(e.timestamp)),
                         ("operation", e.operation.map { .string($0) } ?? .null),
                         ("operationParameters", e.operationParameters ?? .null),
                         ("engineInfo", e.engineInfo.map { .string($0) } ?? .null)])
            }
            print(JSONWriter.serialize(.array(items)))
            return
        }
        for e in entries {
            var line = "\(e.version)\t\(DeltaTimestamp.format(millis: e.timestamp))\t\(e.operation ?? "-")"
            if let p = e.operationParameters, case .object(let m) = p, !m.isEmpty { line += "\t" + JSONWriter.serialize(p) }
            if let engine = e.engineInfo { line += "\t" + engine }
            print(line)
        }
    }
}

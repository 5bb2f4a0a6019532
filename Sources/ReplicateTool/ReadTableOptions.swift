import ArgumentParser
import DeltaLog
import Storage

/// Flags shared by the read commands: the table and which version to read.
struct ReadTableOptions: ParsableArguments {
    @Argument(help: "The table's root folder.")
    var table: String

    @Option(name: .long, help: "Read this version (time travel).")
    var version: Int64?

    @Option(name: .long, help: "Read the newest version committed at or before this time (2024-05-01T10:00:00Z, or epoch ms).")
    var timestamp: String?

    /// Cross-flag rules. Checked in `snapshot()` rather than `validate()`: ArgumentParser answers a failed
    /// validation that saw `--version` by printing the tool's version and exiting 0.
    func check() throws {
        if version != nil && timestamp != nil { throw ReadOptionsError("give --version or --timestamp, not both") }
        if let version, version < 0 { throw ReadOptionsError("--version must be >= 0") }
        if let timestamp, DeltaTimestamp.parse(timestamp) == nil {
            throw ReadOptionsError("--timestamp '\(timestamp)' is not a date, a date-time or epoch milliseconds")
        }
    }

    /// The opened table.
    var deltaTable: DeltaTable { DeltaTable(storage: LocalStorage(path: table)) }

    /// The snapshot the flags ask for.
    func snapshot() throws -> Snapshot {
        try check()
        let t = deltaTable
        if let timestamp, let ms = DeltaTimestamp.parse(timestamp) { return try t.snapshot(atTimestamp: ms) }
        return try t.snapshot(at: version.map { Version($0) })
    }
}

/// A flag error of the read commands (printed as `Error: <message>`, exit code 1).
struct ReadOptionsError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

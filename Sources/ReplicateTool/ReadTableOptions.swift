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

    func validate() throws {
        if version != nil && timestamp != nil { throw ValidationError("give --version or --timestamp, not both") }
        if let version, version < 0 { throw ValidationError("--version must be >= 0") }
        if let timestamp, DeltaTimestamp.parse(timestamp) == nil {
            throw ValidationError("--timestamp '\(timestamp)' is not a date, a date-time or epoch milliseconds")
        }
    }

    /// The opened table.
    var deltaTable: DeltaTable { DeltaTable(storage: LocalStorage(path: table)) }

    /// The snapshot the flags ask for.
    func snapshot() throws -> Snapshot {
        let t = deltaTable
        if let timestamp, let ms = DeltaTimestamp.parse(timestamp) { return try t.snapshot(atTimestamp: ms) }
        return try t.snapshot(at: version.map { Version($0) })
    }
}

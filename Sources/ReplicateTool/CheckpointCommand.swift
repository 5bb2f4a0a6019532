import ArgumentParser
import DeltaLog
import Storage

/// `deltactl checkpoint TABLE [--version N] [--cleanup]`: writes a classic Parquet checkpoint and `_last_checkpoint`.
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Write a Parquet checkpoint of a table version (and update _delta_log/_last_checkpoint).")

    @Argument(help: "The table's root folder.")
    var table: String

    @Option(name: .long, help: "Checkpoint this version (default: the latest).")
    var version: Int64?

    @Option(name: .long, help: "Split into parts of at most this many actions (default 1000000).")
    var partSize: Int = 1_000_000

    @Flag(name: .long, help: "Afterwards, delete log files older than delta.logRetentionDuration that the newest expired checkpoint makes unnecessary.")
    var cleanup = false

    func validate() throws {
        if let version, version < 0 { throw ValidationError("--version must be >= 0") }
        if partSize < 1 { throw ValidationError("--part-size must be >= 1") }
    }

    func run() throws {
        let storage = LocalStorage(path: table)
        let writer = CheckpointWriter(storage: storage, maxActionsPerPart: partSize)
        let record = try writer.checkpoint(version: version.map { Version($0) })
        var line = "checkpoint of version \(record.version): \(record.size) actions, \(record.numOfAddFiles ?? 0) files"
        line += ", \(record.sizeInBytes ?? 0) bytes" + (record.parts.map { " in \($0) parts" } ?? "")
        print(line)
        if cleanup {
            let snapshot = try DeltaTable(storage: storage).snapshot()
            let plan = try LogCleanup.run(storage: storage, configuration: snapshot.metadata.configuration,
                                          nowMillis: writer.nowMillis)
            print("cleanup: deleted \(plan.deletions.count) expired log files" + (plan.boundary.map { " before version \($0)" } ?? ""))
        }
    }
}

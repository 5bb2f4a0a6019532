import ArgumentParser
import DeltaLog
import Replication

/// `deltactl check TABLE [--version N] [--json] [--parallel K]`: one table's integrity; exits 0 only when sound.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a table's integrity: files and sizes, checkpoints against commits, Parquet footers, row counts, deletion vectors, unsafe paths.")

    @Argument(help: "The table (a path or file:// URI).") var table: String
    @Option(name: .long, help: "The version to check (default: the latest).") var version: Int64?
    @Option(name: .long, help: "Concurrent footer and deletion-vector reads.") var parallel = 8
    @Flag(name: .long, help: "Print a machine-readable report (ok, version, filesChecked, bytes, problems).") var json = false

    func run() throws {
        // Checked here, not in validate(): a failed validation that saw --version prints the tool's version.
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        if let version, version < 0 { throw ReadOptionsError("--version must be >= 0") }
        let report: TableCheckReport
        do {
            report = try TableCheck(storage: try StorageLocation.open(table), version: version, parallelism: parallel).run()
        } catch {
            throw ReplicationCommandFailure(message: "deltactl check: \(table): \(error)")
        }
        print(json ? JSONWriter.serialize(report.json) : report.text)
        if !report.ok { throw ExitCode(1) }
    }
}

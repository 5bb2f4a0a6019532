import ArgumentParser
import DeltaLog
import Foundation
import Replication

/// `deltactl replicate SRC DST [--version N] [--dry-run] [--parallel K] [--no-sync] [--json]`: copies a table
/// file-for-file up to a version, incrementally and safely (see the Replication module).
struct ReplicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replicate",
        abstract: "Replicate a Delta table file-for-file (history included) up to a version.")

    @Argument(help: "The source table (a path or file:// URI).") var source: String
    @Argument(help: "The replica (a path or file:// URI).") var target: String
    @Option(name: .long, help: "The version to replicate up to (default: the source's latest).") var version: Int64?
    @Flag(name: .long, help: "Print the plan without writing anything.") var dryRun = false
    @Option(name: .long, help: "Concurrent file copies.") var parallel = 8
    @Flag(name: .long, help: ArgumentHelp(
        "Do not flush the replica to disk (no fsync): as fast as cp.",
        discussion: """
            The replica is still published in order (a killed run leaves a readable replica and the next run \
            finishes it), but an operating-system crash or power loss shortly after may lose or damage recent \
            files. Use it for replicas you can redo; by default every file is durable before the log names it.
            """)) var noSync = false
    @Flag(name: .long, help: "Print a machine-readable report.") var json = false

    func run() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        var options = ReplicationOptions()
        options.version = version
        options.dryRun = dryRun
        options.parallelism = parallel
        options.deltactlVersion = DeltactlVersion.string
        let tty = isatty(2) == 1
        if tty {
            options.progress = { snapshot in
                FileHandle.standardError.write(Data(("\r\u{1B}[2K" + snapshot.line).utf8))
            }
        }
        do {
            let replica = try StorageLocation.open(target, flush: noSync ? .never : .always)
            let report = try Replicator(source: try StorageLocation.open(source), target: replica,
                                        options: options).run()
            if tty && report.dataCopied.files > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
            print(json ? JSONWriter.serialize(report.json) : report.text)
        } catch let error as ReplicationError {
            if tty { FileHandle.standardError.write(Data("\n".utf8)) }
            var message = "deltactl replicate: \(error)"
            if case .storage = error { message += " (replicating \(source) to \(target))" }
            throw ReplicationCommandFailure(message: message)
        }
    }
}

/// An error whose description is the message printed on stderr; exits non-zero.
struct ReplicationCommandFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

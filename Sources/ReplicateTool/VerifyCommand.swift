import ArgumentParser
import DeltaLog
import Foundation
import Replication

/// `deltactl verify SRC DST [--version N] [--json]`: exits 0 only when the replica matches the source.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that a replica matches its source: log bytes, file checksums, schema and row counts.")

    @Argument(help: "The source table (a path or file:// URI).") var source: String
    @Argument(help: "The replica (a path or file:// URI).") var target: String
    @Option(name: .long, help: "The version to verify up to (default: the replica's latest).") var version: Int64?
    @Option(name: .long, help: "Concurrent hashing jobs.") var parallel = 8
    @Option(name: .long, help: ArgumentHelp(
        "The checksum data files are compared by: crc32c (fast) or sha256 (also resists crafted collisions).",
        valueName: "crc32c|sha256")) var checksum: VerificationChecksum = .crc32c
    @Flag(name: .long, help: "Print a machine-readable report.") var json = false

    func run() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        let report: VerificationReport
        do {
            report = try Verifier(source: try StorageLocation.open(source), replica: try StorageLocation.open(target),
                                  version: version, parallelism: parallel, checksum: checksum).run()
        } catch let error as ReplicationError {
            var message = "deltactl verify: \(error)"
            if case .storage = error { message += " (verifying \(target) against \(source))" }
            throw ReplicationCommandFailure(message: message)
        }
        print(json ? JSONWriter.serialize(report.json) : report.text)
        if !report.ok { throw ExitCode(1) }
    }
}

extension VerificationChecksum: ExpressibleByArgument {}

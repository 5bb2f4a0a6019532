import Foundation
import Testing
import TestSupport

/// Runs the real `deltactl` binary and checks how it fails.
enum CLI {
    /// Runs `deltactl` with `arguments`.
    static func run(_ arguments: [String]) throws -> ProcessResult { try ProcessRunner.deltactl(arguments) }

    /// Whether `deltactl <command>` is implemented (not the "(being built)" placeholder of an unmerged branch).
    static func isBuilt(_ command: String) -> Bool {
        guard let r = try? run([command, "--help"]) else { return false }
        let out = r.stdout + r.stderr
        return !out.contains("(being built)") && !out.contains("not built yet")
    }

    /// Expects a clean failure: non-zero exit, no crash (no signal, no Swift fatal error or backtrace), a message on
    /// stderr (or, with `reportOnStdout`, a report on stdout: `verify`) that mentions each of `mentions`
    /// (case-insensitive).
    static func expectCleanFailure(_ r: ProcessResult, mentions: [String] = [], _ what: String = "",
                                   reportOnStdout: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status != 0, "\(what): expected failure, got exit 0; stdout: \(r.stdout.prefix(400))", sourceLocation: sourceLocation)
        expectNoCrash(r, what, sourceLocation: sourceLocation)
        let message = reportOnStdout ? r.stdout + r.stderr : r.stderr
        #expect(!message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(what): no message on stderr",
                sourceLocation: sourceLocation)
        let err = message.lowercased()
        for m in mentions {
            #expect(err.contains(m.lowercased()), "\(what): the message does not mention '\(m)': \(message.prefix(600))",
                    sourceLocation: sourceLocation)
        }
    }

    /// Expects that the process was not killed by a signal and printed no Swift crash report.
    static func expectNoCrash(_ r: ProcessResult, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status < 128, "\(what): killed by signal \(r.status - 128); stderr: \(r.stderr.prefix(600))",
                sourceLocation: sourceLocation)
        for marker in ["Fatal error", "Stack dump", "💣", "Program crashed", "Illegal instruction"] {
            #expect(!r.stderr.contains(marker), "\(what): crash marker '\(marker)': \(r.stderr.prefix(600))",
                    sourceLocation: sourceLocation)
        }
    }

    /// Expects success (exit 0) and returns stdout.
    @discardableResult
    static func expectSuccess(_ r: ProcessResult, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(r.status == 0, "\(what): exit \(r.status); stderr: \(r.stderr.prefix(600))", sourceLocation: sourceLocation)
        return r.stdout
    }
}

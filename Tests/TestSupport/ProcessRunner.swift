import Foundation

/// The outcome of running a child process.
public struct ProcessResult {
    /// Exit status (or 128 + signal).
    public var status: Int32
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
}

/// Runs child processes for tests that exercise the real binary or a referee.
public enum ProcessRunner {
    /// Runs `executable` with `arguments`, waits, and returns its status and output.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           currentDirectory: String? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        // Drain both pipes concurrently so that a chatty child cannot block.
        var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = outPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(status: status, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs the built `deltactl` binary.
    public static func deltactl(_ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
        try run(ProjectPaths.deltactl, arguments, environment: environment)
    }

    /// Appended to every referee snippet: delta-rs 1.6.6 can abort the interpreter at exit ("terminate called
    /// without an active exception") after it printed its answer; a snippet that ran to its end leaves without the
    /// interpreter's teardown instead.
    static let cleanExit = "\nimport os as _os, sys as _sys\n_sys.stdout.flush(); _sys.stderr.flush(); _os._exit(0)\n"

    /// Runs a Python snippet in the referee venv; `arguments` become `sys.argv[1:]`. Nil when there is no venv.
    public static func python(_ script: String, _ arguments: [String] = []) throws -> ProcessResult? {
        guard let python = ProjectPaths.refereePython else { return nil }
        return try run(python, ["-c", script + cleanExit] + arguments)
    }
}

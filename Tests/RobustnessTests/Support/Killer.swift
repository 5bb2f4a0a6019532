import Foundation
import TestSupport

/// The seeded generator of the crash-injection runs (SplitMix64), so that a failing run can be replayed with its seed.
typealias SeededRandom = SplitMix64

extension SplitMix64 {
    /// The seed of this run: ROBUSTNESS_SEED, or `fallback`.
    static func seed(_ fallback: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["ROBUSTNESS_SEED"].flatMap(UInt64.init) ?? fallback
    }

    /// How many kills per operation: ROBUSTNESS_KILLS, or `fallback` (kept small: the suite must stay fast).
    static func kills(_ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment["ROBUSTNESS_KILLS"].flatMap(Int.init) ?? fallback
    }
}

/// Starts `deltactl` and kills it with SIGKILL after a delay: a crash at an arbitrary point of an operation.
enum Killer {
    /// How a killed run ended.
    enum Outcome: Equatable {
        /// The process finished before the kill with this status.
        case finished(Int32)
        /// SIGKILL landed while it ran.
        case killed
    }

    /// Runs `deltactl arguments`, sending SIGKILL after `delay` seconds unless it finished first.
    static func run(_ arguments: [String], killAfter delay: Double) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ProjectPaths.deltactl)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(delay)
        while p.isRunning && Date() < deadline { usleep(500) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            return p.terminationReason == .uncaughtSignal ? .killed : .finished(p.terminationStatus)
        }
        p.waitUntilExit()
        return p.terminationReason == .uncaughtSignal ? .killed : .finished(p.terminationStatus)
    }

    /// Wall time of an uninterrupted run (seconds), and its status.
    static func time(_ arguments: [String]) throws -> (seconds: Double, result: ProcessResult) {
        let start = Date()
        let r = try ProcessRunner.deltactl(arguments)
        return (Date().timeIntervalSince(start), r)
    }
}

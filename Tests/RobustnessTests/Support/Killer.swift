import Foundation
import TestSupport

/// A seeded generator (SplitMix64), so that a failing crash-injection run can be replayed with its seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    /// Starts from `seed`.
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

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

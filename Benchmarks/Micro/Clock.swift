import Foundation

/// One micro-benchmark: a named closure that processes `bytes` bytes per call.
struct MicroBenchmark {
    /// The name printed in the report.
    let name: String
    /// Bytes of input one call processes (for MB/s).
    let bytes: Int
    /// The measured work; returns a value that depends on the work, so the optimiser cannot drop it.
    let body: () throws -> Int
}

/// Times benchmarks: warm-up call, then repeated calls until `budget` seconds and at least 5 calls.
struct MicroRunner {
    /// Seconds spent per benchmark (after the warm-up).
    let budget: Double

    /// Runs one benchmark and prints one JSON line: name, bytes, iterations, median_s, min_s, mb_s.
    func run(_ b: MicroBenchmark) throws {
        var sink = try b.body()
        var times: [Double] = []
        let clock = ContinuousClock()
        let start = clock.now
        while times.count < 5 || (clock.now - start) < .milliseconds(Int(budget * 1000)) {
            let t0 = clock.now
            sink &+= try b.body()
            let d = clock.now - t0
            times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
            if times.count >= 10_000 { break }
        }
        times.sort()
        let median = times[times.count / 2]
        let mbs = Double(b.bytes) / 1e6 / median
        let name = b.name.replacingOccurrences(of: "\"", with: "'")
        print("{\"name\":\"\(name)\",\"bytes\":\(b.bytes),\"iterations\":\(times.count),"
            + "\"median_s\":\(median),\"min_s\":\(times[0]),\"mb_s\":\(mbs),\"check\":\(sink)}")
        fflush(stdout)
    }
}

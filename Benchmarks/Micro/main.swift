import Foundation

// deltactl micro-benchmarks: prints one JSON line per benchmark (name, bytes, iterations, median_s, mb_s).
// Usage: Micro [--quick] [--filter SUBSTRING]
let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let filter: String? = arguments.firstIndex(of: "--filter").flatMap { i in
    arguments.index(after: i) < arguments.endIndex ? arguments[arguments.index(after: i)] : nil
}
let runner = MicroRunner(budget: quick ? 0.3 : 1.5)
var benchmarks: [MicroBenchmark] = []
benchmarks += JSONBenchmarks.all(commits: quick ? 200 : 1000)
benchmarks += ParquetBenchmarks.all(values: 100_000)
benchmarks += CSVBenchmarks.all(rows: quick ? 20_000 : 200_000)
benchmarks += StorageBenchmarks.all(bytes: 8 << 20)
var failures = 0
for b in benchmarks where filter.map({ b.name.contains($0) }) ?? true {
    do {
        try runner.run(b)
    } catch {
        failures += 1
        FileHandle.standardError.write("\(b.name): \(error)\n".data(using: .utf8) ?? Data())
    }
}
exit(failures == 0 ? 0 : 1)

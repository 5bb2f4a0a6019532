import DeltaLog

/// JSON hot paths of log replay: the generic parser, action decoding, the commit-file fast path and replay.
enum JSONBenchmarks {
    /// Benchmarks over `commits` synthetic commits of 10 adds each.
    static func all(commits: Int) -> [MicroBenchmark] {
        let lines = SyntheticLog.lines(commits: commits, adds: 10)
        let lineBytes = lines.map { Array($0.utf8) }
        let bytes = lineBytes.reduce(0) { $0 + $1.count + 1 }
        // One file's bytes per commit: commitInfo + 10 adds, newline-terminated (as gen_log.py writes them).
        let files: [[UInt8]] = stride(from: 0, to: lines.count, by: 11).map { start in
            Array((lines[start..<min(start + 11, lines.count)].joined(separator: "\n") + "\n").utf8)
        }
        return [
            MicroBenchmark(name: "JSON parse: JSONParser.parse, commit lines", bytes: bytes) {
                var n = 0
                for line in lineBytes {
                    if case .object(let m) = try JSONParser.parse(line) { n &+= m.count }
                }
                return n
            },
            MicroBenchmark(name: "action decode: JSONParser + Action(json:)", bytes: bytes) {
                var n = 0
                for line in lineBytes {
                    if case .add(let add) = try Action(json: try JSONParser.parse(line)) { n &+= Int(add.size) }
                }
                return n
            },
            MicroBenchmark(name: "commit file parse: CommitFileParser (add fast path)", bytes: bytes) {
                var n = 0
                for file in files { n &+= try CommitFileParser.parse(file, file: "bench.json").count }
                return n
            },
            MicroBenchmark(name: "log replay: CommitFileParser + LogReplay.apply", bytes: bytes) {
                var replay = LogReplay()
                for file in files { replay.apply(try CommitFileParser.parse(file, file: "bench.json")) }
                return replay.activeFiles.count
            },
            MicroBenchmark(name: "log replay as snapshots load: commitInfo validated only, + numRecords", bytes: bytes) {
                var replay = LogReplay()
                for file in files {
                    replay.apply(try CommitFileParser.parse(file, file: "bench.json", commitInfo: .validateOnly))
                }
                var rows: Int64 = 0
                for add in replay.activeFiles { rows &+= add.numRecordsFromStats ?? 0 }
                return replay.activeFiles.count &+ Int(truncatingIfNeeded: rows)
            },
        ]
    }
}

import DeltaLog

/// JSON hot paths of log replay: the generic parser and the action decoding on top of it.
enum JSONBenchmarks {
    /// Benchmarks over `commits` synthetic commits of 10 adds each.
    static func all(commits: Int) -> [MicroBenchmark] {
        let lines = SyntheticLog.lines(commits: commits, adds: 10).map { Array($0.utf8) }
        let bytes = lines.reduce(0) { $0 + $1.count + 1 }
        return [
            MicroBenchmark(name: "JSON parse: JSONParser.parse, commit lines", bytes: bytes) {
                var n = 0
                for line in lines {
                    if case .object(let m) = try JSONParser.parse(line) { n &+= m.count }
                }
                return n
            },
            MicroBenchmark(name: "action decode: JSONParser + Action(json:)", bytes: bytes) {
                var n = 0
                for line in lines {
                    if case .add(let add) = try Action(json: try JSONParser.parse(line)) { n &+= Int(add.size) }
                }
                return n
            },
        ]
    }
}

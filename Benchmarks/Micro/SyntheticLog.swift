/// Deterministic Delta commit lines shaped like Benchmarks/benchlib/gen_log.py writes (add actions with a
/// stats JSON string, partition values, commitInfo), made in-process from a seeded generator.
enum SyntheticLog {
    /// A small xorshift generator: the same seed gives the same lines on every machine.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func below(_ n: UInt64) -> UInt64 { next() % n }
        mutating func hex(_ digits: Int) -> String {
            var s = String(next(), radix: 16)
            while s.count < 16 { s = "0" + s }
            return String(s.prefix(digits))
        }
    }

    /// `commits` commits of one commitInfo and `adds` add actions each, as newline-separated lines.
    static func lines(commits: Int, adds: Int, seed: UInt64 = 42) -> [String] {
        var rng = Rng(state: seed | 1)
        var out: [String] = []
        var nextID: UInt64 = 0
        for v in 0..<commits {
            let ts = 1_704_067_200_000 + UInt64(v) * 60_000
            out.append("{\"commitInfo\":{\"timestamp\":\(ts),\"operation\":\"WRITE\",\"operationParameters\":"
                + "{\"mode\":\"Append\",\"partitionBy\":\"[\\\"date\\\"]\"},\"readVersion\":\(max(v - 1, 0)),"
                + "\"isolationLevel\":\"Serializable\",\"isBlindAppend\":true,\"operationMetrics\":{\"numFiles\":"
                + "\"\(adds)\",\"numOutputRows\":\"\(rng.below(50_000))\"},\"engineInfo\":\"Apache-Spark/3.5.1 "
                + "Delta-Lake/3.2.0\",\"txnId\":\"\(rng.hex(8))-\(rng.hex(4))-4\(rng.hex(3))-a\(rng.hex(3))-\(rng.hex(12))\"}}")
            for i in 0..<adds {
                let date = "2024-\(String(format2(1 + (v / 24) % 12)))-\(format2(1 + v % 28))"
                let rows = 500 + rng.below(4500)
                let stats = "{\\\"numRecords\\\":\(rows),\\\"minValues\\\":{\\\"id\\\":\(nextID),\\\"customer\\\":"
                    + "\\\"cust-\(rng.below(1000))\\\",\\\"amount\\\":\(rng.below(10000)).25,\\\"event_time\\\":"
                    + "\\\"2024-01-01T00:00:00.000Z\\\"},\\\"maxValues\\\":{\\\"id\\\":\(nextID + rows - 1),"
                    + "\\\"customer\\\":\\\"cust-\(1000 + rng.below(9000))\\\",\\\"amount\\\":\(rng.below(100000)).5,"
                    + "\\\"event_time\\\":\\\"2024-01-01T01:00:00.000Z\\\"},\\\"nullCount\\\":{\\\"id\\\":0,"
                    + "\\\"customer\\\":\(rng.below(4)),\\\"amount\\\":\(rng.below(10)),\\\"event_time\\\":0}}"
                nextID += rows
                out.append("{\"add\":{\"path\":\"date=\(date)/part-\(format5(i))-\(rng.hex(8))-\(rng.hex(4))-4"
                    + "\(rng.hex(3))-a\(rng.hex(3))-\(rng.hex(12)).c000.snappy.parquet\",\"partitionValues\":"
                    + "{\"date\":\"\(date)\"},\"size\":\(40_000 + rng.below(360_000)),\"modificationTime\":\(ts),"
                    + "\"dataChange\":true,\"stats\":\"\(stats)\"}}")
            }
        }
        return out
    }

    private static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func format5(_ n: Int) -> String { String(repeating: "0", count: max(0, 5 - String(n).count)) + "\(n)" }
}

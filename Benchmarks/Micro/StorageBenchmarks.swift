import Storage

/// Storage hot paths: the CRC-32C that every replicated byte goes through (computed while copying).
enum StorageBenchmarks {
    /// Benchmarks over `bytes` bytes of pseudo-random data in memory.
    static func all(bytes: Int) -> [MicroBenchmark] {
        var rng = SyntheticLog.Rng(state: 11)
        let data = (0..<bytes).map { _ in UInt8(truncatingIfNeeded: rng.below(256)) }
        return [
            MicroBenchmark(name: "CRC-32C: checksum of copied bytes (CPU instructions, 3 streams)", bytes: data.count) {
                Int(CRC32C.checksum(data))
            },
        ]
    }
}

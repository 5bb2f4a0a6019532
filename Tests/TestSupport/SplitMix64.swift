/// A seeded pseudo-random generator (SplitMix64): tests that draw random inputs replay exactly from their seed.
public struct SplitMix64: RandomNumberGenerator {
    /// The generator's state (the seed before the first draw).
    public var state: UInt64

    /// Starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (`next() % n`, as the tests drew before sharing this type).
    public mutating func next(below n: Int) -> Int { Int(next() % UInt64(n)) }
}

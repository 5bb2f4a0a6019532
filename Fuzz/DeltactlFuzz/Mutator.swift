/// Seeded byte-level mutations (flip, insert, delete, duplicate, splice interesting values): the fallback fuzzer
/// used by the replay driver and the robustness tests when libFuzzer is not available.
struct Mutator {
    /// SplitMix64 state.
    struct RNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    var rng: RNG

    init(seed: UInt64) { rng = RNG(state: seed) }

    static let interesting: [[UInt8]] = [[0], [0xff], [0x7f], [0x80], [0xff, 0xff, 0xff, 0xff, 0x0f], [0x22], [0x5c],
                                         [0x0a], [0x2c], Array("PAR1".utf8), Array("{\"add\":".utf8), [0xc3, 0x28]]

    /// One to four random edits of `input`.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !b.isEmpty: b[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            case 1 where !b.isEmpty: b[at] = UInt8.random(in: 0...255, using: &rng)
            case 2 where !b.isEmpty: b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...8, using: &rng)))
            case 3: b.insert(contentsOf: Self.interesting.randomElement(using: &rng) ?? [], at: at)
            case 4 where !b.isEmpty:
                let end = min(b.count, at + Int.random(in: 1...32, using: &rng))
                b.insert(contentsOf: b[at..<end], at: Int.random(in: 0...b.count, using: &rng))
            default: if !b.isEmpty { b.removeLast(Int.random(in: 0...min(b.count, 16), using: &rng)) }
            }
        }
        return b
    }
}

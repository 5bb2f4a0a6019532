import CStorageShims
import Storage
import Testing

/// CRC-32C: published check values, incremental updates, and the CPU-instruction path against the portable one.
@Suite struct CRC32CTests {
    @Test func knownValues() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)  // the standard check value
        #expect(CRC32C.checksum([]) == 0)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)  // RFC 3720 B.4
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.hex(0xAB) == "000000ab" && CRC32C.parse(hex: "e3069283") == 0xE306_9283)
        #expect(CRC32C.parse(hex: "e306928") == nil && CRC32C.parse(hex: "g3069283") == nil)
    }

    @Test func incrementalAndHardwareAgreeWithPortable() {
        var rng = SystemRandomNumberGenerator()
        for length in [1, 7, 8, 9, 63, 64, 65, 4095, 24_575, 24_576, 24_577, 100_001, 1_000_003] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let whole = CRC32C.checksum(bytes)
            let split = Int.random(in: 0...length, using: &rng)
            var c = CRC32C()
            c.update(Array(bytes[..<split]))
            c.update(Array(bytes[split...]))
            #expect(c.value == whole, "length \(length) split at \(split)")
            let portable = bytes.withUnsafeBytes { deltactl_crc32c_portable(0, $0.baseAddress, $0.count) }
            #expect(portable == whole, "length \(length)")
        }
    }
}

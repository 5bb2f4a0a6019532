import CStorageShims

/// A running CRC-32C (Castagnoli): the checksum ext4, iSCSI, S3 (`x-amz-checksum-crc32c`) and GCS keep per object,
/// computed with the CPU's CRC instructions where it has them (several GB/s, far cheaper than a cryptographic
/// digest). It detects accidental damage (truncation, flipped bits, zero-filled blocks); it is not a defence
/// against someone who crafts a colliding file on purpose.
public struct CRC32C: Equatable, Sendable {
    /// The checksum of the bytes seen so far (0 for none).
    public private(set) var value: UInt32 = 0

    /// Starts a checksum.
    public init() {}

    /// Adds bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        value = deltactl_crc32c(value, base, bytes.count)
    }

    /// Adds bytes.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c = CRC32C()
        c.update(bytes)
        return c.value
    }

    /// The checksum as 8 lowercase hex digits (big-endian, as it is usually printed).
    public static func hex(_ value: UInt32) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }

    /// Parses 8 hex digits (nil for anything else).
    public static func parse(hex: String) -> UInt32? {
        guard hex.utf8.count == 8 else { return nil }
        return UInt32(hex, radix: 16)
    }
}

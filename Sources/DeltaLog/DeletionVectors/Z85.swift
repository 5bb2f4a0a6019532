/// Z85 (ZeroMQ Base-85) decoding, as Delta uses for inline deletion vectors and the UUIDs of relative DV paths
/// (PROTOCOL.md: Deletion Vector Descriptor Schema).
public enum Z85 {
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)
    static let table: [Int16] = {
        var t = [Int16](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = Int16(i) }
        return t
    }()

    /// Decodes `text` (a multiple of 5 characters) into 4 bytes per 5 characters, big-endian; nil when invalid.
    public static func decode(_ text: String) -> [UInt8]? {
        let b = Array(text.utf8)
        guard b.count % 5 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(b.count / 5 * 4)
        var i = 0
        while i < b.count {
            var v: UInt64 = 0
            for k in 0..<5 {
                let d = table[Int(b[i + k])]
                guard d >= 0 else { return nil }
                v = v * 85 + UInt64(d)
            }
            guard v <= UInt64(UInt32.max) else { return nil }
            out.append(UInt8(v >> 24)); out.append(UInt8(v >> 16 & 0xff)); out.append(UInt8(v >> 8 & 0xff)); out.append(UInt8(v & 0xff))
            i += 5
        }
        return out
    }
}

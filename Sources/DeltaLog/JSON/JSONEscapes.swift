/// Decoding of the escapes in a JSON string's raw content (RFC 8259 section 7), shared by the strict
/// ``JSONParser``, the commit fast path (``ByteScanner``) and statistics kept undecoded (``StatsText``).
enum JSONEscapes {
    /// The text of `raw`, the bytes between a string's quotes, with its escapes decoded into one String
    /// allocation; nil when an escape is malformed (bad letter, bad hex, unpaired surrogate, or cut off).
    static func decode(_ raw: UnsafeRawBufferPointer) -> String? {
        let end = raw.count
        var ok = true
        let text = String(unsafeUninitializedCapacity: end) { out in
            var n = 0
            @inline(__always) func put(_ byte: UInt8) { out[n] = byte; n += 1 }
            var k = 0
            while k < end {
                let c = raw[k]
                if c != 0x5c { put(c); k += 1; continue }
                guard k + 1 < end else { ok = false; return 0 }
                let e = raw[k + 1]
                k += 2
                switch e {
                case 0x22, 0x5c, 0x2f: put(e)
                case 0x62: put(0x08)
                case 0x66: put(0x0c)
                case 0x6e: put(0x0a)
                case 0x72: put(0x0d)
                case 0x74: put(0x09)
                case 0x75:
                    guard var scalar = hex4(raw, at: k, end: end) else { ok = false; return 0 }
                    k += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard k + 1 < end, raw[k] == 0x5c, raw[k + 1] == 0x75,
                              let low = hex4(raw, at: k + 2, end: end), (0xDC00...0xDFFF).contains(low) else {
                            ok = false; return 0
                        }
                        k += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        ok = false; return 0
                    }
                    guard let u = Unicode.Scalar(scalar) else { ok = false; return 0 }
                    // A \uXXXX escape (6 raw bytes, 12 for a pair) encodes to at most 4 bytes: it fits.
                    UTF8.encode(u) { put($0) }
                default:
                    ok = false; return 0
                }
            }
            return n
        }
        return ok ? text : nil
    }

    /// The length of the well-formed `\uXXXX` escape at `at` (6 bytes, or 12 for a surrogate pair), or nil
    /// when it is malformed (bad hex, unpaired surrogate, cut off before `end`).
    static func unicodeEscapeLength(_ b: UnsafeRawBufferPointer, at: Int, end: Int) -> Int? {
        guard let scalar = hex4(b, at: at + 2, end: end) else { return nil }
        if (0xD800...0xDBFF).contains(scalar) {
            guard at + 7 < end, b[at + 6] == 0x5c, b[at + 7] == 0x75,
                  let low = hex4(b, at: at + 8, end: end), (0xDC00...0xDFFF).contains(low) else { return nil }
            return 12
        }
        return (0xDC00...0xDFFF).contains(scalar) ? nil : 6
    }

    /// Whether `c` is an ASCII hex digit.
    static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    /// The value of 4 hex digits at `at` (before `end`), or nil.
    static func hex4(_ b: UnsafeRawBufferPointer, at: Int, end: Int) -> UInt32? {
        guard at + 4 <= end else { return nil }
        var v: UInt32 = 0
        for j in at..<at + 4 {
            let c = b[j]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }
}

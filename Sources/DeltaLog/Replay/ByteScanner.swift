/// A small forward scanner over the bytes of one JSON line, used by the commit fast path. Every method returns
/// nil (or false) instead of throwing on anything unexpected, so that the caller can fall back to the strict
/// ``JSONParser`` that reports the exact error.
struct ByteScanner {
    let b: UnsafeRawBufferPointer
    var i: Int
    let end: Int

    init(_ b: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        self.b = b
        self.i = start
        self.end = end
    }

    @inline(__always) mutating func skipWhitespace() {
        while i < end {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0d || c == 0x0a { i += 1 } else { return }
        }
    }

    /// Consumes `c` (after whitespace) when it is next.
    @inline(__always) mutating func consume(_ c: UInt8) -> Bool {
        skipWhitespace()
        if i < end && b[i] == c { i += 1; return true }
        return false
    }

    /// Peeks the next non-space byte.
    @inline(__always) mutating func peek() -> UInt8? {
        skipWhitespace()
        return i < end ? b[i] : nil
    }

    /// Consumes the literal `null`.
    mutating func consumeNull() -> Bool {
        skipWhitespace()
        guard i + 4 <= end, b[i] == 0x6e, b[i + 1] == 0x75, b[i + 2] == 0x6c, b[i + 3] == 0x6c else { return false }
        i += 4
        return true
    }

    /// Reads a key without escapes; returns its byte range (the closing quote and colon consumed).
    mutating func key() -> Range<Int>? {
        guard consume(0x22) else { return nil }
        let start = i
        while i < end {
            let c = b[i]
            if c == 0x22 { break }
            if c == 0x5c { return nil }
            i += 1
        }
        guard i < end else { return nil }
        let r = start..<i
        i += 1
        return consume(0x3a) ? r : nil
    }

    /// Whether the bytes in `r` equal `s`.
    @inline(__always) func equals(_ r: Range<Int>, _ s: StaticString) -> Bool {
        guard r.count == s.utf8CodeUnitCount else { return false }
        let p = s.utf8Start
        var k = 0
        for j in r {
            if b[j] != p[k] { return false }
            k += 1
        }
        return true
    }

    /// Reads a JSON string, decoding escapes.
    mutating func string() -> String? {
        guard let (content, escaped) = rawString() else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: b[content])
        return escaped ? JSONEscapes.decode(raw) : String(decoding: raw, as: UTF8.self)
    }

    /// Reads a JSON string without decoding it: the range of its raw content between the quotes, and whether it
    /// has escapes (their form is checked, so that decoding later cannot fail).
    mutating func rawString() -> (content: Range<Int>, escaped: Bool)? {
        guard consume(0x22) else { return nil }
        let start = i
        while i < end {
            let c = b[i]
            if c == 0x22 {
                i += 1
                return (start..<i - 1, false)
            }
            if c == 0x5c { break }
            if c < 0x20 { return nil }
            i += 1
        }
        // Escapes: find the closing quote, checking each escape on the way (so decoding later cannot fail).
        while i < end {
            let c = b[i]
            if c == 0x22 {
                i += 1
                return (start..<i - 1, true)
            }
            if c < 0x20 { return nil }
            if c != 0x5c { i += 1; continue }
            guard i + 1 < end else { return nil }
            switch b[i + 1] {
            case 0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74:
                i += 2
            case 0x75:
                // \uXXXX, and a surrogate pair's two halves, are checked by the shared decoder's rules.
                guard let length = JSONEscapes.unicodeEscapeLength(b, at: i, end: end) else { return nil }
                i += length
            default:
                return nil
            }
        }
        return nil
    }

    /// Reads an integer (no fraction or exponent; anything else returns nil).
    mutating func int64() -> Int64? {
        skipWhitespace()
        var negative = false
        if i < end && b[i] == 0x2d { negative = true; i += 1 }
        let start = i
        var n: Int64 = 0
        while i < end {
            let c = b[i]
            guard c >= 0x30 && c <= 0x39 else { break }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(c - 0x30))
            if o1 || o2 { return nil }
            n = s
            i += 1
        }
        if i == start { return nil }
        if i - start > 1 && b[start] == 0x30 { return nil }  // leading zero: not JSON, let the strict parser say so
        if i < end, b[i] == 0x2e || b[i] == 0x65 || b[i] == 0x45 { return nil }
        return negative ? -n : n
    }

    /// Reads `true` or `false`.
    mutating func bool() -> Bool? {
        skipWhitespace()
        if i + 4 <= end, b[i] == 0x74, b[i + 1] == 0x72, b[i + 2] == 0x75, b[i + 3] == 0x65 { i += 4; return true }
        if i + 5 <= end, b[i] == 0x66, b[i + 1] == 0x61, b[i + 2] == 0x6c, b[i + 3] == 0x73, b[i + 4] == 0x65 {
            i += 5
            return false
        }
        return nil
    }

    /// Reads an object of string (or null) values: `{"k":"v","n":null}`.
    mutating func stringMap() -> [String: String?]? {
        guard consume(0x7b) else { return nil }
        var map: [String: String?] = [:]
        if consume(0x7d) { return map }
        repeat {
            guard let k = string(), consume(0x3a) else { return nil }
            if consumeNull() { map[k] = .some(nil) } else {
                guard let v = string() else { return nil }
                map[k] = .some(v)
            }
        } while consume(0x2c)
        return consume(0x7d) ? map : nil
    }
}

/// A data-file reference from the log (`add.path`, `remove.path`, a DV's absolute path): a URI, percent-encoded
/// (PROTOCOL.md: Add File and Remove File, "path ... URI"). Decoded exactly once here.
public struct DataFilePath: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The path as written in the log.
    public let uri: String
    /// The percent-decoded form.
    public let decoded: String
    /// Whether the URI is absolute (has a scheme such as `file:` or `s3://`, or starts with `/`).
    public let isAbsolute: Bool

    /// Parses a log path.
    public init(uri: String) {
        self.uri = uri
        self.decoded = Self.percentDecode(uri)
        self.isAbsolute = uri.hasPrefix("/") || Self.hasScheme(uri)
    }

    public var description: String { decoded }

    /// The decoded path relative to the table root, safe for file-system access.
    /// - Throws: `DeltaError.unsafePath` when absolute, empty, or escaping the root with `..`.
    public func relativePath(version: Version? = nil) throws -> String {
        guard !isAbsolute else { throw DeltaError.unsafePath(path: uri, version: version?.rawValue) }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." }) || decoded.contains("\0") {
            throw DeltaError.unsafePath(path: uri, version: version?.rawValue)
        }
        return decoded
    }

    static func hasScheme(_ s: String) -> Bool {
        // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
        var first = true
        for c in s.utf8 {
            if c == UInt8(ascii: ":") { return !first }
            let alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
            let ok = alpha || (!first && ((c >= 48 && c <= 57) || c == 43 || c == 45 || c == 46))
            if !ok { return false }
            first = false
        }
        return false
    }

    /// Decodes `%XX` escapes; a `%` not followed by two hex digits is kept as is.
    public static func percentDecode(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return s }
        let b = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 65...70: return c - 55
            case 97...102: return c - 87
            default: return nil
            }
        }
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

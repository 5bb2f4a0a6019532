import DeltaLog
import Storage

/// Turns paths written in the log into storage paths relative to the table root, refusing any that are
/// absolute or escape the root (PROTOCOL.md: `add.path` is an RFC 2396 URI; Deletion Vectors: storage types).
/// Pure: no I/O.
public enum TablePath {
    /// Decodes a log path (percent-encoded URI reference) into a validated table-relative storage path.
    /// Throws ``ReplicationError/unsafePath(path:version:file:)`` for absolute URIs, absolute paths and `..`.
    public static func resolve(_ logPath: String, version: Int64?, file: String) throws -> String {
        if hasScheme(logPath) || logPath.hasPrefix("/") {
            throw ReplicationError.unsafePath(path: logPath, version: version, file: file)
        }
        guard let decoded = percentDecode(logPath) else {
            throw ReplicationError.unsafePath(path: logPath, version: version, file: file)
        }
        do {
            try StoragePath.validate(decoded)
        } catch {
            throw ReplicationError.unsafePath(path: logPath, version: version, file: file)
        }
        return decoded
    }

    /// The storage path of the file a deletion vector lives in, or nil for inline vectors.
    /// `u`: `<prefix>/deletion_vector_<uuid>.bin` (the last 20 characters are the Z85-encoded UUID);
    /// `p`: an absolute path, refused; `i`: inline, no file.
    public static func deletionVectorFile(_ dv: DeletionVectorDescriptor, version: Int64?, file: String) throws -> String? {
        switch dv.storageType {
        case "i": return nil
        case "u":
            let chars = Array(dv.pathOrInlineDv.utf8)
            guard chars.count >= 20, let bytes = Z85.decode(chars[(chars.count - 20)...]), bytes.count == 16 else {
                throw ReplicationError.malformedLog(file: file, reason: "deletion vector path '\(dv.pathOrInlineDv)' is not a Z85 UUID")
            }
            let prefix = String(decoding: chars[..<(chars.count - 20)], as: UTF8.self)
            let name = "deletion_vector_" + uuidString(bytes) + ".bin"
            let rel = prefix.isEmpty ? name : prefix + "/" + name
            do { try StoragePath.validate(rel) } catch {
                throw ReplicationError.unsafePath(path: rel, version: version, file: file)
            }
            return rel
        case "p":
            throw ReplicationError.unsafePath(path: dv.pathOrInlineDv, version: version, file: file)
        default:
            throw ReplicationError.malformedLog(file: file, reason: "unknown deletion vector storage type '\(dv.storageType)'")
        }
    }

    /// Whether a URI reference starts with a scheme (`s3:`, `file:`, `abfss:`): RFC 3986 `ALPHA *(ALPHA / DIGIT / + - .) ":"`.
    static func hasScheme(_ s: String) -> Bool {
        var first = true
        for c in s.utf8 {
            if c == 58 { return !first }  // ':'
            let alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
            let other = (c >= 48 && c <= 57) || c == 43 || c == 45 || c == 46
            if first { if !alpha { return false } } else if !(alpha || other) { return false }
            first = false
        }
        return false
    }

    /// Decodes `%XX` escapes (UTF-8); nil on a malformed escape or invalid UTF-8.
    public static func percentDecode(_ s: String) -> String? {
        let u = Array(s.utf8)
        guard u.contains(37) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            if u[i] == 37 {
                guard i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) else { return nil }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(u[i]); i += 1
            }
        }
        let text = String(decoding: out, as: UTF8.self)
        return Array(text.utf8) == out ? text : nil
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }

    static func uuidString(_ b: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for (i, byte) in b.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(45) }
            out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Z85 (ZeroMQ base-85) decoding, used by Delta for deletion vector UUIDs.
enum Z85 {
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)
    static let table: [Int16] = {
        var t = [Int16](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = Int16(i) }
        return t
    }()

    /// Decodes a multiple of 5 characters into 4 bytes each; nil on a bad character or length.
    static func decode(_ chars: ArraySlice<UInt8>) -> [UInt8]? {
        guard chars.count % 5 == 0 else { return nil }
        var out: [UInt8] = []
        var value: UInt64 = 0
        var n = 0
        for c in chars {
            let d = table[Int(c)]
            if d < 0 { return nil }
            value = value * 85 + UInt64(d)
            n += 1
            if n == 5 {
                if value > UInt64(UInt32.max) { return nil }
                out += [UInt8(value >> 24 & 255), UInt8(value >> 16 & 255), UInt8(value >> 8 & 255), UInt8(value & 255)]
                value = 0; n = 0
            }
        }
        return out
    }
}

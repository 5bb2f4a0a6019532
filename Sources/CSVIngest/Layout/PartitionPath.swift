/// Hive-style partition folders (`col=value/`) escaped as Spark and Hive escape them
/// (`ExternalCatalogUtils.escapePathName`), and the URI form `add.path` needs (PROTOCOL.md: Add File paths are URIs,
/// so a `%` in a folder name is written `%25`). Pure.
public enum PartitionPath {
    /// The folder name for a null partition value (Hive's default partition).
    public static let nullFolderValue = "__HIVE_DEFAULT_PARTITION__"

    /// Whether Hive escapes the byte in a path segment: control characters, `"#%'*/:=?\` DEL `{[]^`.
    static func needsEscape(_ b: UInt8) -> Bool {
        switch b {
        case 0x01...0x1F, 0x7F: return true
        case UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "'"), UInt8(ascii: "*"),
             UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "\\"),
             UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "^"):
            return true
        default: return false
        }
    }

    /// Hive escaping of one path segment: each escaped ASCII character becomes `%XX` (upper-case hex); other
    /// characters, non-ASCII included, stay as they are.
    public static func escape(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            if needsEscape(b) {
                out.append(UInt8(ascii: "%"))
                out.append(hex(b >> 4))
                out.append(hex(b & 0xF))
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `name=value` with both escaped; a nil (or empty) value is the Hive default partition.
    public static func segment(column: String, value: String?) -> String {
        let v = value.flatMap { $0.isEmpty ? nil : $0 }
        return escape(column) + "=" + (v.map(escape) ?? nullFolderValue)
    }

    /// The relative folder for the partition values, in partition-column order (`a=1/b=x%2Fy`), or "" when the
    /// table is not partitioned.
    public static func folder(_ values: [(column: String, value: String?)]) -> String {
        values.map { segment(column: $0.column, value: $0.value) }.joined(separator: "/")
    }

    /// The URI form of a relative path for `add.path`: bytes outside RFC 3986's unreserved set and `/`, `=`, `@`,
    /// `:`, `+`, `,`, `;`, `$`, `&`, `!`, `(`, `)`, `*`, `'` are percent-encoded (so `%` -> `%25`, space -> `%20`).
    public static func uri(_ relativePath: String) -> String {
        var out = [UInt8]()
        for b in relativePath.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: ":"),
                 UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "$"), UInt8(ascii: "&"),
                 UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "'"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex(b >> 4))
                out.append(hex(b & 0xF))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x41 + n - 10 }
}

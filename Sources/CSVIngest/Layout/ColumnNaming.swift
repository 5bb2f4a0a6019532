/// Delta column-name rules (PROTOCOL.md: Column Mapping): without column mapping a name may not hold a space,
/// comma, semicolon, brace, parenthesis, newline, tab or `=`. Pure functions.
public enum ColumnNaming {
    /// The characters Delta forbids in column names unless column mapping is on.
    public static let forbidden: Set<Character> = [" ", ",", ";", "{", "}", "(", ")", "\n", "\t", "=", "\r\n", "\r"]

    /// Whether `name` needs column mapping to be kept as written.
    public static func needsMapping(_ name: String) -> Bool {
        name.contains { forbidden.contains($0) }
    }

    /// A portable name: every character other than an ASCII letter, digit or `_` becomes `_` (`File No.` ->
    /// `File_No_`); a name starting with a digit gets a leading `_`.
    public static func sanitize(_ name: String) -> String {
        var out = String(name.unicodeScalars.map { s -> Character in
            let v = s.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
            return ok ? Character(s) : "_"
        })
        if out.isEmpty { out = "_" }
        if let f = out.unicodeScalars.first, f.value >= 0x30 && f.value <= 0x39 { out = "_" + out }
        return out
    }

    /// Sanitizes all names, then makes them unique case-insensitively by appending `_2`, `_3`, ...
    public static func sanitizeAll(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            let base = sanitize(name)
            var candidate = base
            var n = 2
            while used.contains(candidate.lowercased()) {
                candidate = "\(base)_\(n)"
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

}

import DeltaLog

/// A `--schema FILE` override: either a Delta schema JSON (`{"type":"struct","fields":[...]}`) or a list of
/// `column:type` lines (`File No.:long`, `Recovery:decimal(12,2)`; `#` starts a comment). The last `:` on a line
/// separates name and type, so names may hold colons. Listed columns take the given type; others are inferred.
public struct SchemaOverride: Equatable, Sendable {
    /// Column name -> type, in file order.
    public var types: [(name: String, type: DataType)]

    /// Parses the override text; throws ``CSVError/invalidOption(_:)`` naming the bad line.
    public init(text: String, file: String = "--schema") throws {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("{") {
            let schema: StructType
            do { schema = try StructType(json: String(trimmed)) } catch {
                throw CSVError.invalidOption("\(file): not a valid Delta schema JSON: \(error)")
            }
            types = schema.fields.map { ($0.name, $0.type) }
        } else {
            var out: [(String, DataType)] = []
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingSpaces
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard let colon = line.lastIndex(of: ":") else {
                    throw CSVError.invalidOption("\(file):\(index + 1): expected 'column:type', got '\(line)'")
                }
                let name = String(line[..<colon]).trimmingSpaces
                let typeName = String(line[line.index(after: colon)...]).trimmingSpaces.lowercased()
                guard !name.isEmpty, let type = Self.type(named: typeName) else {
                    throw CSVError.invalidOption("\(file):\(index + 1): unknown type '\(typeName)' (use string, integer, long, double, decimal(p,s), boolean, date, timestamp)")
                }
                out.append((name, type))
            }
            types = out
        }
        for (name, type) in types where !CSVTypes.isSupported(type) {
            throw CSVError.invalidOption("\(file): column '\(name)' has type \(type), which a CSV value cannot hold")
        }
    }

    /// The Delta type for a name in a `column:type` list (with common aliases: int, bigint, bool, float64, text).
    public static func type(named name: String) -> DataType? {
        switch name {
        case "int", "int32": return .integer
        case "bigint", "int64": return .long
        case "bool": return .boolean
        case "float64", "real": return .double
        case "float32": return .float
        case "text", "varchar": return .string
        default: return DataType(primitiveName: name)
        }
    }

    /// Applies the override to `header`: the listed columns take their types, the others keep `inferred` types.
    /// Throws when a listed column is not in the header.
    public func apply(header: [String], inferred: [ColumnSpec]?, altDate: DateStyle) throws -> [ColumnSpec] {
        var result = inferred ?? header.map { ColumnSpec(name: $0, type: .string) }
        for (name, type) in types {
            guard let i = header.firstIndex(of: name) ?? header.firstIndex(where: { $0.lowercased() == name.lowercased() })
            else {
                throw CSVError.schemaMismatch("--schema names column '\(name)', which the CSV does not have (columns: \(header.joined(separator: ", ")))")
            }
            result[i] = ColumnSpec(name: header[i], type: type, dateStyle: altDate)
        }
        return result
    }

    /// Whether every header column is listed (then no inference pass is needed).
    public func coversAll(_ header: [String]) -> Bool {
        let listed = Set(types.map { $0.name.lowercased() })
        return header.allSatisfy { listed.contains($0.lowercased()) }
    }

    public static func == (a: SchemaOverride, b: SchemaOverride) -> Bool {
        a.types.map(\.name) == b.types.map(\.name) && a.types.map(\.type) == b.types.map(\.type)
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}

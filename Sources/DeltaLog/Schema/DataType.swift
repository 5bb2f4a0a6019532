/// A Delta column type (PROTOCOL.md: Schema Serialization Format). Primitive types serialize as a JSON string
/// (`"long"`, `"decimal(10,2)"`); struct, array and map as JSON objects.
public indirect enum DataType: Equatable, Hashable, Sendable, CustomStringConvertible {
    case string
    case long
    case integer
    case short
    case byte
    case float
    case double
    case boolean
    case binary
    case date
    /// Microseconds since the epoch, adjusted to UTC.
    case timestamp
    /// Microseconds since the epoch, without time zone (`timestamp_ntz`, table feature timestampNtz).
    case timestampNtz
    /// An exact decimal with `precision` digits of which `scale` are after the point.
    case decimal(precision: Int, scale: Int)
    /// The semi-structured `variant` type (table feature variantType); recognised so that gating can name it.
    case variant
    /// A nested struct.
    case `struct`(StructType)
    /// An array; `containsNull` says whether elements may be null.
    case array(elementType: DataType, containsNull: Bool)
    /// A map; `valueContainsNull` says whether values may be null.
    case map(keyType: DataType, valueType: DataType, valueContainsNull: Bool)

    /// The primitive type named `name` (`"long"`, `"decimal(10,2)"`, ...), or nil when the name is not a primitive.
    public init?(primitiveName name: String) {
        switch name {
        case "string": self = .string
        case "long": self = .long
        case "integer": self = .integer
        case "short": self = .short
        case "byte": self = .byte
        case "float": self = .float
        case "double": self = .double
        case "boolean": self = .boolean
        case "binary": self = .binary
        case "date": self = .date
        case "timestamp": self = .timestamp
        case "timestamp_ntz": self = .timestampNtz
        case "variant": self = .variant
        case "decimal": self = .decimal(precision: 10, scale: 0)  // Spark's default for a bare "decimal"
        default:
            guard name.hasPrefix("decimal("), name.hasSuffix(")") else { return nil }
            let inner = name.dropFirst("decimal(".count).dropLast()
            let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: " ") }
            guard parts.count == 2, let p = Int(parts[0]), let s = Int(parts[1]), p >= 1, p <= 38, s >= 0, s <= p
            else { return nil }
            self = .decimal(precision: p, scale: s)
        }
    }

    /// The Spark/Delta name of a primitive type (`long`, `decimal(10,2)`), or nil for struct, array and map.
    public var primitiveName: String? {
        switch self {
        case .string: return "string"
        case .long: return "long"
        case .integer: return "integer"
        case .short: return "short"
        case .byte: return "byte"
        case .float: return "float"
        case .double: return "double"
        case .boolean: return "boolean"
        case .binary: return "binary"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .timestampNtz: return "timestamp_ntz"
        case .variant: return "variant"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .struct, .array, .map: return nil
        }
    }

    /// Whether this is a primitive (non-nested) type.
    public var isPrimitive: Bool { primitiveName != nil }

    /// A short human-readable form: `long`, `array<string>`, `map<string,long>`, `struct<a:long,b:string>`.
    public var description: String {
        switch self {
        case .struct(let s): return "struct<" + s.fields.map { "\($0.name):\($0.type)" }.joined(separator: ",") + ">"
        case .array(let e, _): return "array<\(e)>"
        case .map(let k, let v, _): return "map<\(k),\(v)>"
        default: return primitiveName ?? "?"
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}

/// A JSON value with object key order and number text preserved, so that what deltactl reads it can write back
/// unchanged (commitInfo, unknown fields, domain configurations).
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number, kept as its JSON text (no precision is lost).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// An object as ordered key-value pairs.
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y || Double(x) == Double(y)
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A number value from an integer.
    public static func int<T: BinaryInteger>(_ v: T) -> JSONValue { .number(String(v)) }

    /// The member named `key` of an object, or nil. When a key repeats, the last one wins, as in Spark's
    /// JSON reader (Jackson) and deltactl's byte-level commit parser, so that a line means the same on every path.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.0 == key }?.1
    }

    /// The string, when this is a string.
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    /// The integer, when this is an integral number.
    public var int64Value: Int64? {
        if case .number(let s) = self { return Int64(s) ?? Double(s).flatMap { $0 == $0.rounded() ? Int64(exactly: $0) : nil } }
        return nil
    }
    /// The number as a Double.
    public var doubleValue: Double? { if case .number(let s) = self { return Double(s) }; return nil }
    /// The boolean, when this is a boolean.
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    /// The members, when this is an object.
    public var objectValue: [(String, JSONValue)]? { if case .object(let m) = self { return m }; return nil }
    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    /// Whether this is JSON null.
    public var isNull: Bool { if case .null = self { return true }; return false }
}

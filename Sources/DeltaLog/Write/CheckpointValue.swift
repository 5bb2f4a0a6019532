import Parquet

/// One value of a checkpoint row, shaped like the checkpoint's Parquet schema: a struct is `.group` with one
/// entry per child (in schema order), lists and maps hold their entries. `.null` stands for an absent value.
public indirect enum CheckpointValue: Equatable, Sendable {
    /// An absent value.
    case null
    /// A BOOLEAN.
    case bool(Bool)
    /// An INT32.
    case int32(Int32)
    /// An INT64.
    case int64(Int64)
    /// A FLOAT.
    case float(Float)
    /// A DOUBLE.
    case double(Double)
    /// A UTF-8 BYTE_ARRAY.
    case string(String)
    /// A struct: one value per child field, in schema order.
    case group([CheckpointValue])
    /// A LIST's elements.
    case list([CheckpointValue])
    /// A MAP's entries (string keys), in order.
    case map([(String, CheckpointValue)])

    /// Structural equality.
    public static func == (a: CheckpointValue, b: CheckpointValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int32(let x), .int32(let y)): return x == y
        case (.int64(let x), .int64(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.group(let x), .group(let y)), (.list(let x), .list(let y)): return x == y
        case (.map(let x), .map(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A string or null.
    static func string(_ s: String?) -> CheckpointValue { s.map { .string($0) } ?? .null }
    /// An int64 or null.
    static func int64(_ v: Int64?) -> CheckpointValue { v.map { .int64($0) } ?? .null }
    /// A bool or null.
    static func bool(_ v: Bool?) -> CheckpointValue { v.map { .bool($0) } ?? .null }
    /// A string map (null values kept) or null.
    static func stringMap(_ m: [String: String?]?) -> CheckpointValue {
        guard let m else { return .null }
        return .map(m.keys.sorted().map { k in (k, .string(m[k] ?? nil)) })
    }
}

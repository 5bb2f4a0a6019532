import Parquet

/// One value of a checkpoint row, shaped like the checkpoint's Parquet schema: a struct is `.group` with one
/// entry per child (in schema order), lists and maps hold their entries. `.null` stands for an absent value.
public indirect enum CheckpointValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int32(Int32)
    case int64(Int64)
    case float(Float)
    case double(Double)
    case string(String)
    case group([CheckpointValue])
    case list([CheckpointValue])
    case map([(String, CheckpointValue)])

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

/// Dremel shredding of checkpoint rows into per-leaf definition levels, repetition levels and dense values
/// (Parquet format: nested encoding). Pure; errors name the column.
struct CheckpointShredder {
    /// One leaf column's shredded data.
    struct Leaf {
        var definitionLevels: [UInt8] = []
        var repetitionLevels: [UInt8] = []
        let type: PhysicalType
        var bools: [Bool] = []
        var int32s: [Int32] = []
        var int64s: [Int64] = []
        var floats: [Float] = []
        var doubles: [Double] = []
        var bytes = ByteArrayColumn()

        init(type: PhysicalType) { self.type = type }
    }

    let schema: ParquetSchema
    private(set) var leaves: [Leaf]

    init(schema: ParquetSchema) {
        self.schema = schema
        leaves = schema.columns.map { Leaf(type: $0.physicalType) }
    }

    /// Shreds one row: a value per top-level field.
    mutating func append(row: [CheckpointValue]) throws {
        let fields = schema.root.children
        guard row.count == fields.count else {
            throw DeltaError.invalidCheckpoint(file: "<checkpoint>", reason: "row has \(row.count) fields, schema \(fields.count)")
        }
        for (node, value) in zip(fields, row) { try shred(node, value, def: 0, rep: 0) }
    }

    /// Clears the shredded data (after a row group was written).
    mutating func reset() {
        leaves = schema.columns.map { Leaf(type: $0.physicalType) }
    }

    private mutating func emitNull(_ node: SchemaNode, def: Int, rep: Int) {
        if let i = node.leafIndex {
            leaves[i].definitionLevels.append(UInt8(def))
            leaves[i].repetitionLevels.append(UInt8(rep))
            return
        }
        for child in node.children { emitNull(child, def: def, rep: rep) }
    }

    private mutating func shred(_ node: SchemaNode, _ value: CheckpointValue, def: Int, rep: Int) throws {
        var def = def
        if case .null = value {
            guard node.repetition == .optional else { throw fail(node, "null in a required field") }
            emitNull(node, def: def, rep: rep)
            return
        }
        if node.repetition == .optional { def += 1 }
        if let i = node.leafIndex {
            leaves[i].definitionLevels.append(UInt8(def))
            leaves[i].repetitionLevels.append(UInt8(rep))
            try appendValue(value, to: i, node)
            return
        }
        guard let repeated = node.children.first else { throw fail(node, "empty group") }
        switch value {
        case .group(let children):
            guard children.count == node.children.count else { throw fail(node, "struct arity \(children.count)") }
            for (child, v) in zip(node.children, children) { try shred(child, v, def: def, rep: rep) }
        case .list(let items):
            guard node.isListAnnotated, let element = repeated.children.first else { throw fail(node, "list value for a non-list") }
            if items.isEmpty { emitNull(repeated, def: def, rep: rep); return }
            for (k, item) in items.enumerated() {
                try shred(element, item, def: def + 1, rep: k == 0 ? rep : repeated.maxRepetitionLevel)
            }
        case .map(let entries):
            guard node.isMapAnnotated, repeated.children.count == 2 else { throw fail(node, "map value for a non-map") }
            if entries.isEmpty { emitNull(repeated, def: def, rep: rep); return }
            for (k, (key, v)) in entries.enumerated() {
                let r = k == 0 ? rep : repeated.maxRepetitionLevel
                try shred(repeated.children[0], .string(key), def: def + 1, rep: r)
                try shred(repeated.children[1], v, def: def + 1, rep: r)
            }
        default:
            throw fail(node, "a primitive value for a group")
        }
    }

    private mutating func appendValue(_ value: CheckpointValue, to i: Int, _ node: SchemaNode) throws {
        switch (leaves[i].type, value) {
        case (.boolean, .bool(let v)): leaves[i].bools.append(v)
        case (.int32, .int32(let v)): leaves[i].int32s.append(v)
        case (.int64, .int64(let v)): leaves[i].int64s.append(v)
        case (.float, .float(let v)): leaves[i].floats.append(v)
        case (.double, .double(let v)): leaves[i].doubles.append(v)
        case (.byteArray, .string(let v)): leaves[i].bytes.append(v.utf8)
        default: throw fail(node, "value \(value) does not match the column type")
        }
    }

    private func fail(_ node: SchemaNode, _ reason: String) -> DeltaError {
        .invalidCheckpoint(file: "<checkpoint>", reason: "column \(node.path.joined(separator: ".")): \(reason)")
    }
}

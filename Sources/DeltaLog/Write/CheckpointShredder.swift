import Parquet

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

/// Splits ``ParquetValue`` records into per-leaf levels and values (the Dremel "striping" algorithm) for a schema
/// with structs, standard three-level lists, legacy two-level lists, maps and repeated fields.
///
/// A record is a `.structure` whose fields appear in schema order; fields missing from the value are null (so a
/// Delta checkpoint row may carry only its one non-null action). Lists are `.list`, maps `.map`.
struct RecordShredder {
    let schema: ParquetSchema
    var leaves: [LeafBuffer]

    init(schema: ParquetSchema) {
        self.schema = schema
        leaves = schema.columns.map { LeafBuffer(column: $0) }
    }

    /// Shreds one record.
    mutating func add(_ record: ParquetValue, row: Int) throws {
        guard case .structure(let fields) = record else {
            throw ParquetWriteError.schemaMismatch(column: "<record>", reason: "a record must be a structure, got \(record)")
        }
        try writeFields(of: schema.root, fields, repetition: 0, definition: 0, row: row, path: "")
    }

    private mutating func writeFields(of group: SchemaNode, _ fields: [ParquetField], repetition: Int, definition: Int,
                                      row: Int, path: String) throws {
        var cursor = 0
        for child in group.children {
            var value = ParquetValue.null
            if cursor < fields.count && fields[cursor].name == child.name {
                value = fields[cursor].value
                cursor += 1
            }
            try write(child, value, repetition: repetition, definition: definition, row: row)
        }
        if cursor < fields.count {
            throw ParquetWriteError.schemaMismatch(
                column: path.isEmpty ? fields[cursor].name : path + "." + fields[cursor].name,
                reason: "field not in the schema or out of schema order")
        }
    }

    /// Writes `value` for `node`, whose parent is defined up to `definition`.
    private mutating func write(_ node: SchemaNode, _ value: ParquetValue, repetition: Int, definition: Int, row: Int) throws {
        switch node.repetition {
        case .optional:
            if value.isNull { return writeAbsent(node, repetition: repetition, definition: definition) }
            try writeContent(node, value, repetition: repetition, definition: definition + 1, row: row)
        case .repeated, .vector:
            let items = try occurrences(of: node, value, row: row)
            if items.isEmpty { return writeAbsent(node, repetition: repetition, definition: definition) }
            for (i, item) in items.enumerated() {
                try writeContent(node, item, repetition: i == 0 ? repetition : node.maxRepetitionLevel,
                                 definition: definition + 1, row: row)
            }
        case .required:
            if value.isNull {
                throw ParquetWriteError.invalidValue(column: node.path.joined(separator: "."), row: row,
                                                     reason: "null in a required field")
            }
            try writeContent(node, value, repetition: repetition, definition: definition, row: row)
        }
    }

    private func occurrences(of node: SchemaNode, _ value: ParquetValue, row: Int) throws -> [ParquetValue] {
        switch value {
        case .null: return []
        case .list(let items): return items
        default:
            throw ParquetWriteError.invalidValue(column: node.path.joined(separator: "."), row: row,
                                                 reason: "a repeated field needs a list, got \(value)")
        }
    }

    /// Writes a non-null `value` for `node`, which is defined up to `definition`.
    private mutating func writeContent(_ node: SchemaNode, _ value: ParquetValue, repetition: Int, definition: Int,
                                       row: Int) throws {
        if node.isLeaf {
            guard let leaf = node.leafIndex else { return }
            return try leaves[leaf].append(value, repetition: repetition, row: row)
        }
        let name = node.path.joined(separator: ".")
        if node.isListAnnotated, node.children.count == 1, node.children[0].repetition == .repeated {
            guard let items = value.listValue else {
                throw ParquetWriteError.invalidValue(column: name, row: row, reason: "a LIST field needs a list, got \(value)")
            }
            let repeated = node.children[0]
            if items.isEmpty { return writeAbsent(repeated, repetition: repetition, definition: definition) }
            // Three-level form: the repeated group wraps one element field; two-level: the repeated node is the element.
            let element = !repeated.isLeaf && repeated.children.count == 1 ? repeated.children[0] : nil
            for (i, item) in items.enumerated() {
                let r = i == 0 ? repetition : repeated.maxRepetitionLevel
                if let element {
                    try write(element, item, repetition: r, definition: definition + 1, row: row)
                } else {
                    try writeContent(repeated, item, repetition: r, definition: definition + 1, row: row)
                }
            }
            return
        }
        if node.isMapAnnotated, node.children.count == 1, node.children[0].repetition == .repeated,
           !node.children[0].isLeaf, (1...2).contains(node.children[0].children.count) {
            guard let entries = value.mapEntries else {
                throw ParquetWriteError.invalidValue(column: name, row: row, reason: "a MAP field needs a map, got \(value)")
            }
            let keyValue = node.children[0]
            if entries.isEmpty { return writeAbsent(keyValue, repetition: repetition, definition: definition) }
            for (i, entry) in entries.enumerated() {
                let r = i == 0 ? repetition : keyValue.maxRepetitionLevel
                try write(keyValue.children[0], entry.key, repetition: r, definition: definition + 1, row: row)
                if keyValue.children.count == 2 {
                    try write(keyValue.children[1], entry.value, repetition: r, definition: definition + 1, row: row)
                }
            }
            return
        }
        guard case .structure(let fields) = value else {
            throw ParquetWriteError.invalidValue(column: name, row: row, reason: "a struct field needs a structure, got \(value)")
        }
        try writeFields(of: node, fields, repetition: repetition, definition: definition, row: row, path: name)
    }

    /// Records "absent at this point" for every leaf under `node`.
    private mutating func writeAbsent(_ node: SchemaNode, repetition: Int, definition: Int) {
        if node.isLeaf {
            if let leaf = node.leafIndex { leaves[leaf].appendAbsent(definition: definition, repetition: repetition) }
            return
        }
        for child in node.children { writeAbsent(child, repetition: repetition, definition: definition) }
    }
}

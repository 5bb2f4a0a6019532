/// Turns the levels and values of leaf columns back into nested row values (Dremel record assembly), handling
/// structs, maps, and lists in the standard three-level and the legacy two-level forms.
final class RecordAssembler {
    final class Cursor {
        let data: ColumnChunkData
        let maxDef: Int16
        /// The column's values with logical types applied, converted once up front.
        let converted: [ParquetValue]
        let defs: [Int16]
        let reps: [Int16]
        let slotCount: Int
        var slot = 0
        var value = 0
        init(_ data: ColumnChunkData) {
            self.data = data
            maxDef = Int16(data.descriptor.maxDefinitionLevel)
            converted = LogicalConversion.all(data.values, column: data.descriptor)
            defs = data.definitionLevels
            reps = data.repetitionLevels
            slotCount = data.slotCount
        }
        var atEnd: Bool { slot >= slotCount }
    }

    indirect enum Kind {
        case leaf
        case structure([Node])
        /// A repeated level (R's definition and repetition levels) with its element.
        case list(repDef: Int, repRep: Int, element: Node)
        case map(repDef: Int, repRep: Int, key: Node, value: Node?)
    }

    final class Node {
        let name: String
        let nullable: Bool
        let maxDef: Int
        let kind: Kind
        let leaves: [Int]  // cursor indices under this node
        let column: ColumnDescriptor?
        init(name: String, nullable: Bool, maxDef: Int, kind: Kind, leaves: [Int], column: ColumnDescriptor?) {
            self.name = name
            self.nullable = nullable
            self.maxDef = maxDef
            self.kind = kind
            self.leaves = leaves
            self.column = column
        }
    }

    let fields: [Node]
    let cursors: [Cursor]

    /// `root` is a (possibly projected) schema root whose leaves all have data in `columns` (keyed by leaf index).
    init(root: SchemaNode, columns: [Int: ColumnChunkData]) throws {
        var cursors: [Cursor] = []
        var cursorOf: [Int: Int] = [:]
        func leafCursor(_ node: SchemaNode) throws -> Int {
            guard let index = node.leafIndex, let data = columns[index] else {
                throw ParquetError.columnNotFound(node.path.joined(separator: "."))
            }
            if let c = cursorOf[index] { return c }
            cursors.append(Cursor(data))
            cursorOf[index] = cursors.count - 1
            return cursors.count - 1
        }
        /// Builds a node for a schema node read as a single (non-repeated) value; `forceRequired` is used when a
        /// repeated node stands for the list element itself (legacy two-level lists).
        func build(_ s: SchemaNode, forceRequired: Bool = false) throws -> Node {
            let nullable = !forceRequired && s.repetition == .optional
            if s.isLeaf {
                let c = try leafCursor(s)
                return Node(name: s.name, nullable: nullable, maxDef: s.maxDefinitionLevel, kind: .leaf, leaves: [c],
                            column: cursors[c].data.descriptor)
            }
            var kind: Kind
            if !forceRequired, s.isListAnnotated, s.children.count == 1, s.children[0].repetition == .repeated {
                let r = s.children[0]
                let element: Node
                if r.isLeaf || r.children.count > 1 || r.name == "array" || r.name == s.name + "_tuple" {
                    element = try build(r, forceRequired: true)
                } else {
                    element = try build(r.children[0])
                }
                kind = .list(repDef: r.maxDefinitionLevel, repRep: r.maxRepetitionLevel, element: element)
            } else if !forceRequired, s.isMapAnnotated, s.children.count == 1, s.children[0].repetition == .repeated,
                      !s.children[0].isLeaf, (1...2).contains(s.children[0].children.count) {
                let kv = s.children[0]
                kind = .map(repDef: kv.maxDefinitionLevel, repRep: kv.maxRepetitionLevel, key: try build(kv.children[0]),
                            value: kv.children.count > 1 ? try build(kv.children[1]) : nil)
            } else {
                var children: [Node] = []
                for c in s.children {
                    if c.repetition == .repeated || c.repetition == .vector {
                        // An unannotated repeated field is a list of its (required) values.
                        let element = try build(c, forceRequired: true)
                        children.append(Node(name: c.name, nullable: false, maxDef: c.maxDefinitionLevel - 1,
                                             kind: .list(repDef: c.maxDefinitionLevel, repRep: c.maxRepetitionLevel,
                                                         element: element),
                                             leaves: element.leaves, column: nil))
                    } else {
                        children.append(try build(c))
                    }
                }
                kind = .structure(children)
            }
            let leaves: [Int]
            switch kind {
            case .leaf: leaves = []
            case .structure(let cs): leaves = cs.flatMap(\.leaves)
            case .list(_, _, let e): leaves = e.leaves
            case .map(_, _, let k, let v): leaves = k.leaves + (v?.leaves ?? [])
            }
            guard !leaves.isEmpty else {
                throw ParquetError.outOfSpec(reason: "group \(s.path.joined(separator: ".")) has no leaf columns",
                                             byteOffset: 0)
            }
            return Node(name: s.name, nullable: nullable, maxDef: s.maxDefinitionLevel, kind: kind, leaves: leaves,
                        column: nil)
        }
        let top = SchemaNode(element: SchemaElement(name: root.name, repetitionType: .required,
                                                    numChildren: Int32(root.children.count)),
                             children: root.children)
        guard case .structure(let fields) = try build(top).kind else {
            throw ParquetError.outOfSpec(reason: "schema root is not a group", byteOffset: 0)
        }
        self.fields = fields
        self.cursors = cursors
    }

    func def(_ c: Int) throws -> Int {
        let cur = cursors[c]
        guard !cur.atEnd else {
            throw ParquetError.outOfSpec(reason: "column \(cur.data.descriptor.dottedPath) ran out of levels",
                                         byteOffset: 0)
        }
        return cur.defs.isEmpty ? Int(cur.maxDef) : Int(cur.defs[cur.slot])
    }

    func rep(_ c: Int) -> Int {
        let cur = cursors[c]
        return cur.reps.isEmpty || cur.atEnd ? 0 : Int(cur.reps[cur.slot])
    }

    func skip(_ node: Node) {
        for c in node.leaves { cursors[c].slot += 1 }
    }

    func read(_ node: Node) throws -> ParquetValue {
        if node.nullable, try def(node.leaves[0]) < node.maxDef {
            skip(node)
            return .null
        }
        switch node.kind {
        case .leaf:
            let cur = cursors[node.leaves[0]]
            guard try def(node.leaves[0]) == Int(cur.maxDef), cur.value < cur.converted.count else {
                throw ParquetError.outOfSpec(reason: "column \(cur.data.descriptor.dottedPath): required value missing",
                                             byteOffset: 0)
            }
            let v = cur.converted[cur.value]
            cur.value += 1
            cur.slot += 1
            return v
        case .structure(let children):
            var fields: [ParquetField] = []
            fields.reserveCapacity(children.count)
            for child in children { fields.append(ParquetField(child.name, try read(child))) }
            return .structure(fields)
        case .list(let repDef, let repRep, let element):
            return .list(try repeated(node, repDef: repDef, repRep: repRep) { try read(element) })
        case .map(let repDef, let repRep, let key, let value):
            var entries: [ParquetMapEntry] = []
            _ = try repeated(node, repDef: repDef, repRep: repRep) {
                let k = try read(key)
                let v = try value.map { try read($0) } ?? .null
                entries.append(ParquetMapEntry(key: k, value: v))
                return .null
            }
            return .map(entries)
        }
    }

    func repeated(_ node: Node, repDef: Int, repRep: Int, _ element: () throws -> ParquetValue) throws -> [ParquetValue] {
        let first = node.leaves[0]
        if try def(first) < repDef {
            skip(node)
            return []
        }
        var out: [ParquetValue] = []
        repeat {
            out.append(try element())
        } while !cursors[first].atEnd && rep(first) >= repRep
        return out
    }

    /// Assembles `count` rows, each a `.structure` of the top-level fields.
    func rows(count: Int) throws -> [ParquetValue] {
        var out: [ParquetValue] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            var fields: [ParquetField] = []
            fields.reserveCapacity(self.fields.count)
            for f in self.fields { fields.append(ParquetField(f.name, try read(f))) }
            out.append(.structure(fields))
        }
        for c in cursors where c.slot != c.slotCount {
            throw ParquetError.outOfSpec(reason: "column \(c.data.descriptor.dottedPath) has \(c.data.slotCount - c.slot) "
                                         + "level entries beyond the row group's \(count) rows", byteOffset: 0)
        }
        return out
    }
}

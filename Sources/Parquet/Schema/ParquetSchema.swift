/// A file schema: the tree of fields and its leaf columns with their definition/repetition levels.
public struct ParquetSchema: Sendable, Equatable {
    /// The root group (its children are the top-level fields).
    public private(set) var root: SchemaNode
    /// The leaf columns, in the order of column chunks in each row group.
    public private(set) var columns: [ColumnDescriptor]

    /// Maximum nesting accepted when decoding a footer schema.
    public static let maxDepth = 100

    /// Builds the tree from the footer's flattened depth-first elements.
    public init(elements: [SchemaElement]) throws {
        guard let first = elements.first else {
            throw ParquetError.outOfSpec(reason: "empty schema", byteOffset: 0)
        }
        var index = 1
        func build(_ element: SchemaElement, depth: Int) throws -> SchemaNode {
            guard depth < Self.maxDepth else {
                throw ParquetError.outOfSpec(reason: "schema nested deeper than \(Self.maxDepth)", byteOffset: 0)
            }
            guard let n = element.numChildren else {
                guard element.type != nil else {
                    throw ParquetError.outOfSpec(reason: "schema element \(element.name) has neither type nor children",
                                                 byteOffset: 0)
                }
                return SchemaNode(element: element)
            }
            guard n >= 0, Int(n) <= elements.count - index else {
                throw ParquetError.outOfSpec(reason: "schema element \(element.name) declares \(n) children",
                                             byteOffset: 0)
            }
            var children: [SchemaNode] = []
            children.reserveCapacity(Int(n))
            for _ in 0..<n {
                // Nested children consume elements too, so the count checked above can still run past the end.
                guard index < elements.count else {
                    throw ParquetError.outOfSpec(reason: "schema element \(element.name) declares \(n) children, "
                                                 + "the schema ends first", byteOffset: 0)
                }
                let child = elements[index]
                index += 1
                children.append(try build(child, depth: depth + 1))
            }
            return SchemaNode(element: element, children: children)
        }
        var rootElement = first
        if rootElement.numChildren == nil { rootElement.numChildren = 0 }
        let root = try build(rootElement, depth: 0)
        guard index == elements.count else {
            throw ParquetError.outOfSpec(reason: "schema has \(elements.count - index) elements outside the tree",
                                         byteOffset: 0)
        }
        self.init(root: root)
    }

    /// Builds a schema from top-level fields (the root is named `name`).
    public init(fields: [SchemaNode], name: String = "schema") {
        self.init(root: SchemaNode(element: SchemaElement(name: name, numChildren: Int32(fields.count)),
                                   children: fields))
    }

    /// Builds a schema from a root group, computing levels, paths and leaf indices.
    public init(root: SchemaNode) {
        var columns: [ColumnDescriptor] = []
        func annotate(_ node: inout SchemaNode, def: Int, rep: Int, path: [String]) {
            for i in node.children.indices {
                var child = node.children[i]
                let r = child.repetition
                child.maxDefinitionLevel = def + (r == .required ? 0 : 1)
                child.maxRepetitionLevel = rep + (r == .repeated || r == .vector ? 1 : 0)
                child.path = path + [child.name]
                if child.isLeaf {
                    child.leafIndex = columns.count
                    columns.append(ColumnDescriptor(node: child, index: columns.count))
                } else {
                    annotate(&child, def: child.maxDefinitionLevel, rep: child.maxRepetitionLevel, path: child.path)
                }
                node.children[i] = child
            }
        }
        var root = root
        root.element.numChildren = Int32(root.children.count)
        annotate(&root, def: 0, rep: 0, path: [])
        self.root = root
        self.columns = columns
    }

    /// The flattened depth-first elements for the footer.
    public var elements: [SchemaElement] {
        var out: [SchemaElement] = []
        func walk(_ node: SchemaNode) {
            var e = node.element
            if !node.isLeaf { e.numChildren = Int32(node.children.count) }
            out.append(e)
            for c in node.children { walk(c) }
        }
        walk(root)
        return out
    }

    /// The leaf column with the given path, if any.
    public func column(path: [String]) -> ColumnDescriptor? { columns.first { $0.path == path } }

    /// The leaf column with the given dotted path, if any.
    public func column(named dotted: String) -> ColumnDescriptor? { columns.first { $0.dottedPath == dotted } }

    /// The node at a path of names (top-level field first), if any.
    public func node(path: [String]) -> SchemaNode? {
        var node = root
        for name in path {
            guard let child = node.children.first(where: { $0.name == name }) else { return nil }
            node = child
        }
        return node
    }

    /// Indices of all leaves under the field at `path` (a leaf path gives itself; the empty path gives all).
    public func leafIndices(under path: [String]) -> [Int] {
        columns.filter { $0.path.count >= path.count && Array($0.path.prefix(path.count)) == path }.map(\.index)
    }
}

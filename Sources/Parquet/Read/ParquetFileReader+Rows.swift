extension ParquetSchema {
    /// The schema tree restricted to `columns` (dotted paths of fields at any depth; a field brings its whole
    /// subtree). Throws ``ParquetError/columnNotFound(_:)`` for unknown paths.
    public func projectedRoot(columns: [String]?) throws -> SchemaNode {
        guard let columns else { return root }
        let wanted = columns.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        for (w, text) in zip(wanted, columns) where node(path: w) == nil { throw ParquetError.columnNotFound(text) }
        func prune(_ node: SchemaNode) -> SchemaNode? {
            let keepWhole = wanted.contains { $0.count <= node.path.count && Array(node.path.prefix($0.count)) == $0 }
            if keepWhole { return node }
            guard wanted.contains(where: { $0.count > node.path.count && Array($0.prefix(node.path.count)) == node.path })
            else { return nil }
            var copy = node
            copy.children = node.children.compactMap(prune)
            return copy
        }
        var copy = root
        copy.children = root.children.compactMap(prune)
        return copy
    }
}

extension ParquetFileReader {
    /// Leaf column indices needed for `columns` (dotted field paths; nil means all).
    public func leafIndices(columns: [String]?) throws -> [Int] {
        do {
            let root = try schema.projectedRoot(columns: columns)
            var out: [Int] = []
            func walk(_ n: SchemaNode) {
                if let i = n.leafIndex { out.append(i) }
                n.children.forEach(walk)
            }
            walk(root)
            return out
        } catch {
            throw ParquetError.wrap(error).inFile(path)
        }
    }

    /// Reads the leaf columns of `columns` (dotted field paths; nil means all) in one row group, keyed by leaf index.
    public func readColumns(rowGroup: Int, columns: [String]? = nil) throws -> [Int: ColumnChunkData] {
        var out: [Int: ColumnChunkData] = [:]
        for i in try leafIndices(columns: columns) { out[i] = try readColumn(rowGroup: rowGroup, column: i) }
        return out
    }

    /// Reads one row group as rows: each row is a `.structure` of the selected top-level fields (nested fields
    /// pruned to the selected paths), with logical types applied.
    public func readRows(rowGroup: Int, columns: [String]? = nil) throws -> [ParquetValue] {
        let data = try readColumns(rowGroup: rowGroup, columns: columns)
        do {
            let root = try schema.projectedRoot(columns: columns)
            let rows = Int(clamping: metadata.rowGroups[rowGroup].numRows)
            if root.children.isEmpty { return Array(repeating: .structure([]), count: rows) }
            return try RecordAssembler(root: root, columns: data).rows(count: rows)
        } catch {
            throw ParquetError.wrap(error).inFile(path)
        }
    }

    /// Calls `body` with each row group's rows in turn (memory bounded by one row group).
    public func forEachRowGroup(columns: [String]? = nil, _ body: (_ rowGroup: Int, _ rows: [ParquetValue]) throws -> Void)
        throws {
        for g in 0..<rowGroupCount { try body(g, try readRows(rowGroup: g, columns: columns)) }
    }

    /// Reads all rows of the file (convenient for small files such as checkpoints; use ``forEachRowGroup(columns:_:)``
    /// for large ones).
    public func readRows(columns: [String]? = nil) throws -> [ParquetValue] {
        var out: [ParquetValue] = []
        try forEachRowGroup(columns: columns) { _, rows in out.append(contentsOf: rows) }
        return out
    }
}

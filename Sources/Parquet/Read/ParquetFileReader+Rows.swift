extension ParquetSchema {
    /// The schema tree restricted to `columns` (dotted paths of fields at any depth; a field brings its whole
    /// subtree). Throws ``ParquetError/columnNotFound(_:)`` for unknown paths.
    public func projectedRoot(columns: [String]?) throws -> SchemaNode {
        try projectedRoot(paths: columns?.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) })
    }

    /// The schema tree restricted to fields given as name paths (for names that themselves contain dots).
    public func projectedRoot(paths: [[String]]?) throws -> SchemaNode {
        guard let wanted = paths else { return root }
        for w in wanted where node(path: w) == nil { throw ParquetError.columnNotFound(w.joined(separator: ".")) }
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
        try leafIndices(paths: columns?.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) })
    }

    /// Leaf column indices needed for fields given as name paths (nil means all).
    public func leafIndices(paths: [[String]]?) throws -> [Int] {
        do {
            let root = try schema.projectedRoot(paths: paths)
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
        try readColumns(rowGroup: rowGroup, paths: columns?.map {
            $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        })
    }

    /// Reads the leaf columns of fields given as name paths (nil means all), keyed by leaf index.
    public func readColumns(rowGroup: Int, paths: [[String]]?) throws -> [Int: ColumnChunkData] {
        var out: [Int: ColumnChunkData] = [:]
        for i in try leafIndices(paths: paths) { out[i] = try readColumn(rowGroup: rowGroup, column: i) }
        return out
    }

    /// Reads one row group as rows: each row is a `.structure` of the selected top-level fields (nested fields
    /// pruned to the selected paths, fields in schema order), with logical types applied.
    public func readRows(rowGroup: Int, columns: [String]? = nil) throws -> [ParquetValue] {
        try readRows(rowGroup: rowGroup, paths: columns?.map {
            $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        })
    }

    /// Reads one row group as rows, selecting fields by name paths (for names containing dots).
    public func readRows(rowGroup: Int, paths: [[String]]?) throws -> [ParquetValue] {
        let data = try readColumns(rowGroup: rowGroup, paths: paths)
        do {
            let root = try schema.projectedRoot(paths: paths)
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

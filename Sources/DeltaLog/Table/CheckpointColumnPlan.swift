import Parquet

/// Which leaf columns of a checkpoint file the columnar fast path reads (PROTOCOL.md: Checkpoint Schema), worked
/// out once per file from its Parquet schema. `make` returns nil whenever the schema has a shape the fast path does
/// not reproduce exactly (unknown `add`/`remove` fields, unannotated strings, typed integers, `stats_parsed`
/// without `stats`, ...): the caller then uses the row path, which is the reference semantics.
struct CheckpointColumnPlan {
    /// A string-to-string map field (`partitionValues`, `tags`): its key and value leaves and levels.
    struct MapLeaves {
        var key: Int, value: Int
        /// Definition level at which the map itself is present (non-null).
        var mapDef: Int
        /// Definition level at which a map entry is present.
        var entryDef: Int
    }

    /// A `deletionVector` struct field.
    struct DVLeaves {
        var storageType: Int, pathOrInlineDv: Int, offset: Int?, sizeInBytes: Int, cardinality: Int
        /// Definition level at which the struct is present.
        var def: Int
    }

    /// The `add` or `remove` struct: scalar leaves by field name, maps and deletion vector.
    struct FileLeaves {
        var scalars: [String: Int] = [:]
        var partitionValues: MapLeaves?
        var tags: MapLeaves?
        var deletionVector: DVLeaves?
        /// All leaf indices to read.
        var leaves: [Int] {
            var out = Array(scalars.values)
            for m in [partitionValues, tags].compactMap({ $0 }) { out += [m.key, m.value] }
            if let d = deletionVector {
                out += [d.storageType, d.pathOrInlineDv, d.sizeInBytes, d.cardinality] + (d.offset.map { [$0] } ?? [])
            }
            return out
        }
    }

    /// A top-level action column in schema order: name, definition level at which it is present, and one leaf
    /// whose levels tell whether it is present in a row.
    struct TopLevel { var name: String, def: Int, probe: Int }

    var topLevel: [TopLevel] = []
    var add: FileLeaves?
    var remove: FileLeaves?
    /// Row-path projection (dotted column list, as the row path selects it) of each rare top-level column.
    var rareColumns: [String: [String]] = [:]

    static let addScalars: [String: Kind] = [
        "path": .string, "size": .int, "modificationTime": .int, "dataChange": .bool, "stats": .string,
        "baseRowId": .int, "defaultRowCommitVersion": .int, "clusteringProvider": .string]
    static let removeScalars: [String: Kind] = [
        "path": .string, "deletionTimestamp": .int, "dataChange": .bool, "extendedFileMetadata": .bool,
        "size": .int, "stats": .string, "baseRowId": .int, "defaultRowCommitVersion": .int]

    /// The value kinds the fast path decodes, matching what the row path accepts.
    enum Kind { case string, int, bool }

    static func make(schema: ParquetSchema, actionColumns: [String], projection: [String: [String]]) -> CheckpointColumnPlan? {
        var plan = CheckpointColumnPlan()
        for node in schema.root.children where actionColumns.contains(node.name) {
            guard node.repetition != .repeated, let probe = firstLeaf(node) else { return nil }
            plan.topLevel.append(TopLevel(name: node.name, def: node.maxDefinitionLevel, probe: probe))
            switch node.name {
            case "add":
                guard let leaves = fileLeaves(node, scalars: addScalars, isAdd: true),
                      leaves.scalars["path"] != nil, leaves.scalars["size"] != nil else { return nil }
                plan.add = leaves
            case "remove":
                guard let leaves = fileLeaves(node, scalars: removeScalars, isAdd: false),
                      leaves.scalars["path"] != nil else { return nil }
                plan.remove = leaves
            default:
                plan.rareColumns[node.name] = projection[node.name] ?? [node.name]
            }
        }
        return plan.topLevel.isEmpty ? nil : plan
    }

    private static func firstLeaf(_ node: SchemaNode) -> Int? {
        if let i = node.leafIndex { return i }
        return node.children.first.flatMap(firstLeaf)
    }

    private static func fileLeaves(_ node: SchemaNode, scalars: [String: Kind], isAdd: Bool) -> FileLeaves? {
        guard !node.isLeaf, !node.isMapAnnotated, !node.isListAnnotated else { return nil }
        var out = FileLeaves()
        let names = Set(node.children.map(\.name))
        for c in node.children {
            if c.name == "stats_parsed", isAdd, !names.contains("stats") { return nil }
            if c.name.hasSuffix("_parsed") { continue }
            if let kind = scalars[c.name] {
                guard let leaf = c.leafIndex, c.repetition != .repeated, c.maxRepetitionLevel == 0,
                      matches(c, kind) else { return nil }
                out.scalars[c.name] = leaf
            } else if c.name == "partitionValues" || c.name == "tags" {
                guard let m = mapLeaves(c) else { return nil }
                if c.name == "tags" { out.tags = m } else { out.partitionValues = m }
            } else if c.name == "deletionVector" {
                guard let d = dvLeaves(c) else { return nil }
                out.deletionVector = d
            } else {
                return nil
            }
        }
        return out
    }

    private static func mapLeaves(_ c: SchemaNode) -> MapLeaves? {
        guard c.isMapAnnotated, c.repetition != .repeated, c.maxRepetitionLevel == 0, c.children.count == 1 else { return nil }
        let kv = c.children[0]
        guard kv.repetition == .repeated, !kv.isLeaf, kv.children.count == 2, kv.maxRepetitionLevel == 1 else { return nil }
        let k = kv.children[0], v = kv.children[1]
        guard let ki = k.leafIndex, let vi = v.leafIndex, k.repetition != .repeated, v.repetition != .repeated,
              matches(k, .string), matches(v, .string) else { return nil }
        return MapLeaves(key: ki, value: vi, mapDef: c.maxDefinitionLevel, entryDef: kv.maxDefinitionLevel)
    }

    private static func dvLeaves(_ c: SchemaNode) -> DVLeaves? {
        guard !c.isLeaf, c.repetition != .repeated, c.maxRepetitionLevel == 0, !c.isMapAnnotated, !c.isListAnnotated
        else { return nil }
        func leaf(_ name: String, _ kind: Kind) -> Int?? {
            guard let n = c.children.first(where: { $0.name == name }) else { return .some(nil) }
            guard let i = n.leafIndex, n.repetition != .repeated, matches(n, kind) else { return nil }
            return .some(i)
        }
        guard let st = leaf("storageType", .string), let p = leaf("pathOrInlineDv", .string),
              let off = leaf("offset", .int), let size = leaf("sizeInBytes", .int), let card = leaf("cardinality", .int),
              let st, let p, let size, let card else { return nil }
        return DVLeaves(storageType: st, pathOrInlineDv: p, offset: off, sizeInBytes: size, cardinality: card,
                        def: c.maxDefinitionLevel)
    }

    /// Whether the row path would turn this leaf's values into the kind the decoder expects (see
    /// `ParquetValue` logical conversion): annotated strings, plain or signed-integer INT32/INT64, BOOLEAN.
    private static func matches(_ n: SchemaNode, _ kind: Kind) -> Bool {
        guard n.isLeaf, let type = n.element.type else { return false }
        let logical = n.element.logicalType, converted = n.element.convertedType
        switch kind {
        case .bool: return type == .boolean
        case .string:
            guard type == .byteArray || type == .fixedLenByteArray else { return false }
            switch logical {
            case .string?, .enumeration?, .json?: return true
            case nil: return converted == .utf8 || converted == .enumeration || converted == .json
            default: return false
            }
        case .int:
            guard type == .int32 || type == .int64 else { return false }
            switch logical {
            case .integer(_, true)?: return true
            case nil: return converted == nil
            default: return false
            }
        }
    }
}

import Foundation

/// Enabling column mapping on a new table (PROTOCOL.md: Column Mapping, Writer Requirements): every field, nested
/// ones included, gets a unique `delta.columnMapping.id` and a `delta.columnMapping.physicalName`, and the table
/// records `delta.columnMapping.mode` and `delta.columnMapping.maxColumnId`. Pure.
public enum ColumnMappingAssignment {
    /// Returns `metadata` with column mapping enabled in `mode` ("name" or "id"). Fields that already carry an id
    /// keep it; the others are numbered after the highest id present. Physical names are `col-<uuid>`.
    public static func enable(on metadata: Metadata, mode: String = "name") throws -> Metadata {
        guard mode == "name" || mode == "id" else {
            throw DeltaError.writeRefused(reason: "column mapping mode must be 'name' or 'id', not '\(mode)'")
        }
        let schema = try StructType(json: metadata.schemaString)
        var maxId = Int64(metadata.configuration["delta.columnMapping.maxColumnId"] ?? "") ?? 0
        maxId = max(maxId, highestId(schema))
        let mapped = assign(schema, maxId: &maxId)
        var out = metadata
        out.schemaString = mapped.jsonString
        out.configuration["delta.columnMapping.mode"] = mode
        out.configuration["delta.columnMapping.maxColumnId"] = String(maxId)
        return out
    }

    static func highestId(_ s: StructType) -> Int64 {
        s.fields.reduce(0) { m, f in max(m, f.columnMappingID ?? 0, highestId(in: f.type)) }
    }

    static func highestId(in t: DataType) -> Int64 {
        switch t {
        case .struct(let s): return highestId(s)
        case .array(let e, _): return highestId(in: e)
        case .map(let k, let v, _): return max(highestId(in: k), highestId(in: v))
        default: return 0
        }
    }

    static func assign(_ s: StructType, maxId: inout Int64) -> StructType {
        StructType(s.fields.map { f in
            var f = f
            var meta = f.metadata.objectValue ?? []
            if f.columnMappingID == nil {
                maxId += 1
                meta.append((StructField.columnMappingIDKey, .int(maxId)))
            }
            if f.physicalNameMetadata == nil {
                meta.append((StructField.physicalNameKey, .string("col-" + UUID().uuidString.lowercased())))
            }
            f.metadata = .object(meta)
            f.type = assign(in: f.type, maxId: &maxId)
            return f
        })
    }

    static func assign(in t: DataType, maxId: inout Int64) -> DataType {
        switch t {
        case .struct(let s): return .struct(assign(s, maxId: &maxId))
        case .array(let e, let n): return .array(elementType: assign(in: e, maxId: &maxId), containsNull: n)
        case .map(let k, let v, let n):
            return .map(keyType: assign(in: k, maxId: &maxId), valueType: assign(in: v, maxId: &maxId), valueContainsNull: n)
        default: return t
        }
    }

    /// Whether a schema uses a type that needs a table feature: `timestampNtz` or `variantType`.
    static func featuresNeeded(by schemaString: String) -> [String] {
        guard let schema = try? StructType(json: schemaString) else { return [] }
        var found: Set<String> = []
        func visit(_ t: DataType) {
            switch t {
            case .timestampNtz: found.insert("timestampNtz")
            case .variant: found.insert("variantType")
            case .struct(let s): s.fields.forEach { visit($0.type) }
            case .array(let e, _): visit(e)
            case .map(let k, let v, _): visit(k); visit(v)
            default: break
            }
        }
        schema.fields.forEach { visit($0.type) }
        return found.sorted()
    }
}

extension WriterFeatures {
    /// The protocol a new table with this metadata needs: ``minimumProtocol(for:readerFeatures:writerFeatures:)``
    /// plus the reader-writer features its column types need (timestampNtz). Throws for types deltactl cannot
    /// write (variant).
    public static func protocolForNewTable(_ metadata: Metadata) throws -> ProtocolAction {
        let needed = ColumnMappingAssignment.featuresNeeded(by: metadata.schemaString)
        if needed.contains("variantType") { throw DeltaError.unsupportedFeature("variantType", operation: "create table") }
        return minimumProtocol(for: metadata, readerFeatures: needed)
    }
}

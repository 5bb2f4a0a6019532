/// Checks that a schema is writable: every leaf has a supported physical type with consistent annotations,
/// lists and maps have the standard shapes, names are non-empty.
enum SchemaValidation {
    static func validate(_ schema: ParquetSchema) throws {
        guard !schema.columns.isEmpty else { throw ParquetWriteError.invalidSchema(reason: "the schema has no columns") }
        for child in schema.root.children { try validate(child, path: child.name) }
    }

    private static func validate(_ node: SchemaNode, path: String) throws {
        guard !node.name.isEmpty else { throw ParquetWriteError.invalidSchema(reason: "empty field name under \(path)") }
        if node.isLeaf {
            let e = node.element
            if e.type == .fixedLenByteArray, (e.typeLength ?? 0) <= 0 {
                throw ParquetWriteError.invalidSchema(reason: "\(path): FIXED_LEN_BYTE_ARRAY needs a positive type length")
            }
            if case .decimal(let scale, let precision)? = e.logicalType {
                guard precision >= 1, scale >= 0, scale <= precision else {
                    throw ParquetWriteError.invalidSchema(reason: "\(path): invalid DECIMAL(\(precision), \(scale))")
                }
                let limit: Int32
                switch e.type {
                case .int32?: limit = 9
                case .int64?: limit = 18
                case .fixedLenByteArray?:
                    limit = Int32((Double(8 * Int(e.typeLength ?? 0) - 1) * 0.3010299956639812).rounded(.down))
                default: throw ParquetWriteError.invalidSchema(reason: "\(path): DECIMAL on an unsupported physical type")
                }
                guard precision <= limit else {
                    throw ParquetWriteError.invalidSchema(reason: "\(path): DECIMAL precision \(precision) does not fit its physical type")
                }
            }
            return
        }
        guard !node.children.isEmpty else { throw ParquetWriteError.invalidSchema(reason: "\(path): group without fields") }
        for child in node.children { try validate(child, path: path + "." + child.name) }
    }
}

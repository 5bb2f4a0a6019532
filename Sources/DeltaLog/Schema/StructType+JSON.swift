/// Reading and writing the Delta/Spark schema JSON.
extension StructType {
    /// Parses a schema string (a metaData `schemaString`). Throws `DeltaError.invalidSchema` naming the field.
    public init(json text: String) throws {
        let value: JSONValue
        do { value = try JSONParser.parse(text) } catch {
            throw DeltaError.invalidSchema(reason: "schema string is not valid JSON: \(error)")
        }
        try self.init(jsonValue: value)
    }

    /// Decodes a schema from its parsed JSON (an object with `"type":"struct"`).
    public init(jsonValue value: JSONValue) throws {
        guard case .struct(let s) = try DataType(schemaJSON: value, path: "") else {
            throw DeltaError.invalidSchema(reason: "the top-level schema must be a struct")
        }
        self = s
    }

    /// The schema as JSON in Spark's form and key order.
    public var json: JSONValue {
        .object([("type", .string("struct")), ("fields", .array(fields.map(\.json)))])
    }

    /// The schema as the compact JSON string stored in `metaData.schemaString`.
    public var jsonString: String { JSONWriter.serialize(json) }
}

extension StructField {
    /// The field as JSON: `{"name":..,"type":..,"nullable":..,"metadata":{..}}`.
    public var json: JSONValue {
        .object([("name", .string(name)), ("type", type.schemaJSON), ("nullable", .bool(nullable)),
                 ("metadata", metadata.isNull ? .object([]) : metadata)])
    }

    init(schemaJSON value: JSONValue, path: String) throws {
        guard case .object = value else { throw DeltaError.invalidSchema(reason: "field at \(path) is not an object") }
        guard let name = value["name"]?.stringValue else {
            throw DeltaError.invalidSchema(reason: "a field of \(path.isEmpty ? "the schema" : path) has no name")
        }
        let here = path.isEmpty ? name : path + "." + name
        guard let typeValue = value["type"] else { throw DeltaError.invalidSchema(reason: "field \(here) has no type") }
        let type = try DataType(schemaJSON: typeValue, path: here)
        let nullable: Bool
        switch value["nullable"] {
        case .bool(let b)?: nullable = b
        case nil, .null?: nullable = true
        default: throw DeltaError.invalidSchema(reason: "field \(here): nullable must be a boolean")
        }
        var metadata = value["metadata"] ?? .object([])
        if metadata.isNull { metadata = .object([]) }
        guard case .object = metadata else {
            throw DeltaError.invalidSchema(reason: "field \(here): metadata must be an object")
        }
        self.init(name: name, type: type, nullable: nullable, metadata: metadata)
    }
}

extension DataType {
    /// The type as schema JSON: a string for primitives, an object for struct, array and map.
    public var schemaJSON: JSONValue {
        switch self {
        case .struct(let s): return s.json
        case .array(let e, let containsNull):
            return .object([("type", .string("array")), ("elementType", e.schemaJSON), ("containsNull", .bool(containsNull))])
        case .map(let k, let v, let valueContainsNull):
            return .object([("type", .string("map")), ("keyType", k.schemaJSON), ("valueType", v.schemaJSON),
                            ("valueContainsNull", .bool(valueContainsNull))])
        default: return .string(primitiveName ?? "")
        }
    }

    /// Decodes a type from schema JSON; `path` names the field in errors.
    public init(schemaJSON value: JSONValue, path: String) throws {
        switch value {
        case .string(let name):
            guard let t = DataType(primitiveName: name) else {
                throw DeltaError.invalidSchema(reason: "field \(path): unknown type '\(name)'")
            }
            self = t
        case .object:
            guard let kind = value["type"]?.stringValue else {
                throw DeltaError.invalidSchema(reason: "field \(path): nested type has no \"type\"")
            }
            switch kind {
            case "struct":
                guard let items = value["fields"]?.arrayValue else {
                    throw DeltaError.invalidSchema(reason: "field \(path): struct has no fields array")
                }
                self = .struct(StructType(try items.map { try StructField(schemaJSON: $0, path: path) }))
            case "array":
                guard let e = value["elementType"] else {
                    throw DeltaError.invalidSchema(reason: "field \(path): array has no elementType")
                }
                self = .array(elementType: try DataType(schemaJSON: e, path: path + ".element"),
                              containsNull: value["containsNull"]?.boolValue ?? true)
            case "map":
                guard let k = value["keyType"], let v = value["valueType"] else {
                    throw DeltaError.invalidSchema(reason: "field \(path): map needs keyType and valueType")
                }
                self = .map(keyType: try DataType(schemaJSON: k, path: path + ".key"),
                            valueType: try DataType(schemaJSON: v, path: path + ".value"),
                            valueContainsNull: value["valueContainsNull"]?.boolValue ?? true)
            default:
                // Some writers wrap a primitive: {"type":"long"}.
                guard let t = DataType(primitiveName: kind) else {
                    throw DeltaError.invalidSchema(reason: "field \(path): unknown type '\(kind)'")
                }
                self = t
            }
        default:
            throw DeltaError.invalidSchema(reason: "field \(path): type must be a string or an object")
        }
    }
}

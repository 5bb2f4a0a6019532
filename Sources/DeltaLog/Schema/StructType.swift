/// One field of a struct: name, type, nullability and free-form metadata (column mapping ids and physical names,
/// comments, generation expressions, ...), as in the Delta schema JSON.
public struct StructField: Equatable, Hashable, Sendable {
    /// The logical column name.
    public var name: String
    /// The column type.
    public var type: DataType
    /// Whether the column may hold nulls.
    public var nullable: Bool
    /// The field's metadata object (an empty object when none), order preserved.
    public var metadata: JSONValue

    /// Creates a field.
    public init(name: String, type: DataType, nullable: Bool = true, metadata: JSONValue = .object([])) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.metadata = metadata
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(type)
        hasher.combine(nullable)
    }

    /// Metadata key holding the column-mapping physical name.
    public static let physicalNameKey = "delta.columnMapping.physicalName"
    /// Metadata key holding the column-mapping field id.
    public static let columnMappingIDKey = "delta.columnMapping.id"

    /// The physical name (`delta.columnMapping.physicalName`) when column mapping assigned one.
    public var physicalNameMetadata: String? { metadata[Self.physicalNameKey]?.stringValue }
    /// The column-mapping field id (`delta.columnMapping.id`) when present.
    public var columnMappingID: Int64? { metadata[Self.columnMappingIDKey]?.int64Value }
}

/// A struct type: the table schema is a `StructType` (PROTOCOL.md: Schema Serialization Format).
///
/// `StructType(json:)` parses the exact Spark form
/// `{"type":"struct","fields":[{"name":..,"type":..,"nullable":..,"metadata":{}}]}` and ``json`` /
/// ``jsonString`` write it back in that form (keys in Spark's order), so a schema round-trips byte for byte.
public struct StructType: Equatable, Hashable, Sendable {
    /// The fields in order.
    public var fields: [StructField]

    /// Creates a struct from its fields.
    public init(_ fields: [StructField]) { self.fields = fields }
    /// Creates a struct from its fields.
    public init(fields: [StructField]) { self.fields = fields }

    /// The field named `name` (exact match first, then case-insensitive as Spark resolves columns).
    public func field(named name: String) -> StructField? {
        if let f = fields.first(where: { $0.name == name }) { return f }
        let lower = name.lowercased()
        return fields.first { $0.name.lowercased() == lower }
    }

    /// The field names in order.
    public var fieldNames: [String] { fields.map(\.name) }
}

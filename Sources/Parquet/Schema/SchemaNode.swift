/// A node of the schema tree: a group (with children) or a primitive leaf.
///
/// Build trees with ``primitive(_:_:repetition:logicalType:convertedType:typeLength:scale:precision:fieldId:)``,
/// ``group(_:repetition:children:logicalType:convertedType:fieldId:)``, ``list(_:repetition:element:)`` and
/// ``map(_:repetition:key:value:)``, then wrap them in ``ParquetSchema/init(fields:name:)``, which computes levels.
public struct SchemaNode: Sendable, Equatable {
    /// The footer element (name, repetition, types). For groups `type` is nil and `numChildren` is set.
    public var element: SchemaElement
    /// Children of a group (empty for leaves).
    public var children: [SchemaNode]
    /// Index of the leaf among all leaves (set by ``ParquetSchema``; nil for groups).
    public internal(set) var leafIndex: Int?
    /// Maximum definition level at this node (set by ``ParquetSchema``).
    public internal(set) var maxDefinitionLevel: Int = 0
    /// Maximum repetition level at this node (set by ``ParquetSchema``).
    public internal(set) var maxRepetitionLevel: Int = 0
    /// Path of names from the root's children down to this node (set by ``ParquetSchema``).
    public internal(set) var path: [String] = []

    /// The field name.
    public var name: String { element.name }
    /// The repetition (the root reports `required`).
    public var repetition: FieldRepetitionType { element.repetitionType ?? .required }
    /// Whether this node is a primitive leaf.
    public var isLeaf: Bool { element.type != nil && element.numChildren == nil }

    /// Creates a node from an element and children.
    public init(element: SchemaElement, children: [SchemaNode] = []) {
        self.element = element
        self.children = children
    }

    /// A primitive leaf.
    public static func primitive(_ name: String, _ type: PhysicalType, repetition: FieldRepetitionType = .optional,
                                 logicalType: LogicalType? = nil, convertedType: ConvertedType? = nil,
                                 typeLength: Int32? = nil, scale: Int32? = nil, precision: Int32? = nil,
                                 fieldId: Int32? = nil) -> SchemaNode {
        SchemaNode(element: SchemaElement(name: name, type: type, typeLength: typeLength, repetitionType: repetition,
                                          convertedType: convertedType, scale: scale, precision: precision,
                                          fieldId: fieldId, logicalType: logicalType))
    }

    /// A group (struct) node.
    public static func group(_ name: String, repetition: FieldRepetitionType = .optional, children: [SchemaNode],
                             logicalType: LogicalType? = nil, convertedType: ConvertedType? = nil,
                             fieldId: Int32? = nil) -> SchemaNode {
        SchemaNode(element: SchemaElement(name: name, repetitionType: repetition, numChildren: Int32(children.count),
                                          convertedType: convertedType, fieldId: fieldId, logicalType: logicalType),
                   children: children)
    }

    /// A standard three-level list: `<repetition> group name (LIST) { repeated group list { element } }`.
    /// The element node should be named "element".
    public static func list(_ name: String, repetition: FieldRepetitionType = .optional, element: SchemaNode,
                            fieldId: Int32? = nil) -> SchemaNode {
        group(name, repetition: repetition, children: [group("list", repetition: .repeated, children: [element])],
              logicalType: .list, convertedType: .list, fieldId: fieldId)
    }

    /// A standard map: `<repetition> group name (MAP) { repeated group key_value { required key; value } }`.
    public static func map(_ name: String, repetition: FieldRepetitionType = .optional, key: SchemaNode,
                           value: SchemaNode, fieldId: Int32? = nil) -> SchemaNode {
        var key = key
        key.element.repetitionType = .required
        return group(name, repetition: repetition,
                     children: [group("key_value", repetition: .repeated, children: [key, value])],
                     logicalType: .map, convertedType: .map, fieldId: fieldId)
    }

    /// Whether this group is annotated as a list (LIST logical or converted type).
    public var isListAnnotated: Bool {
        element.logicalType == .list || element.convertedType == .list
    }

    /// Whether this group is annotated as a map (MAP or legacy MAP_KEY_VALUE).
    public var isMapAnnotated: Bool {
        element.logicalType == .map || element.convertedType == .map || element.convertedType == .mapKeyValue
    }
}

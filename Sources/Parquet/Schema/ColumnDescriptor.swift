/// A leaf column of the schema with everything needed to decode its pages.
public struct ColumnDescriptor: Sendable, Equatable {
    /// Position among the leaves (the index of its chunk in each row group).
    public var index: Int
    /// Names from the top-level field down to the leaf.
    public var path: [String]
    /// Physical type.
    public var physicalType: PhysicalType
    /// Byte length for FIXED_LEN_BYTE_ARRAY (0 otherwise).
    public var typeLength: Int
    /// Maximum definition level.
    public var maxDefinitionLevel: Int
    /// Maximum repetition level.
    public var maxRepetitionLevel: Int
    /// The leaf's own repetition.
    public var repetition: FieldRepetitionType
    /// Logical type annotation.
    public var logicalType: LogicalType?
    /// Converted type annotation.
    public var convertedType: ConvertedType?
    /// Decimal scale (from the element or the logical type).
    public var scale: Int32?
    /// Decimal precision (from the element or the logical type).
    public var precision: Int32?
    /// Field id.
    public var fieldId: Int32?

    /// The path joined with dots, e.g. `add.partitionValues.key_value.key`.
    public var dottedPath: String { path.joined(separator: ".") }

    /// Creates a descriptor.
    public init(index: Int, path: [String], physicalType: PhysicalType, typeLength: Int = 0,
                maxDefinitionLevel: Int, maxRepetitionLevel: Int, repetition: FieldRepetitionType,
                logicalType: LogicalType? = nil, convertedType: ConvertedType? = nil, scale: Int32? = nil,
                precision: Int32? = nil, fieldId: Int32? = nil) {
        self.index = index
        self.path = path
        self.physicalType = physicalType
        self.typeLength = typeLength
        self.maxDefinitionLevel = maxDefinitionLevel
        self.maxRepetitionLevel = maxRepetitionLevel
        self.repetition = repetition
        self.logicalType = logicalType
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldId = fieldId
    }

    /// Creates a descriptor for a leaf node whose levels were computed by ``ParquetSchema``.
    init(node: SchemaNode, index: Int) {
        let e = node.element
        var scale = e.scale, precision = e.precision
        if case .decimal(let s, let p)? = e.logicalType {
            scale = s
            precision = p
        }
        self.init(index: index, path: node.path, physicalType: e.type ?? .byteArray,
                  typeLength: Int(e.typeLength ?? 0), maxDefinitionLevel: node.maxDefinitionLevel,
                  maxRepetitionLevel: node.maxRepetitionLevel, repetition: node.repetition,
                  logicalType: e.logicalType, convertedType: e.convertedType, scale: scale, precision: precision,
                  fieldId: e.fieldId)
    }
}

/// The decoded contents of one column chunk (or several concatenated): non-null values plus the levels that place
/// them. For a flat optional column, slot `i` is null when `definitionLevels[i] < maxDefinitionLevel`.
public struct ColumnChunkData: Sendable {
    /// The leaf column.
    public let descriptor: ColumnDescriptor
    /// Non-null values in order.
    public var values: ColumnValues
    /// Definition level per slot (empty when the column's maximum definition level is 0).
    public var definitionLevels: [Int16]
    /// Repetition level per slot (empty when the column's maximum repetition level is 0).
    public var repetitionLevels: [Int16]
    /// Number of slots (level entries), including nulls and empty lists.
    public var slotCount: Int

    /// Creates empty data for `descriptor`.
    public init(descriptor: ColumnDescriptor) {
        self.descriptor = descriptor
        values = ColumnValues(physicalType: descriptor.physicalType)
        definitionLevels = []
        repetitionLevels = []
        slotCount = 0
    }

    /// For a flat column (no repetition): whether slot `i` holds a value.
    public func isValid(_ i: Int) -> Bool {
        definitionLevels.isEmpty || Int(definitionLevels[i]) == descriptor.maxDefinitionLevel
    }

    /// For a flat column: the index into `values` of every slot (nil for nulls).
    public var valueIndices: [Int?] {
        var next = 0
        return (0..<slotCount).map { i in
            guard isValid(i) else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// Number of null slots at the leaf (definition level below the maximum).
    public var nullCount: Int { slotCount - values.count }
}

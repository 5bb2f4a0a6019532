/// Walks the slots of a flat column (a top-level leaf: no repetition) in row order, giving each slot's value with
/// its logical type applied (``ParquetValue/null`` where the definition level says so). Reading flat columns this
/// way skips record assembly, which builds every row of a row group as a tree before the first is used.
public struct FlatColumnCursor {
    private let data: ColumnChunkData
    private let maxDefinition: Int16
    private var slot = 0
    private var value = 0

    /// A cursor over `data`, or nil when the column is repeated (use record assembly for those).
    /// - Throws: ``ParquetError/outOfSpec(reason:byteOffset:)`` when the definition levels and the values disagree
    ///   (a value would be missing, or left over), rather than reading such slots as nulls.
    public init?(_ data: ColumnChunkData) throws {
        guard data.descriptor.maxRepetitionLevel == 0 else { return nil }
        let maxDefinition = Int16(data.descriptor.maxDefinitionLevel)
        let present = data.definitionLevels.isEmpty
            ? data.slotCount : data.definitionLevels.reduce(0) { $0 + ($1 >= maxDefinition ? 1 : 0) }
        guard present == data.values.count, data.definitionLevels.isEmpty || data.definitionLevels.count == data.slotCount
        else {
            throw ParquetError.outOfSpec(reason: "column \(data.descriptor.dottedPath): \(present) defined slots but "
                                         + "\(data.values.count) values", byteOffset: 0)
        }
        self.data = data
        self.maxDefinition = maxDefinition
    }

    /// Number of slots (rows) the column holds.
    public var slotCount: Int { data.slotCount }

    /// The next slot's value (null past the last slot).
    public mutating func next() -> ParquetValue {
        guard slot < data.slotCount else { return .null }
        defer { slot += 1 }
        if !data.definitionLevels.isEmpty && data.definitionLevels[slot] < maxDefinition { return .null }
        defer { value += 1 }
        return LogicalConversion.value(data.values, at: value, column: data.descriptor)
    }

    /// Skips the next slot.
    public mutating func skip() {
        guard slot < data.slotCount else { return }
        if data.definitionLevels.isEmpty || data.definitionLevels[slot] >= maxDefinition { value += 1 }
        slot += 1
    }
}

import Parquet
import Testing

/// The flat-column cursor `cat` reads with: slots in order, nulls where the definition level says so, logical
/// types applied, and levels that disagree with the values refused instead of read as nulls.
@Suite struct FlatColumnCursorTests {
    static func optionalInt64(defs: [Int16], values: [Int64], logical: LogicalType? = nil) -> ColumnChunkData {
        var data = ColumnChunkData(descriptor: ColumnDescriptor(
            index: 0, path: ["x"], physicalType: .int64, maxDefinitionLevel: 1, maxRepetitionLevel: 0,
            repetition: .optional, logicalType: logical))
        data.definitionLevels = defs
        data.values.int64s = values
        data.slotCount = defs.count
        return data
    }

    @Test func slotsInOrderWithNullsAndSkips() throws {
        var cursor = try #require(try FlatColumnCursor(Self.optionalInt64(defs: [1, 0, 1, 1, 0], values: [7, 8, 9])))
        #expect(cursor.slotCount == 5)
        #expect(cursor.next() == .int64(7))
        #expect(cursor.next() == .null)
        cursor.skip()  // the 8
        #expect(cursor.next() == .int64(9))
        #expect(cursor.next() == .null)
        #expect(cursor.next() == .null)  // past the end
    }

    @Test func logicalTypesApplied() throws {
        let data = Self.optionalInt64(defs: [1], values: [1_000], logical: .timestamp(isAdjustedToUTC: true, unit: .millis))
        var cursor = try #require(try FlatColumnCursor(data))
        #expect(cursor.next() == .timestamp(1_000, unit: .millis, isAdjustedToUTC: true))
    }

    @Test func levelsThatDisagreeWithValuesAreRefused() {
        #expect(throws: ParquetError.self) { try FlatColumnCursor(Self.optionalInt64(defs: [1, 1, 1], values: [1, 2])) }
        #expect(throws: ParquetError.self) { try FlatColumnCursor(Self.optionalInt64(defs: [1, 0], values: [1, 2])) }
    }

    @Test func repeatedColumnsAreLeftToRecordAssembly() throws {
        var data = Self.optionalInt64(defs: [], values: [])
        data = ColumnChunkData(descriptor: ColumnDescriptor(
            index: 0, path: ["l", "list", "element"], physicalType: .int64, maxDefinitionLevel: 3,
            maxRepetitionLevel: 1, repetition: .optional))
        #expect(try FlatColumnCursor(data) == nil)
    }
}

import Parquet

/// Thrown inside the columnar checkpoint path when data is not what the fast path reproduces exactly; the
/// caller then decodes the file with the row path (which reports precise errors).
struct ColumnarFallback: Error {}

/// Walks a flat (non-repeated) leaf column row by row.
struct FlatCursor {
    let maxDef: Int
    // The column's arrays, held directly so that per-row access does not copy (retain) the containers.
    private let defs: [Int16]
    private let offsets: [Int]
    private let bytes: [UInt8]
    private let int64s: [Int64]
    private let int32s: [Int32]
    private let booleans: [Bool]
    private let isInt64: Bool
    private var slot = 0
    private var value = 0

    /// Checks that the column has exactly `rows` slots and consistent value counts.
    init(_ data: ColumnChunkData, rows: Int) throws {
        maxDef = data.descriptor.maxDefinitionLevel
        defs = data.definitionLevels
        offsets = data.values.bytes.offsets
        bytes = data.values.bytes.data
        int64s = data.values.int64s
        int32s = data.values.int32s
        booleans = data.values.booleans
        isInt64 = data.descriptor.physicalType == .int64
        guard data.slotCount == rows, data.descriptor.maxRepetitionLevel == 0,
              maxDef == 0 ? data.values.count == rows : data.definitionLevels.count == rows else { throw ColumnarFallback() }
        if maxDef > 0 {
            var n = 0
            for d in data.definitionLevels where Int(d) == maxDef { n += 1 }
            guard n == data.values.count else { throw ColumnarFallback() }
        }
    }

    /// Definition level of the current row's slot.
    var def: Int { maxDef == 0 ? 0 : Int(defs[slot]) }

    /// Moves to the next row; returns the value index of the row just passed, or nil when it was null.
    @inline(__always) mutating func next() -> Int? {
        let present = maxDef == 0 || Int(defs[slot]) == maxDef
        slot += 1
        guard present else { return nil }
        value += 1
        return value - 1
    }

    @inline(__always) func string(_ i: Int) -> String {
        let start = offsets[i], end = offsets[i + 1]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    @inline(__always) func int(_ i: Int) -> Int64 { isInt64 ? int64s[i] : Int64(int32s[i]) }

    @inline(__always) func bool(_ i: Int) -> Bool { booleans[i] }

    mutating func nextString() -> String? { next().map(string) }
    mutating func nextInt() -> Int64? { next().map(int) }
    mutating func nextBool() -> Bool? { next().map(bool) }
}

/// Walks a string-to-string map (a repeated key/value pair of leaves) row by row, using repetition levels to
/// group the entries of a row.
struct MapCursor {
    let key: ColumnChunkData
    let value: ColumnChunkData
    let plan: CheckpointColumnPlan.MapLeaves
    private var slot = 0
    private var keyIndex = 0
    private var valueIndex = 0

    init(key: ColumnChunkData, value: ColumnChunkData, plan: CheckpointColumnPlan.MapLeaves) throws {
        self.key = key
        self.value = value
        self.plan = plan
        guard key.slotCount == value.slotCount, key.definitionLevels.count == key.slotCount,
              value.definitionLevels.count == key.slotCount, key.repetitionLevels.count == key.slotCount,
              key.repetitionLevels == value.repetitionLevels else { throw ColumnarFallback() }
        var nk = 0, nv = 0
        for d in key.definitionLevels where Int(d) == key.descriptor.maxDefinitionLevel { nk += 1 }
        for d in value.definitionLevels where Int(d) == value.descriptor.maxDefinitionLevel { nv += 1 }
        guard nk == key.values.count, nv == value.values.count else { throw ColumnarFallback() }
    }

    /// Reads the next row's map: nil when the map is null (or its parent absent), else its entries (later
    /// duplicates win, as in the row path).
    mutating func next() throws -> [String: String?]? {
        guard slot < key.slotCount, key.repetitionLevels[slot] == 0 else { throw ColumnarFallback() }
        let kMax = key.descriptor.maxDefinitionLevel, vMax = value.descriptor.maxDefinitionLevel
        let first = Int(key.definitionLevels[slot])
        if first < plan.entryDef {
            // Null or empty map (or absent parent): a single slot carries no values.
            slot += 1
            return first < plan.mapDef ? nil : [:]
        }
        var m: [String: String?] = [:]
        repeat {
            guard Int(key.definitionLevels[slot]) == kMax else { throw ColumnarFallback() }
            let k = string(key, keyIndex)
            keyIndex += 1
            if Int(value.definitionLevels[slot]) == vMax {
                m[k] = .some(string(value, valueIndex))
                valueIndex += 1
            } else {
                m[k] = .some(nil)
            }
            slot += 1
        } while slot < key.slotCount && key.repetitionLevels[slot] != 0
        return m
    }

    @inline(__always) private func string(_ d: ColumnChunkData, _ i: Int) -> String {
        let start = d.values.bytes.offsets[i], end = d.values.bytes.offsets[i + 1]
        return d.values.bytes.data.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
        }
    }
}

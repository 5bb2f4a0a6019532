#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// Positions the cursor at row `row` (counting the values of the rows before it).
    mutating func seek(toRow row: Int) {
        slot = row
        if maxDef == 0 { value = row; return }
        var n = 0
        for k in 0..<row where Int(defs[k]) == maxDef { n += 1 }
        value = n
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
    /// The next row's text as a slice of this column's bytes (no copy; see ``StatsText``).
    mutating func nextStatsText() -> StatsText? {
        next().map { .slice(bytes: bytes, start: offsets[$0], end: offsets[$0 + 1]) }
    }
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

    /// Positions the cursor at the first slot of row `row`, with the key and value counts of the rows before it.
    mutating func seek(toRow row: Int) throws {
        var rowsSeen = 0, s = 0
        while s < key.slotCount {
            if key.repetitionLevels[s] == 0 {
                if rowsSeen == row { break }
                rowsSeen += 1
            }
            s += 1
        }
        guard s < key.slotCount else { throw ColumnarFallback() }  // every row has at least one slot
        let kMax = key.descriptor.maxDefinitionLevel, vMax = value.descriptor.maxDefinitionLevel
        var nk = 0, nv = 0
        for k in 0..<s {
            if Int(key.definitionLevels[k]) == kMax { nk += 1 }
            if Int(value.definitionLevels[k]) == vMax { nv += 1 }
        }
        slot = s
        keyIndex = nk
        valueIndex = nv
        cached = nil
    }

    /// Reads the next row's map: nil when the map is null (or its parent absent), else its entries (later
    /// duplicates win, as in the row path). Consecutive rows with the same entries (partition values of one
    /// partition, written together) share one dictionary instead of allocating their own.
    mutating func next() throws -> [String: String?]? {
        guard slot < key.slotCount, key.repetitionLevels[slot] == 0 else { throw ColumnarFallback() }
        let kMax = key.descriptor.maxDefinitionLevel, vMax = value.descriptor.maxDefinitionLevel
        let first = Int(key.definitionLevels[slot])
        if first < plan.entryDef {
            // Null or empty map (or absent parent): a single slot carries no values.
            slot += 1
            return first < plan.mapDef ? nil : [:]
        }
        entries.removeAll(keepingCapacity: true)
        repeat {
            guard Int(key.definitionLevels[slot]) == kMax else { throw ColumnarFallback() }
            let k = keyIndex
            keyIndex += 1
            if Int(value.definitionLevels[slot]) == vMax {
                entries.append((k, valueIndex))
                valueIndex += 1
            } else {
                entries.append((k, -1))
            }
            slot += 1
        } while slot < key.slotCount && key.repetitionLevels[slot] != 0
        if let cached, sameAsCached() { return cached }
        var m: [String: String?] = [:]
        for (k, v) in entries { m[string(key, k)] = v < 0 ? .some(nil) : .some(string(value, v)) }
        cached = m
        cachedEntries = entries
        return m
    }

    private var entries: [(key: Int, value: Int)] = []
    private var cached: [String: String?]?
    private var cachedEntries: [(key: Int, value: Int)] = []

    /// Whether this row's entries have the bytes of the cached row's, in the same order.
    private func sameAsCached() -> Bool {
        guard entries.count == cachedEntries.count else { return false }
        for (a, b) in zip(entries, cachedEntries) {
            guard Self.sameBytes(key, a.key, b.key) else { return false }
            if (a.value < 0) != (b.value < 0) { return false }
            if a.value >= 0, !Self.sameBytes(value, a.value, b.value) { return false }
        }
        return true
    }

    private static func sameBytes(_ d: ColumnChunkData, _ i: Int, _ j: Int) -> Bool {
        let o = d.values.bytes.offsets
        let (s1, e1, s2, e2) = (o[i], o[i + 1], o[j], o[j + 1])
        guard e1 - s1 == e2 - s2 else { return false }
        if e1 == s1 { return true }
        return d.values.bytes.data.withUnsafeBytes { memcmp($0.baseAddress! + s1, $0.baseAddress! + s2, e1 - s1) == 0 }
    }

    @inline(__always) private func string(_ d: ColumnChunkData, _ i: Int) -> String {
        let start = d.values.bytes.offsets[i], end = d.values.bytes.offsets[i + 1]
        return d.values.bytes.data.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
        }
    }
}

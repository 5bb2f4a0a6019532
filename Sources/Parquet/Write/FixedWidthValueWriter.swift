/// A fixed-width physical value (INT32, INT64, FLOAT, DOUBLE) as the value writers need it.
protocol FixedWidthPhysical: DictionaryKey, Comparable {
    /// Whether the value is a NaN (excluded from statistics).
    var isStatisticsExcluded: Bool { get }
    /// The typed statistic.
    var statisticValue: StatisticValue { get }
    /// The array inside `values` when it has this type.
    static func array(in values: ColumnValues) -> [Self]?
}

extension Int32: FixedWidthPhysical {
    var isStatisticsExcluded: Bool { false }
    var statisticValue: StatisticValue { .int32(self) }
    static func array(in values: ColumnValues) -> [Int32]? { values.physicalType == .int32 ? values.int32s : nil }
}
extension Int64: FixedWidthPhysical {
    var isStatisticsExcluded: Bool { false }
    var statisticValue: StatisticValue { .int64(self) }
    static func array(in values: ColumnValues) -> [Int64]? { values.physicalType == .int64 ? values.int64s : nil }
}
extension Float: FixedWidthPhysical {
    var isStatisticsExcluded: Bool { isNaN }
    var statisticValue: StatisticValue { .float(self) }
    static func array(in values: ColumnValues) -> [Float]? { values.physicalType == .float ? values.floats : nil }
}
extension Double: FixedWidthPhysical {
    var isStatisticsExcluded: Bool { isNaN }
    var statisticValue: StatisticValue { .double(self) }
    static func array(in values: ColumnValues) -> [Double]? { values.physicalType == .double ? values.doubles : nil }
}

/// Value writer for INT32, INT64, FLOAT and DOUBLE columns.
final class FixedWidthValueWriter<T: FixedWidthPhysical>: PageValueWriter {
    private let settings: ValueWriterSettings
    private var dictionary: DictionaryEncoder<T>
    private var state: DictionaryState
    private var indices: [UInt32] = []
    private var plain = ByteWriter(capacity: 1 << 16)
    private var minValue: T?
    private var maxValue: T?

    init(settings: ValueWriterSettings) {
        self.settings = settings
        dictionary = DictionaryEncoder<T>()
        state = DictionaryState(enabled: settings.dictionaryEnabled)
    }

    func append(_ values: ColumnValues, validity: UnsafeBufferPointer<Bool>?, range: Range<Int>, column: String) throws {
        guard let array = T.array(in: values) else {
            throw ParquetWriteError.schemaMismatch(column: column, reason: "expected \(T.self) values, got \(values.physicalType)")
        }
        array.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[range])
            let mask = validity.map { UnsafeBufferPointer(rebasing: $0[range]) }
            updateMinMax(slice, mask)
            if state.active {
                indices.reserveCapacity(indices.count + slice.count)
                if let mask {
                    for i in 0..<slice.count where mask[i] { indices.append(dictionary.index(of: slice[i])) }
                } else {
                    for v in slice { indices.append(dictionary.index(of: v)) }
                }
            } else {
                PlainEncoder.encode(slice, validity: mask, into: &plain)
            }
        }
    }

    private func updateMinMax(_ slice: UnsafeBufferPointer<T>, _ mask: UnsafeBufferPointer<Bool>?) {
        var lo = minValue, hi = maxValue
        for i in 0..<slice.count where mask?[i] ?? true {
            let v = slice[i]
            if v.isStatisticsExcluded { continue }
            if let l = lo { if v < l { lo = v } } else { lo = v }
            if let h = hi { if h < v { hi = v } } else { hi = v }
        }
        minValue = lo
        maxValue = hi
    }

    var estimatedPageBytes: Int { state.active ? indices.count * 2 : plain.count }
    var estimatedDictionaryBytes: Int { state.used || state.active ? dictionary.plainSize : 0 }
    var dictionaryFull: Bool { state.active && dictionary.plainSize > settings.dictionaryPageSizeLimit }

    func flushPage() -> (encoding: Encoding, body: [UInt8]) {
        if state.active || !indices.isEmpty {
            let plainBytes = indices.count * MemoryLayout<T>.stride
            if state.keepDictionary(forPageWithPlainBytes: plainBytes, indexCount: indices.count,
                                    dictionaryCount: dictionary.count, dictionaryBytes: dictionary.plainSize,
                                    limit: settings.dictionaryPageSizeLimit) {
                let body = DictionaryState.encodeIndices(indices, dictionaryCount: dictionary.count)
                indices.removeAll(keepingCapacity: true)
                return (.rleDictionary, body)
            }
            // Re-encode this page PLAIN from the dictionary entries; nothing else used the dictionary.
            var out = ByteWriter(capacity: plainBytes)
            dictionary.entries.withUnsafeBufferPointer { entries in
                for i in indices { withUnsafeBytes(of: entries[Int(i)]) { out.bytes.append(contentsOf: $0) } }
            }
            indices = []
            dictionary = DictionaryEncoder<T>(initialCapacity: 16)
            return (.plain, out.bytes)
        }
        let body = plain.bytes
        plain.bytes.removeAll(keepingCapacity: true)
        return (.plain, body)
    }

    func dictionaryPage() -> (count: Int, body: [UInt8])? {
        guard state.used else { return nil }
        var w = ByteWriter(capacity: dictionary.plainSize)
        dictionary.encodeDictionaryPage(into: &w)
        return (dictionary.count, w.bytes)
    }

    var minMax: (min: StatisticValue, max: StatisticValue)? {
        guard let minValue, let maxValue else { return nil }
        return (minValue.statisticValue, maxValue.statisticValue)
    }

    func resetChunk() {
        dictionary = DictionaryEncoder<T>()
        state = DictionaryState(enabled: settings.dictionaryEnabled)
        indices.removeAll(keepingCapacity: true)
        plain.bytes.removeAll(keepingCapacity: true)
        minValue = nil
        maxValue = nil
    }
}

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
            (minValue, maxValue) = Self.minMax(slice, mask, minValue, maxValue)
            if state.active {
                dictionary.appendIndices(of: slice, mask: mask, to: &indices)
            } else {
                PlainEncoder.encode(slice, validity: mask, into: &plain)
            }
        }
    }

    /// Folds the selected values into `(lo, hi)`.
    private static func minMax(_ slice: UnsafeBufferPointer<T>, _ mask: UnsafeBufferPointer<Bool>?, _ lo: T?, _ hi: T?)
        -> (T?, T?) {
        // Find a first candidate, then run a branch-light loop without optionals.
        var i = 0
        var l: T, h: T
        if let lo, let hi {
            l = lo
            h = hi
        } else {
            while i < slice.count && (!(mask?[i] ?? true) || slice[i].isStatisticsExcluded) { i += 1 }
            guard i < slice.count else { return (lo, hi) }
            l = slice[i]
            h = slice[i]
        }
        if let mask {
            while i < slice.count {
                let v = slice[i]
                if mask[i] && !v.isStatisticsExcluded {
                    if v < l { l = v }
                    if h < v { h = v }
                }
                i += 1
            }
        } else {
            while i < slice.count {
                let v = slice[i]
                if !v.isStatisticsExcluded {
                    if v < l { l = v }
                    if h < v { h = v }
                }
                i += 1
            }
        }
        return (l, h)
    }

    var estimatedPageBytes: Int { state.active ? indices.count * 2 : plain.count }
    var estimatedDictionaryBytes: Int { state.used || state.active ? dictionary.plainSize : 0 }
    var dictionaryFull: Bool { state.active && dictionary.plainSize > settings.dictionaryPageSizeLimit }

    func flushPage(into body: inout ByteWriter) -> Encoding {
        if state.active || !indices.isEmpty {
            // A page without values (all null) is an empty PLAIN page; the dictionary stays as it is.
            if indices.isEmpty { return .plain }
            let plainBytes = indices.count * MemoryLayout<T>.stride
            if state.keepDictionary(forPageWithPlainBytes: plainBytes, indexCount: indices.count,
                                    dictionaryCount: dictionary.count, dictionaryBytes: dictionary.plainSize,
                                    limit: settings.dictionaryPageSizeLimit) {
                DictionaryState.encodeIndices(indices, dictionaryCount: dictionary.count, into: &body)
                indices.removeAll(keepingCapacity: true)
                return .rleDictionary
            }
            // The dictionary did not pay off on its first page (no page used it): re-encode this page PLAIN.
            var values = [T]()
            values.reserveCapacity(indices.count)
            dictionary.entries.withUnsafeBufferPointer { entries in
                for i in indices { values.append(entries[Int(i)]) }
            }
            PlainEncoder.encode(values, into: &body)
            indices = []
            dictionary = DictionaryEncoder<T>(initialCapacity: 16)
            return .plain
        }
        body.writeBytes(plain.bytes)
        plain.bytes.removeAll(keepingCapacity: true)
        return .plain
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

/// Value writer for BYTE_ARRAY (STRING, BINARY) and FIXED_LEN_BYTE_ARRAY (DECIMAL, INT96) columns.
final class ByteArrayValueWriter: PageValueWriter {
    private let settings: ValueWriterSettings
    /// Width for FIXED_LEN_BYTE_ARRAY, nil for BYTE_ARRAY.
    private let fixedWidth: Int?
    /// Statistics compare as signed big-endian integers (DECIMAL) instead of unsigned bytes.
    private let signedOrder: Bool
    /// The hot state, kept in one struct so that a batch is encoded with a single exclusive access.
    private var page: ByteArrayPage
    private var state: DictionaryState
    private var minValue: [UInt8]?
    private var maxValue: [UInt8]?

    init(settings: ValueWriterSettings, fixedWidth: Int?, signedOrder: Bool) {
        self.settings = settings
        self.fixedWidth = fixedWidth
        self.signedOrder = signedOrder
        page = ByteArrayPage(fixedWidth: fixedWidth)
        state = DictionaryState(enabled: settings.dictionaryEnabled)
    }

    func append(_ values: ColumnValues, validity: UnsafeBufferPointer<Bool>?, range: Range<Int>, column: String) throws {
        switch values.physicalType {
        case .byteArray where fixedWidth == nil: break
        case .fixedLenByteArray where fixedWidth != nil: break
        default:
            throw ParquetWriteError.schemaMismatch(
                column: column, reason: "expected \(fixedWidth == nil ? "byte array" : "fixed-length byte array") values, got \(values.physicalType)")
        }
        let array = values.bytes
        guard array.offsets.count > range.upperBound else {
            throw ParquetWriteError.schemaMismatch(column: column, reason: "byte array offsets shorter than the batch")
        }
        try array.data.withUnsafeBytes { bytes in
            try array.offsets.withUnsafeBufferPointer { offsets in
                let (minIndex, maxIndex) = try page.append(bytes: bytes, offsets: offsets, validity: validity, range: range,
                                                           dictionary: state.active, signedOrder: signedOrder, column: column)
                guard minIndex >= 0 else { return }
                let lo = ByteArrayPage.slice(bytes, offsets, minIndex), hi = ByteArrayPage.slice(bytes, offsets, maxIndex)
                if minValue.map({ m in m.withUnsafeBytes { StatisticOrder.compareBytes(lo, $0, signed: signedOrder) < 0 } }) ?? true {
                    minValue = Array(lo)
                }
                if maxValue.map({ m in m.withUnsafeBytes { StatisticOrder.compareBytes(hi, $0, signed: signedOrder) > 0 } }) ?? true {
                    maxValue = Array(hi)
                }
            }
        }
    }

    var estimatedPageBytes: Int { state.active ? page.indices.count * 2 : page.plain.count }
    var estimatedDictionaryBytes: Int { state.used || state.active ? page.dictionary.plainSize : 0 }
    var dictionaryFull: Bool { state.active && page.dictionary.plainSize > settings.dictionaryPageSizeLimit }

    func flushPage(into body: inout ByteWriter) -> Encoding {
        defer { page.pagePlainBytes = 0 }
        if state.active || !page.indices.isEmpty {
            // A page without values (all null) is an empty PLAIN page; the dictionary stays as it is.
            if page.indices.isEmpty { return .plain }
            if state.keepDictionary(forPageWithPlainBytes: page.pagePlainBytes, indexCount: page.indices.count,
                                    dictionaryCount: page.dictionary.count, dictionaryBytes: page.dictionary.plainSize,
                                    limit: settings.dictionaryPageSizeLimit) {
                DictionaryState.encodeIndices(page.indices, dictionaryCount: page.dictionary.count, into: &body)
                page.indices.removeAll(keepingCapacity: true)
                return .rleDictionary
            }
            // The dictionary did not pay off on its first page (no page used it): re-encode this page PLAIN.
            let entries = page.dictionary.entries
            entries.data.withUnsafeBytes { bytes in
                for i in page.indices {
                    let start = entries.offsets[Int(i)], end = entries.offsets[Int(i) + 1]
                    if fixedWidth == nil { body.writeLittleEndian(UInt32(truncatingIfNeeded: end - start)) }
                    body.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                }
            }
            page.indices = []
            page.dictionary = ByteArrayDictionaryEncoder(lengthPrefixed: fixedWidth == nil, initialCapacity: 16)
            return .plain
        }
        body.writeBytes(page.plain.bytes)
        page.plain.bytes.removeAll(keepingCapacity: true)
        return .plain
    }

    func dictionaryPage() -> (count: Int, body: [UInt8])? {
        guard state.used else { return nil }
        var w = ByteWriter(capacity: page.dictionary.plainSize)
        page.dictionary.encodeDictionaryPage(into: &w)
        return (page.dictionary.count, w.bytes)
    }

    var minMax: (min: StatisticValue, max: StatisticValue)? {
        guard let minValue, let maxValue else { return nil }
        return (.bytes(minValue), .bytes(maxValue))
    }

    func resetChunk() {
        page = ByteArrayPage(fixedWidth: fixedWidth)
        state = DictionaryState(enabled: settings.dictionaryEnabled)
        minValue = nil
        maxValue = nil
    }
}

/// The open page of a byte-array column: dictionary indices or PLAIN bytes.
struct ByteArrayPage {
    let fixedWidth: Int?
    var dictionary: ByteArrayDictionaryEncoder
    var indices: [UInt32] = []
    var plain = ByteWriter(capacity: 1 << 16)
    /// PLAIN size of the values held as indices (for the dictionary pay-off check).
    var pagePlainBytes = 0

    init(fixedWidth: Int?) {
        self.fixedWidth = fixedWidth
        dictionary = ByteArrayDictionaryEncoder(lengthPrefixed: fixedWidth == nil)
    }

    @inline(__always)
    static func slice(_ bytes: UnsafeRawBufferPointer, _ offsets: UnsafeBufferPointer<Int>, _ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[offsets[i]..<offsets[i + 1]])
    }

    /// Encodes the selected values of `range`; returns the positions of the batch's smallest and largest value
    /// (-1 when none was selected).
    mutating func append(bytes: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int>, validity: UnsafeBufferPointer<Bool>?,
                         range: Range<Int>, dictionary useDictionary: Bool, signedOrder: Bool, column: String) throws -> (Int, Int) {
        var minIndex = -1, maxIndex = -1
        var lo = UnsafeRawBufferPointer(start: nil, count: 0), hi = lo
        let prefix = fixedWidth == nil ? 4 : 0
        var plainBytes = 0
        // The indices move to a local with room for one per row, filled through a buffer pointer (no per-value
        // uniqueness check); the unused tail is dropped at the end.
        var newIndices: [UInt32] = []
        swap(&newIndices, &indices)
        defer { swap(&newIndices, &indices) }
        let indexBase = newIndices.count
        var indexCount = 0
        if useDictionary { newIndices.append(contentsOf: repeatElement(0, count: range.count)) }
        defer { if useDictionary { newIndices.removeLast(range.count - indexCount) } }
        try newIndices.withUnsafeMutableBufferPointer { out in
            for i in range where validity?[i] ?? true {
                let start = offsets[i], end = offsets[i + 1]
                guard start >= 0, start <= end, end <= bytes.count else {
                    throw ParquetWriteError.invalidValue(column: column, row: i, reason: "byte array offsets out of bounds")
                }
                let value = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                if let w = fixedWidth, value.count != w {
                    throw ParquetWriteError.invalidValue(column: column, row: i,
                                                         reason: "value has \(value.count) bytes, the column's type length is \(w)")
                }
                plainBytes += value.count + prefix
                if useDictionary {
                    // Every value of the chunk is in its dictionary, so only a new entry can be a new min or max.
                    let entries = dictionary.count
                    out[indexBase + indexCount] = dictionary.index(of: value)
                    indexCount += 1
                    if dictionary.count == entries { continue }
                }
                if minIndex < 0 {
                    minIndex = i
                    maxIndex = i
                    lo = value
                    hi = value
                } else if StatisticOrder.compareBytes(value, lo, signed: signedOrder) < 0 {
                    minIndex = i
                    lo = value
                } else if StatisticOrder.compareBytes(value, hi, signed: signedOrder) > 0 {
                    maxIndex = i
                    hi = value
                }
            }
        }
        if useDictionary {
            pagePlainBytes += plainBytes
        } else if plainBytes > 0 {
            appendPlain(bytes: bytes, offsets: offsets, validity: validity, range: range, total: plainBytes)
        }
        return (minIndex, maxIndex)
    }

    /// PLAIN-encodes the selected (already validated) values of `range`, `total` bytes, with one bulk append.
    private mutating func appendPlain(bytes: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int>,
                                      validity: UnsafeBufferPointer<Bool>?, range: Range<Int>, total: Int) {
        let lengthPrefixed = fixedWidth == nil
        let chunk = [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
            guard let out = UnsafeMutableRawPointer(buffer.baseAddress), let source = bytes.baseAddress else { return }
            var position = 0
            for i in range where validity?[i] ?? true {
                let start = offsets[i], length = offsets[i + 1] - start
                if lengthPrefixed {
                    out.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: position, as: UInt32.self)
                    position += 4
                }
                (out + position).copyMemory(from: source + start, byteCount: length)
                position += length
            }
            count = position
        }
        plain.bytes.append(contentsOf: chunk)
    }
}

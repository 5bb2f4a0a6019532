/// Value writer for BYTE_ARRAY (STRING, BINARY) and FIXED_LEN_BYTE_ARRAY (DECIMAL) columns.
final class ByteArrayValueWriter: PageValueWriter {
    private let settings: ValueWriterSettings
    /// Width for FIXED_LEN_BYTE_ARRAY, nil for BYTE_ARRAY.
    private let fixedWidth: Int?
    /// Statistics compare as signed big-endian integers (DECIMAL) instead of unsigned bytes.
    private let signedOrder: Bool
    private var dictionary: ByteArrayDictionaryEncoder
    private var state: DictionaryState
    private var indices: [UInt32] = []
    private var pagePlainBytes = 0
    private var plain = ByteWriter(capacity: 1 << 16)
    private var minValue: [UInt8]?
    private var maxValue: [UInt8]?

    init(settings: ValueWriterSettings, fixedWidth: Int?, signedOrder: Bool) {
        self.settings = settings
        self.fixedWidth = fixedWidth
        self.signedOrder = signedOrder
        dictionary = ByteArrayDictionaryEncoder(lengthPrefixed: fixedWidth == nil)
        state = DictionaryState(enabled: settings.dictionaryEnabled)
    }

    func append(_ values: ColumnValues, validity: UnsafeBufferPointer<Bool>?, range: Range<Int>, column: String) throws {
        let array = values.bytes
        switch values.physicalType {
        case .byteArray where fixedWidth == nil: break
        case .fixedLenByteArray where fixedWidth != nil: break
        default:
            throw ParquetWriteError.schemaMismatch(
                column: column, reason: "expected \(fixedWidth == nil ? "byte array" : "fixed-length byte array") values, got \(values.physicalType)")
        }
        guard array.offsets.count > range.upperBound else {
            throw ParquetWriteError.schemaMismatch(column: column, reason: "byte array offsets shorter than the batch")
        }
        try array.data.withUnsafeBytes { bytes in
            try array.offsets.withUnsafeBufferPointer { offsets in
                var minIndex = -1, maxIndex = -1
                let prefix = fixedWidth == nil ? 4 : 0
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
                    // Statistics: remember the batch's extreme positions, copy once at the end.
                    if minIndex < 0 {
                        minIndex = i
                        maxIndex = i
                    } else {
                        if StatisticOrder.compareBytes(value, slice(bytes, offsets, minIndex), signed: signedOrder) < 0 { minIndex = i }
                        if StatisticOrder.compareBytes(value, slice(bytes, offsets, maxIndex), signed: signedOrder) > 0 { maxIndex = i }
                    }
                    if state.active {
                        indices.append(dictionary.index(of: value))
                        pagePlainBytes += value.count + prefix
                    } else {
                        if fixedWidth == nil { plain.writeLittleEndian(UInt32(truncatingIfNeeded: value.count)) }
                        plain.bytes.append(contentsOf: value)
                    }
                }
                if minIndex >= 0 {
                    let lo = slice(bytes, offsets, minIndex), hi = slice(bytes, offsets, maxIndex)
                    if minValue.map({ m in m.withUnsafeBytes { StatisticOrder.compareBytes(lo, $0, signed: signedOrder) < 0 } }) ?? true {
                        minValue = Array(lo)
                    }
                    if maxValue.map({ m in m.withUnsafeBytes { StatisticOrder.compareBytes(hi, $0, signed: signedOrder) > 0 } }) ?? true {
                        maxValue = Array(hi)
                    }
                }
            }
        }
    }

    @inline(__always)
    private func slice(_ bytes: UnsafeRawBufferPointer, _ offsets: UnsafeBufferPointer<Int>, _ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[offsets[i]..<offsets[i + 1]])
    }

    var estimatedPageBytes: Int { state.active ? indices.count * 2 : plain.count }
    var estimatedDictionaryBytes: Int { state.used || state.active ? dictionary.plainSize : 0 }
    var dictionaryFull: Bool { state.active && dictionary.plainSize > settings.dictionaryPageSizeLimit }

    func flushPage() -> (encoding: Encoding, body: [UInt8]) {
        defer { pagePlainBytes = 0 }
        if state.active || !indices.isEmpty {
            if state.keepDictionary(forPageWithPlainBytes: pagePlainBytes, indexCount: indices.count,
                                    dictionaryCount: dictionary.count, dictionaryBytes: dictionary.plainSize,
                                    limit: settings.dictionaryPageSizeLimit) {
                let body = DictionaryState.encodeIndices(indices, dictionaryCount: dictionary.count)
                indices.removeAll(keepingCapacity: true)
                return (.rleDictionary, body)
            }
            // Re-encode this page PLAIN from the dictionary entries; nothing else used the dictionary.
            var out = ByteWriter(capacity: pagePlainBytes)
            let entries = dictionary.entries
            entries.data.withUnsafeBytes { bytes in
                for i in indices {
                    let start = entries.offsets[Int(i)], end = entries.offsets[Int(i) + 1]
                    if fixedWidth == nil { out.writeLittleEndian(UInt32(truncatingIfNeeded: end - start)) }
                    out.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                }
            }
            indices = []
            dictionary = ByteArrayDictionaryEncoder(lengthPrefixed: fixedWidth == nil, initialCapacity: 16)
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
        return (.bytes(minValue), .bytes(maxValue))
    }

    func resetChunk() {
        dictionary = ByteArrayDictionaryEncoder(lengthPrefixed: fixedWidth == nil)
        state = DictionaryState(enabled: settings.dictionaryEnabled)
        indices.removeAll(keepingCapacity: true)
        plain.bytes.removeAll(keepingCapacity: true)
        pagePlainBytes = 0
        minValue = nil
        maxValue = nil
    }
}

/// Encodes the values of one leaf column into data-page bodies, choosing dictionary or PLAIN encoding, and tracks
/// min/max statistics. One implementation per physical type family; the ``ColumnChunkWriter`` owns the levels.
protocol PageValueWriter: AnyObject {
    /// Appends the values at `range` whose validity flag is set (all when `validity` is nil) to the current page.
    func append(_ values: ColumnValues, validity: UnsafeBufferPointer<Bool>?, range: Range<Int>, column: String) throws
    /// Approximate size in bytes of the current page's encoded values.
    var estimatedPageBytes: Int { get }
    /// Approximate size in bytes of the dictionary (0 when not dictionary-encoding).
    var estimatedDictionaryBytes: Int { get }
    /// The dictionary is still receiving values and has passed its byte limit (the page should end now).
    var dictionaryFull: Bool { get }
    /// Appends the current page's encoded values to `body` and returns their encoding, then starts a new page. May
    /// decide to stop using the dictionary for later pages (past the byte limit, or when it does not pay off on the
    /// first page).
    func flushPage(into body: inout ByteWriter) -> Encoding
    /// The dictionary page body and entry count when any flushed page used the dictionary.
    func dictionaryPage() -> (count: Int, body: [UInt8])?
    /// Min and max of the values since the last ``resetChunk()``.
    var minMax: (min: StatisticValue, max: StatisticValue)? { get }
    /// Forgets the dictionary and statistics (a new column chunk starts).
    func resetChunk()
}

/// Settings shared by the value writers.
struct ValueWriterSettings {
    /// Use dictionary encoding (falls back to PLAIN when it stops paying off).
    var dictionaryEnabled: Bool
    /// Dictionary size in bytes past which later pages are PLAIN.
    var dictionaryPageSizeLimit: Int
}

/// Dictionary bookkeeping common to the value writers.
struct DictionaryState {
    /// New values go to the dictionary.
    var active: Bool
    /// A flushed page of this chunk used the dictionary (so a dictionary page must be written).
    var used = false
    init(enabled: Bool) { active = enabled }

    /// Decides at page flush whether this page keeps its dictionary encoding. `plainBytes` is the PLAIN size of the
    /// page's values, `dictionaryBytes` the dictionary's. Returns false when the page must be encoded PLAIN (it has
    /// no values, or the dictionary does not pay off on its first page: then it is dropped for the chunk).
    mutating func keepDictionary(forPageWithPlainBytes plainBytes: Int, indexCount: Int, dictionaryCount: Int,
                                 dictionaryBytes: Int, limit: Int) -> Bool {
        guard active, indexCount > 0 else { return false }
        let indexBytes = (indexCount * RLEHybridEncoder.bitWidth(forMaxValue: UInt64(max(dictionaryCount, 1) - 1)) + 7) / 8
        if !used && plainBytes > 0 && indexBytes + dictionaryBytes >= plainBytes {
            // parquet-mr's check: encode PLAIN from now on.
            active = false
            return false
        }
        used = true
        if dictionaryBytes > limit { active = false }
        return true
    }

    /// Appends dictionary indices as a data-page body: bit-width byte, then the RLE/bit-packed hybrid runs.
    static func encodeIndices(_ indices: [UInt32], dictionaryCount: Int, into body: inout ByteWriter) {
        let width = RLEHybridEncoder.bitWidth(forMaxValue: UInt64(max(dictionaryCount, 1) - 1))
        var encoder = RLEHybridEncoder(bitWidth: width, capacity: indices.count * width / 8 + 16)
        indices.withUnsafeBufferPointer { encoder.append(contentsOf: $0) }
        body.writeByte(UInt8(width))
        body.writeBytes(encoder.finish())
    }
}

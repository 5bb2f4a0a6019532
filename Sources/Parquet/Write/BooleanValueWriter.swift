/// Value writer for BOOLEAN columns: always PLAIN (bit-packed), as parquet-mr and pyarrow write them.
final class BooleanValueWriter: PageValueWriter {
    private var page: [Bool] = []
    private var sawFalse = false
    private var sawTrue = false

    func append(_ values: ColumnValues, validity: UnsafeBufferPointer<Bool>?, range: Range<Int>, column: String) throws {
        guard values.physicalType == .boolean else {
            throw ParquetWriteError.schemaMismatch(column: column, reason: "expected Bool values, got \(values.physicalType)")
        }
        let array = values.booleans
        for i in range where validity?[i] ?? true {
            let v = array[i]
            page.append(v)
            if v { sawTrue = true } else { sawFalse = true }
        }
    }

    var estimatedPageBytes: Int { page.count / 8 }
    var estimatedDictionaryBytes: Int { 0 }
    var dictionaryFull: Bool { false }

    func flushPage(into body: inout ByteWriter) -> Encoding {
        PlainEncoder.encode(booleans: page, into: &body)
        page.removeAll(keepingCapacity: true)
        return .plain
    }

    func dictionaryPage() -> (count: Int, body: [UInt8])? { nil }

    var minMax: (min: StatisticValue, max: StatisticValue)? {
        guard sawTrue || sawFalse else { return nil }
        return (.boolean(!sawFalse), .boolean(sawTrue))
    }

    func resetChunk() {
        page.removeAll(keepingCapacity: true)
        sawFalse = false
        sawTrue = false
    }
}

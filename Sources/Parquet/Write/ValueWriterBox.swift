/// The value writer of a column, as a closed set of concrete types: calls through the enum are statically
/// dispatched, so the generic fixed-width writer runs specialized for its type (an existential would run the
/// unspecialized generic code, several times slower).
enum ValueWriterBox {
    case boolean(BooleanValueWriter)
    case int32(FixedWidthValueWriter<Int32>)
    case int64(FixedWidthValueWriter<Int64>)
    case float(FixedWidthValueWriter<Float>)
    case double(FixedWidthValueWriter<Double>)
    case bytes(ByteArrayValueWriter)

    /// The writer for `column`.
    init(column: ColumnDescriptor, settings: ValueWriterSettings) {
        switch column.physicalType {
        case .boolean: self = .boolean(BooleanValueWriter())
        case .int32: self = .int32(FixedWidthValueWriter<Int32>(settings: settings))
        case .int64: self = .int64(FixedWidthValueWriter<Int64>(settings: settings))
        case .float: self = .float(FixedWidthValueWriter<Float>(settings: settings))
        case .double: self = .double(FixedWidthValueWriter<Double>(settings: settings))
        case .byteArray: self = .bytes(ByteArrayValueWriter(settings: settings, fixedWidth: nil, signedOrder: false))
        case .int96: self = .bytes(ByteArrayValueWriter(settings: settings, fixedWidth: 12, signedOrder: false))
        case .fixedLenByteArray:
            let isDecimal: Bool
            if case .decimal? = column.logicalType { isDecimal = true } else { isDecimal = column.convertedType == .decimal }
            self = .bytes(ByteArrayValueWriter(settings: settings, fixedWidth: column.typeLength, signedOrder: isDecimal))
        }
    }

    func append(_ values: ColumnValues, validity: UnsafeBufferPointer<Bool>?, range: Range<Int>, column: String) throws {
        switch self {
        case .boolean(let w): try w.append(values, validity: validity, range: range, column: column)
        case .int32(let w): try w.append(values, validity: validity, range: range, column: column)
        case .int64(let w): try w.append(values, validity: validity, range: range, column: column)
        case .float(let w): try w.append(values, validity: validity, range: range, column: column)
        case .double(let w): try w.append(values, validity: validity, range: range, column: column)
        case .bytes(let w): try w.append(values, validity: validity, range: range, column: column)
        }
    }

    /// The writer behind the enum, for the calls that are not hot.
    var writer: PageValueWriter {
        switch self {
        case .boolean(let w): return w
        case .int32(let w): return w
        case .int64(let w): return w
        case .float(let w): return w
        case .double(let w): return w
        case .bytes(let w): return w
        }
    }

    var estimatedPageBytes: Int { writer.estimatedPageBytes }
    var estimatedDictionaryBytes: Int { writer.estimatedDictionaryBytes }
    var dictionaryFull: Bool { writer.dictionaryFull }
    func flushPage(into body: inout ByteWriter) -> Encoding {
        switch self {
        case .int32(let w): return w.flushPage(into: &body)
        case .int64(let w): return w.flushPage(into: &body)
        case .float(let w): return w.flushPage(into: &body)
        case .double(let w): return w.flushPage(into: &body)
        default: return writer.flushPage(into: &body)
        }
    }
    func dictionaryPage() -> (count: Int, body: [UInt8])? { writer.dictionaryPage() }
    var minMax: (min: StatisticValue, max: StatisticValue)? { writer.minMax }
    func resetChunk() { writer.resetChunk() }
}

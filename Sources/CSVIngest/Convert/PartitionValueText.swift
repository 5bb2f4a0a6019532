import DeltaLog

/// The canonical partition-value text of a CSV field (PROTOCOL.md: Partition Value Serialization): dates
/// `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS.ffffff`, numbers and booleans in their plain form.
enum PartitionValueText {
    /// `.some(nil)` for a null, `.some(text)` for a value, nil when the text does not fit the type.
    static func canonical(_ b: UnsafeBufferPointer<UInt8>, spec: ColumnSpec, isNull: Bool) -> String?? {
        if isNull { return .some(nil) }
        switch spec.type {
        case .string: return .some(String(decoding: b, as: UTF8.self))
        case .boolean: return ValueParsers.parseBool(b).map { .some($0 ? "true" : "false") }
        case .byte, .short, .integer, .long:
            guard let v = ValueParsers.parseInt64(b) else { return nil }
            switch spec.type {
            case .byte where Int8(exactly: v) == nil, .short where Int16(exactly: v) == nil,
                 .integer where Int32(exactly: v) == nil:
                return nil
            default: return .some(String(v))
            }
        case .float, .double: return ValueParsers.parseDouble(b).map { .some(ValueFormat.double($0)) }
        case .decimal(let p, let s):
            guard let v = ValueParsers.parseDecimal(b, scale: s), String(v.magnitude).count <= p else { return nil }
            return .some(ValueFormat.decimal(v, scale: s))
        case .date:
            return (spec.dateStyle.parse(b) ?? DateParsers.parseISODate(b)).map { .some(ValueFormat.date($0)) }
        case .timestamp: return DateParsers.parseISOTimestamp(b).map { .some(ValueFormat.timestamp($0)) }
        default: return nil
        }
    }
}

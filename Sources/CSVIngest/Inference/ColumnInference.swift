import DeltaLog

/// Infers one column's type from its values: every value narrows the set of types that can still hold all values
/// seen so far, so the result is the narrowest type that holds every value (safe widening: integer -> long ->
/// decimal(p,s) or double -> string; booleans; dates; timestamps). Empty values and the null marker are ignored.
public struct ColumnInference: Sendable, Equatable {
    struct Kinds: OptionSet, Sendable {
        let rawValue: UInt16
        static let boolean = Kinds(rawValue: 1)
        static let int32 = Kinds(rawValue: 2)
        static let int64 = Kinds(rawValue: 4)
        static let decimal = Kinds(rawValue: 8)
        static let double = Kinds(rawValue: 16)
        static let isoDate = Kinds(rawValue: 32)
        static let altDate = Kinds(rawValue: 64)
        static let timestamp = Kinds(rawValue: 128)
        static let numeric: Kinds = [.int32, .int64, .decimal, .double]
        static let all: Kinds = [.boolean, .numeric, .isoDate, .altDate, .timestamp]
    }

    var kinds: Kinds = .all
    /// Non-null values seen. Block observation (a conversion) stops counting once a column is settled as text.
    public private(set) var nonNullCount = 0
    /// Null (empty or marker) values seen (with the same exception).
    public private(set) var nullCount = 0
    var maxIntegerDigits = 0
    var maxScale = 0
    let altDate: DateStyle

    /// An inference where dates in `altDate` style (besides ISO) are recognised.
    public init(altDate: DateStyle = .us) { self.altDate = altDate }

    /// Observes one non-null value.
    public mutating func observe(_ b: UnsafeBufferPointer<UInt8>) {
        nonNullCount += 1
        if kinds.isEmpty { return }
        if kinds.contains(.boolean), ValueParsers.parseBool(b) == nil { kinds.remove(.boolean) }
        if !kinds.isDisjoint(with: .numeric) { observeNumber(b) }
        if kinds.contains(.isoDate), DateParsers.parseISODate(b) == nil { kinds.remove(.isoDate) }
        if kinds.contains(.altDate), altDate.parse(b) == nil { kinds.remove(.altDate) }
        if kinds.contains(.timestamp), DateParsers.parseISOTimestamp(b) == nil { kinds.remove(.timestamp) }
    }

    /// Observes a null value.
    public mutating func observeNull() { nullCount += 1 }

    /// Whether the column can only be text, whatever values come: block observation then stops (and stops counting).
    var isSettledAsText: Bool { kinds.isEmpty && nonNullCount > 0 }

    // Shortcuts for a conversion that has just parsed a value as its column's type: each observes the value exactly
    // as ``observe(_:)`` would, from what the parse proved, when the inference's state allows it; false (nothing
    // observed) otherwise, and the caller observes the text.

    /// An integer `value` written with `digits` digits after an optional sign; `leadingZero` when the first of
    /// several digits is a 0 (such text stays text).
    @inline(__always)
    mutating func observeParsedInteger(_ value: Int64, digits: Int, leadingZero: Bool) -> Bool {
        guard !leadingZero, kinds.isSubset(of: .numeric), !kinds.isDisjoint(with: [.int32, .int64]) else { return false }
        nonNullCount += 1
        if value < Int64(Int32.min) || value > Int64(Int32.max) { kinds.remove(.int32) }
        maxIntegerDigits = max(maxIntegerDigits, digits == 1 && value == 0 ? 0 : digits)
        if maxIntegerDigits + maxScale > 38 { kinds.remove(.decimal) }
        return true
    }

    /// A date that parsed in `style` (not as an ISO date).
    @inline(__always)
    mutating func observeParsedDate(_ style: DateStyle) -> Bool {
        guard kinds.isSubset(of: .altDate), style == altDate else { return false }
        nonNullCount += 1
        return true
    }

    /// A `true` or `false`.
    @inline(__always)
    mutating func observeParsedBool() -> Bool {
        guard kinds.isSubset(of: .boolean) else { return false }
        nonNullCount += 1
        return true
    }

    /// Observes field `column` of every row of `block`.
    mutating func observe(column: Int, of block: CSVBlock, nulls: NullMarker) {
        if isSettledAsText { return }
        let fields = BlockFields(block)
        let n = block.rowCount
        for r in 0..<n {
            let field = fields.field(r, column)
            if nulls.isNull(field) { observeNull() } else { observe(field) }
        }
    }

    private mutating func observeNumber(_ b: UnsafeBufferPointer<UInt8>) {
        if let (shape, integer) = ValueParsers.numberShape(b) {
            if shape.hasPoint {
                kinds.subtract([.int32, .int64])
            } else if !kinds.isDisjoint(with: [.int32, .int64]) {
                if let v = integer ?? ValueParsers.parseInt64(b) {
                    if v < Int64(Int32.min) || v > Int64(Int32.max) { kinds.remove(.int32) }
                } else {
                    kinds.subtract([.int32, .int64])
                }
            }
            maxIntegerDigits = max(maxIntegerDigits, shape.integerDigits)
            maxScale = max(maxScale, shape.scale)
            if maxIntegerDigits + maxScale > 38 { kinds.remove(.decimal) }
            // A plain decimal is always a valid double: no need to parse it as one.
        } else {
            kinds.subtract([.int32, .int64, .decimal])
            if kinds.contains(.double), ValueParsers.parseDouble(b) == nil { kinds.remove(.double) }
        }
    }

    /// The inferred column (`string` when no value was seen or nothing narrower holds them all).
    public func column(named name: String) -> ColumnSpec {
        guard nonNullCount > 0 else { return ColumnSpec(name: name, type: .string) }
        if kinds.contains(.boolean) { return ColumnSpec(name: name, type: .boolean) }
        if kinds.contains(.int32) { return ColumnSpec(name: name, type: .integer) }
        if kinds.contains(.int64) { return ColumnSpec(name: name, type: .long) }
        if kinds.contains(.decimal) {
            let precision = max(1, maxIntegerDigits + maxScale)
            return ColumnSpec(name: name, type: .decimal(precision: precision, scale: maxScale))
        }
        if kinds.contains(.double) { return ColumnSpec(name: name, type: .double) }
        if kinds.contains(.isoDate) { return ColumnSpec(name: name, type: .date, dateStyle: .iso) }
        if kinds.contains(.altDate) { return ColumnSpec(name: name, type: .date, dateStyle: altDate) }
        if kinds.contains(.timestamp) { return ColumnSpec(name: name, type: .timestamp) }
        return ColumnSpec(name: name, type: .string)
    }
}

import DeltaLog

/// Text of one column type to its physical value: small value types, so that the column loops that take them
/// (generic, specialized per parser) inline the parsing. Each accepts exactly what ``ValueParsers`` and
/// ``DateParsers`` accept for the type.
protocol TextParser {
    associatedtype Value
    /// The value of `text`, or nil when it does not fit the type.
    func parse(_ text: UnsafeBufferPointer<UInt8>) -> Value?
    /// ``parse(_:)``, observing `text` into `inference` on the way (as ``ColumnInference/observe(_:)`` does, but
    /// cheaper where the parse proves enough).
    func parseObserving(_ text: UnsafeBufferPointer<UInt8>, _ inference: inout ColumnInference) -> Value?
}

extension TextParser {
    func parseObserving(_ text: UnsafeBufferPointer<UInt8>, _ inference: inout ColumnInference) -> Value? {
        inference.observe(text)
        return parse(text)
    }
}

/// Integer text: the number of digits and whether a 0 leads several.
@inline(__always)
func integerDigits(_ text: UnsafeBufferPointer<UInt8>) -> (digits: Int, leadingZero: Bool) {
    let signed = text[0] == 0x2D || text[0] == 0x2B ? 1 : 0
    let digits = text.count - signed
    return (digits, digits > 1 && text[signed] == 0x30)
}

/// `true` / `false` in any case.
struct BoolText: TextParser {
    @inline(__always) func parse(_ text: UnsafeBufferPointer<UInt8>) -> Bool? { ValueParsers.parseBool(text) }
    @inline(__always) func parseObserving(_ text: UnsafeBufferPointer<UInt8>, _ inference: inout ColumnInference) -> Bool? {
        guard let v = parse(text) else { inference.observe(text); return nil }
        if !inference.observeParsedBool() { inference.observe(text) }
        return v
    }
}

/// An integer that fits `Narrow` (byte, short, integer columns), as INT32.
struct IntegerText<Narrow: FixedWidthInteger>: TextParser {
    @inline(__always) func parse(_ text: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let v = ValueParsers.parseInt64(text), let narrow = Narrow(exactly: v) else { return nil }
        return Int32(truncatingIfNeeded: narrow)
    }
    @inline(__always) func parseObserving(_ text: UnsafeBufferPointer<UInt8>, _ inference: inout ColumnInference) -> Int32? {
        guard let v = ValueParsers.parseInt64(text) else { inference.observe(text); return nil }
        let (digits, leadingZero) = integerDigits(text)
        if !inference.observeParsedInteger(v, digits: digits, leadingZero: leadingZero) { inference.observe(text) }
        guard let narrow = Narrow(exactly: v) else { return nil }
        return Int32(truncatingIfNeeded: narrow)
    }
}

/// A long.
struct LongText: TextParser {
    @inline(__always) func parse(_ text: UnsafeBufferPointer<UInt8>) -> Int64? { ValueParsers.parseInt64(text) }
    @inline(__always) func parseObserving(_ text: UnsafeBufferPointer<UInt8>, _ inference: inout ColumnInference) -> Int64? {
        guard let v = ValueParsers.parseInt64(text) else { inference.observe(text); return nil }
        let (digits, leadingZero) = integerDigits(text)
        if !inference.observeParsedInteger(v, digits: digits, leadingZero: leadingZero) { inference.observe(text) }
        return v
    }
}

/// A float (parsed as a double, then rounded).
struct FloatText: TextParser {
    @inline(__always) func parse(_ text: UnsafeBufferPointer<UInt8>) -> Float? {
        ValueParsers.parseDouble(text).map { Float($0) }
    }
}

/// A double.
struct DoubleText: TextParser {
    @inline(__always) func parse(_ text: UnsafeBufferPointer<UInt8>) -> Double? { ValueParsers.parseDouble(text) }
}

/// A US date (`MM/DD/YYYY`, one-digit month and day too), or an ISO one.
struct USDateText: TextParser {
    @inline(__always) func parse(_ text: UnsafeBufferPointer<UInt8>) -> Int32? {
        DateParsers.parseUSDate(text) ?? DateParsers.parseISODate(text)
    }
    @inline(__always) func parseObserving(_ text: UnsafeBufferPointer<UInt8>, _ inference: inout ColumnInference) -> Int32? {
        if let days = DateParsers.parseUSDate(text) {
            if !inference.observeParsedDate(.us) { inference.observe(text) }
            return days
        }
        inference.observe(text)
        return DateParsers.parseISODate(text)
    }
}

/// A date in `style`, or an ISO one.
struct DateText: TextParser {
    let style: DateStyle
    @inline(__always) func parse(_ text: UnsafeBufferPointer<UInt8>) -> Int32? {
        style.parse(text) ?? DateParsers.parseISODate(text)
    }
}

/// An ISO timestamp, or a date in `style` (at midnight UTC), as microseconds.
struct TimestampText: TextParser {
    let style: DateStyle
    @inline(__always) func parse(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        DateParsers.parseISOTimestamp(text) ?? style.parse(text).map { Int64($0) * 86_400_000_000 }
    }
}

/// A decimal of `scale` whose unscaled value lies strictly within ±`limit` (10^precision), as INT32 or INT64.
struct DecimalText<Unscaled: FixedWidthInteger>: TextParser {
    let scale: Int
    let limit: Int128
    @inline(__always) func parse(_ text: UnsafeBufferPointer<UInt8>) -> Unscaled? {
        guard let v = ValueParsers.parseDecimal(text, scale: scale), v < limit, v > -limit else { return nil }
        return Unscaled(exactly: v)
    }
}

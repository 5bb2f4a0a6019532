import Parquet

/// Parsing a block's column into the builder: one tight loop per type, straight from the tokenizer's buffer.
extension ColumnBuilder {
    /// Appends field `column` of the block's `rows` (in order). An empty field or the null marker is a null (a
    /// bad value when the column is not `nullable`); a value that does not fit the type is a bad value. A bad
    /// value gets a null slot and `bad(row)` is called: the caller then removes the row (``removeRows(_:)``).
    ///
    /// With `inference`, each field is also observed into it, exactly as ``ColumnInference/observe(_:)`` and
    /// ``ColumnInference/observeNull()`` would, but sharing the parse where the type allows (integers, booleans,
    /// dates in the inference's alternative style): the single-pass conversion confirms its types this way.
    mutating func append<Rows: Collection>(column: Int, of block: CSVBlock, rows: Rows, nulls: NullMarker,
                                           nullable: Bool, observing inference: inout ColumnInference?,
                                           bad: (Int) -> Void) where Rows.Element == Int {
        let fields = BlockFields(block)
        let input = ColumnInput(column: column, fields: fields, rows: rows, nulls: nulls, nullable: nullable)
        var nullsSeen = 0
        if inference?.isSettledAsText ?? false {
            // Nothing left to observe (block observation stops there too).
            var none: ColumnInference?
            append(column: column, of: block, rows: rows, nulls: nulls, nullable: nullable, observing: &none, bad: bad)
            return
        }
        if inference != nil && (kind == .string || kind == .decimalWide) {
            for r in rows {
                let field = fields.field(r, column)
                if nulls.isNull(field) { inference?.observeNull() } else { inference?.observe(field) }
            }
        }
        switch kind {
        case .string:
            appendStrings(column, fields, rows, nulls, nullable, bad)
            return
        case .boolean:
            nullsSeen = Self.fill(&values.booleans, &validity, false, input, &inference, bad, BoolText())
        case .byte:
            nullsSeen = Self.fill(&values.int32s, &validity, 0, input, &inference, bad, IntegerText<Int8>())
        case .short:
            nullsSeen = Self.fill(&values.int32s, &validity, 0, input, &inference, bad, IntegerText<Int16>())
        case .integer:
            nullsSeen = Self.fill(&values.int32s, &validity, 0, input, &inference, bad, IntegerText<Int32>())
        case .long:
            nullsSeen = Self.fill(&values.int64s, &validity, 0, input, &inference, bad, LongText())
        case .float:
            nullsSeen = Self.fill(&values.floats, &validity, 0, input, &inference, bad, FloatText())
        case .double:
            nullsSeen = Self.fill(&values.doubles, &validity, 0, input, &inference, bad, DoubleText())
        case .date:
            if spec.dateStyle == .us {
                nullsSeen = Self.fill(&values.int32s, &validity, 0, input, &inference, bad, USDateText())
            } else {
                nullsSeen = Self.fill(&values.int32s, &validity, 0, input, &inference, bad, DateText(style: spec.dateStyle))
            }
        case .timestamp:
            nullsSeen = Self.fill(&values.int64s, &validity, 0, input, &inference, bad, TimestampText(style: spec.dateStyle))
        case .decimal32:
            nullsSeen = Self.fill(&values.int32s, &validity, 0, input, &inference, bad, DecimalText<Int32>(scale: scale, limit: decimalLimit))
        case .decimal64:
            nullsSeen = Self.fill(&values.int64s, &validity, 0, input, &inference, bad, DecimalText<Int64>(scale: scale, limit: decimalLimit))
        case .decimalWide:
            for r in rows {
                let field = fields.field(r, column)
                if nulls.isNull(field) {
                    appendNull()
                    if !nullable { bad(r) }
                } else if !appendWideDecimal(field) {
                    appendNull()
                    bad(r)
                }
            }
            return
        }
        nullCount += nullsSeen
        approximateBytes += estimatedSize(byteCount: 0) * (rows.count - nullsSeen)
    }

    /// The loop for fixed-width values: slots for every row are added first, then filled in place.
    /// Returns the number of null slots added (nulls and bad values).
    @inline(__always)
    private static func fill<T, Rows: Collection, Parser: TextParser>(
        _ out: inout [T], _ validity: inout [Bool], _ zero: T, _ input: ColumnInput<Rows>,
        _ inference: inout ColumnInference?, _ bad: (Int) -> Void, _ parser: Parser
    ) -> Int where Rows.Element == Int, Parser.Value == T {
        if let observing = inference {
            var observed = Observed(inference: observing)
            defer { inference = observed.inference }
            return fill(&out, &validity, zero, input, bad, parser, &observed)
        }
        var unobserved = Unobserved()
        return fill(&out, &validity, zero, input, bad, parser, &unobserved)
    }

    @inline(__always)
    private static func fill<T, Rows: Collection, Parser: TextParser, Observation: FillObservation>(
        _ out: inout [T], _ validity: inout [Bool], _ zero: T, _ input: ColumnInput<Rows>, _ bad: (Int) -> Void,
        _ parser: Parser, _ observation: inout Observation
    ) -> Int where Rows.Element == Int, Parser.Value == T {
        let (column, fields, rows, nulls, nullable) = (input.column, input.fields, input.rows, input.nulls, input.nullable)
        let n = rows.count
        let base = out.count
        out.append(contentsOf: repeatElement(zero, count: n))
        validity.append(contentsOf: repeatElement(true, count: n))
        var nullsSeen = 0
        out.withUnsafeMutableBufferPointer { o in
            validity.withUnsafeMutableBufferPointer { v in
                var k = base
                for r in rows {
                    let field = fields.field(r, column)
                    if nulls.isNull(field) {
                        observation.null()
                        v[k] = false
                        nullsSeen += 1
                        if !nullable { bad(r) }
                    } else if let x = observation.value(field, parser) {
                        o[k] = x
                    } else {
                        v[k] = false
                        nullsSeen += 1
                        bad(r)
                    }
                    k += 1
                }
            }
        }
        return nullsSeen
    }

    /// The loop for strings: the bytes are measured first, so that the data grows once, then copied (short values
    /// with two word copies; the tokenizer's buffer and the data both have slack past the end).
    private mutating func appendStrings<Rows: Collection>(
        _ column: Int, _ fields: BlockFields, _ rows: Rows, _ nulls: NullMarker, _ nullable: Bool,
        _ bad: (Int) -> Void
    ) where Rows.Element == Int {
        var total = 0
        for r in rows {
            let field = fields.field(r, column)
            if !nulls.isNull(field) { total += field.count }
        }
        let n = rows.count
        let slack = CSVBlock.slack
        let dataBase = values.bytes.data.count, offsetBase = values.bytes.offsets.count
        values.bytes.data.append(contentsOf: repeatElement(0, count: total + slack))
        values.bytes.offsets.append(contentsOf: repeatElement(0, count: n))
        validity.append(contentsOf: repeatElement(true, count: n))
        var nullsSeen = 0
        values.bytes.data.withUnsafeMutableBufferPointer { d in
            values.bytes.offsets.withUnsafeMutableBufferPointer { o in
                validity.withUnsafeMutableBufferPointer { v in
                    guard let dst = UnsafeMutableRawPointer(d.baseAddress) else { return }
                    var at = dataBase, k = offsetBase
                    for r in rows {
                        let field = fields.field(r, column)
                        if nulls.isNull(field) {
                            v[k - 1] = false
                            nullsSeen += 1
                            if !nullable { bad(r) }
                        } else if let src = UnsafeRawPointer(field.baseAddress) {
                            let c = field.count
                            if c <= 256 {
                                // 16 bytes at a time, overshooting into the slack (cheaper than a memcpy call).
                                let to = dst + at
                                var k = 0
                                repeat {
                                    to.storeBytes(of: src.loadUnaligned(fromByteOffset: k, as: UInt64.self),
                                                  toByteOffset: k, as: UInt64.self)
                                    to.storeBytes(of: src.loadUnaligned(fromByteOffset: k &+ 8, as: UInt64.self),
                                                  toByteOffset: k &+ 8, as: UInt64.self)
                                    k &+= 16
                                } while k < c
                            } else {
                                (dst + at).copyMemory(from: src, byteCount: c)
                            }
                            at += c
                        }
                        o[k] = at
                        k += 1
                    }
                }
            }
        }
        values.bytes.data.removeLast(slack)
        nullCount += nullsSeen
        approximateBytes += total + 4 * (n - nullsSeen)
    }

    /// Appends a decimal wider than 18 digits; false (nothing appended) when it does not fit.
    private mutating func appendWideDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let v = ValueParsers.parseDecimal(b, scale: scale), fitsPrecision(v) else { return false }
        for i in stride(from: width - 1, through: 0, by: -1) {
            values.bytes.data.append(i >= 16 ? (v < 0 ? 0xFF : 0) : UInt8(truncatingIfNeeded: v >> (8 * i)))
        }
        values.bytes.offsets.append(values.bytes.data.count)
        validity.append(true)
        approximateBytes += width
        return true
    }
}

/// Whether (and how) a column loop observes its fields for type inference while parsing them.
protocol FillObservation {
    /// A null field.
    mutating func null()
    /// A non-null field: its value (nil when it does not parse), observed on the way.
    mutating func value<Parser: TextParser>(_ text: UnsafeBufferPointer<UInt8>, _ parser: Parser) -> Parser.Value?
}

/// No observation: parsing only.
struct Unobserved: FillObservation {
    @inline(__always) mutating func null() {}
    @inline(__always)
    mutating func value<Parser: TextParser>(_ text: UnsafeBufferPointer<UInt8>, _ parser: Parser) -> Parser.Value? {
        parser.parse(text)
    }
}

/// Observation into one column's inference.
struct Observed: FillObservation {
    var inference: ColumnInference
    @inline(__always) mutating func null() { inference.observeNull() }
    @inline(__always)
    mutating func value<Parser: TextParser>(_ text: UnsafeBufferPointer<UInt8>, _ parser: Parser) -> Parser.Value? {
        parser.parseObserving(text, &inference)
    }
}

/// One column of a block's rows, as the column loops read it.
struct ColumnInput<Rows: Collection> where Rows.Element == Int {
    /// The CSV column.
    let column: Int
    let fields: BlockFields
    /// The rows, in order.
    let rows: Rows
    let nulls: NullMarker
    /// Whether a null is a value (else it is a bad value).
    let nullable: Bool
}

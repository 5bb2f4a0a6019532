/// A streaming RFC 4180 tokenizer over raw bytes with bounded memory: it reads its source through one buffer and
/// keeps only the current record. It accepts quoted fields holding delimiters, doubled quotes and CR/LF; records
/// ended by CRLF, LF or a lone CR; a leading UTF-8 byte-order mark. Blank lines are skipped. Text after a closing
/// quote, or a quote inside an unquoted field, is kept literally (as Python's csv module does).
///
/// Fields are not copied: a record's fields point into the read buffer, which grows only when one record does not
/// fit (up to ``maxRecordBytes``). Doubled quotes are unescaped in place. The scan looks at eight bytes at a time
/// for the few bytes that matter (delimiter, quote, CR, LF).
///
/// Ragged rows (when ``expectedFieldCount`` is set) and invalid UTF-8 throw after the whole record was consumed, so a
/// caller that skips bad rows can call ``nextRecord()`` again; an unterminated quote ends the input. A record whose
/// raw bytes (delimiters and quotes included) pass ``maxRecordBytes`` throws ``CSVError/recordTooLarge(file:line:limit:)``.
public final class CSVTokenizer {
    /// Where the bytes come from.
    public let source: ByteSource
    /// Delimiter and quote.
    public let dialect: CSVDialect
    /// When set, a record with another number of fields throws ``CSVError/raggedRow(file:line:column:expected:found:)``.
    public var expectedFieldCount: Int?
    /// The current record (reused: valid until the tokenizer reads again). After ``nextBlock(maxRows:)`` reported
    /// a bad record, it is that record.
    public let record: CSVRecord
    /// The rows read by the last ``nextBlock(maxRows:)`` (reused: valid until the tokenizer reads again).
    public let block: CSVBlock
    /// Bytes consumed so far (including a byte-order mark).
    public var bytesConsumed: Int { base + pos }
    /// The largest record accepted, in raw bytes.
    public let maxRecordBytes: Int

    // The cursor state is touched once or more per record: no dynamic exclusivity checks (one thread owns it).
    @exclusivity(unchecked) var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var capacity: Int
    @exclusivity(unchecked) var pos = 0
    @exclusivity(unchecked) var end = 0
    /// File offset of `buffer[0]`.
    @exclusivity(unchecked) var base = 0
    @exclusivity(unchecked) var eof = false
    @exclusivity(unchecked) var started = false
    /// Physical line of the next record.
    @exclusivity(unchecked) var line = 1
    let positions = FieldPositions()
    /// Whether the bytes now in the buffer may hold non-ASCII bytes (then records are UTF-8 validated).
    @exclusivity(unchecked) var bufferHasNonASCII = false
    /// Fields of the current record whose raw text needs unescaping (doubled quotes, text after the closing quote);
    /// their `ends` hold the raw end until ``unescapePending()`` runs.
    @exclusivity(unchecked) var pendingUnescape: [Int] = []

    /// A tokenizer reading `source` through a buffer of `bufferSize` bytes (at least 4). A record larger than
    /// `maxRecordBytes` throws ``CSVError/recordTooLarge(file:line:limit:)``.
    public init(source: ByteSource, dialect: CSVDialect = CSVDialect(), bufferSize: Int = 1 << 20,
                maxRecordBytes: Int = 256 << 20) {
        self.source = source
        self.dialect = dialect
        capacity = max(4, bufferSize)
        buffer = Self.allocateBuffer(capacity)
        self.maxRecordBytes = max(1, maxRecordBytes)
        record = CSVRecord(buffer: buffer, positions: positions, quote: dialect.quote)
        block = CSVBlock(buffer: buffer, positions: positions, quote: dialect.quote)
    }

    /// A buffer of `capacity` bytes plus ``CSVBlock/slack`` readable bytes after them.
    static func allocateBuffer(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + CSVBlock.slack)
        b.initialize(repeating: 0, count: capacity + CSVBlock.slack)
        return b
    }

    deinit { buffer.deallocate() }

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    /// What ``readRecord(first:suspendable:)`` found.
    enum ReadOutcome { case record, end, suspended }

    /// The scan position while a record is read: plain values, so that the hot loop keeps them in registers.
    struct Cursor {
        /// The next byte to look at.
        var p: Int
        /// The end of the buffered bytes.
        var e: Int
        var buffer: UnsafeMutablePointer<UInt8>
        /// Where the record and the current field start.
        var recordStart: Int
        var fieldStart: Int
    }

    /// Thrown by ``more(_:fields:suspendable:)`` to give up a record that runs past the buffered bytes.
    struct Suspend: Error {}

    /// Reads one record (blank ones included) into ``record``, its fields stored from position `first` on.
    /// `.end` at the end of the input; `.suspended` (only when `suspendable`) when the record runs past the
    /// buffered bytes: nothing was consumed, and the next call (not suspendable) reads it again after a refill.
    func readRecord(first: Int, suspendable: Bool) throws -> ReadOutcome {
        precondition(first == 0 || suspendable, "only a block's first record may move the buffer")
        let rec = record
        var c = Cursor(p: pos, e: end, buffer: buffer, recordStart: pos, fieldStart: pos)
        defer { pos = c.p }
        var n = 0, newlines = 0
        positions.reserve(first + 64, keeping: first)
        var starts = positions.starts + first, ends = positions.ends + first, room = positions.capacity - first
        rec.first = first
        rec.line = line
        rec.count = 0
        rec.embeddedNewlines = 0
        if !pendingUnescape.isEmpty { pendingUnescape.removeAll(keepingCapacity: true) }
        let delim = dialect.delimiter, quote = dialect.quote
        let delimMask = SWAR.splat(delim), quoteMask = SWAR.splat(quote)
        let lfMask = SWAR.splat(0x0A), crMask = SWAR.splat(0x0D)
        let delimVector = SIMD16<UInt8>(repeating: delim), quoteVector = SIMD16<UInt8>(repeating: quote)
        let lfVector = SIMD16<UInt8>(repeating: 0x0A), crVector = SIMD16<UInt8>(repeating: 0x0D)

        func growRoom() {
            positions.reserve(first + n + 1, keeping: first + n)
            starts = positions.starts + first
            ends = positions.ends + first
            room = positions.capacity - first
        }
        @inline(__always) func addField(_ from: Int, _ to: Int) {
            if n == room { growRoom() }
            starts[n] = from
            ends[n] = to
            n &+= 1
        }

        var state = State.fieldStart
        var consumedAny = false
        var flagged = false  // the current field needs unescaping
        do {
            while true {
                switch state {
                case .fieldStart:
                    if c.p == c.e, try !more(&c, fields: n, suspendable: suspendable) {
                        if consumedAny { addField(c.p, c.p) }
                        try finishRecord(c, fields: n, newlines: newlines)
                        return consumedAny ? .record : .end
                    }
                    consumedAny = true
                    c.fieldStart = c.p
                    flagged = false
                    if c.buffer[c.p] == quote {
                        c.p &+= 1
                        state = .quoted
                        continue
                    }
                    // The common case, runs of unquoted fields, in a loop of its own (see `UnquotedRun`).
                    let run = UnquotedRun.scan(c.buffer, from: c.p, to: c.e, starts: starts, ends: ends, count: n,
                                               room: room, delimiter: delim, quote: quote)
                    n = run.count
                    c.p = run.p
                    switch run.stop {
                    case .lineEnd:
                        try endLine(c.buffer[c.p &- 1], &c, fields: n, newlines: newlines, suspendable: suspendable)
                        try finishRecord(c, fields: n, newlines: newlines)
                        return .record
                    case .fieldStart:
                        break  // a quoted field, the end of the buffered bytes, or no room for more positions
                    case .inField:
                        c.fieldStart = run.fieldStart
                        state = .unquoted
                    }
                    if n == room { growRoom() }
                case .unquoted:
                    let buf = c.buffer, e = c.e
                    var i = c.p
                    scan: do {
                        while i &+ 16 <= e {
                            let v = UnsafeRawPointer(buf + i).loadUnaligned(as: SIMD16<UInt8>.self)
                            let m = (v .== delimVector) .| (v .== lfVector) .| (v .== crVector)
                            if any(m) { i &+= SIMDScan.firstSet(m); break scan }
                            i &+= 16
                        }
                        while i &+ 8 <= e {
                            let w = UInt64(littleEndian: UnsafeRawPointer(buf + i).loadUnaligned(as: UInt64.self))
                            let m = SWAR.zeroBytes(w ^ delimMask) | SWAR.zeroBytes(w ^ lfMask)
                                | SWAR.zeroBytes(w ^ crMask)
                            if m != 0 { i &+= m.trailingZeroBitCount >> 3; break scan }
                            i &+= 8
                        }
                        while i < e {
                            let b = buf[i]
                            if b == delim || b == 0x0A || b == 0x0D { break }
                            i &+= 1
                        }
                    }
                    c.p = i
                    if i == e {
                        if try !more(&c, fields: n, suspendable: suspendable) {
                            addField(c.fieldStart, c.p)
                            try finishRecord(c, fields: n, newlines: newlines)
                            return .record
                        }
                        continue
                    }
                    let b = buf[i]
                    c.p = i &+ 1
                    addField(c.fieldStart, i)
                    if b == delim {
                        // The next field, without going round the state machine when it is unquoted too.
                        if c.p < e && buf[c.p] != quote {
                            c.fieldStart = c.p
                            flagged = false
                        } else {
                            state = .fieldStart
                        }
                        continue
                    }
                    try endLine(b, &c, fields: n, newlines: newlines, suspendable: suspendable)
                    try finishRecord(c, fields: n, newlines: newlines)
                    return .record
                case .quoted:
                    let buf = c.buffer, e = c.e
                    var i = c.p
                    scan: do {
                        while i &+ 16 <= e {
                            let v = UnsafeRawPointer(buf + i).loadUnaligned(as: SIMD16<UInt8>.self)
                            let m = (v .== quoteVector) .| (v .== lfVector)
                            if any(m) { i &+= SIMDScan.firstSet(m); break scan }
                            i &+= 16
                        }
                        while i &+ 8 <= e {
                            let w = UInt64(littleEndian: UnsafeRawPointer(buf + i).loadUnaligned(as: UInt64.self))
                            let m = SWAR.zeroBytes(w ^ quoteMask) | SWAR.zeroBytes(w ^ lfMask)
                            if m != 0 { i &+= m.trailingZeroBitCount >> 3; break scan }
                            i &+= 8
                        }
                        while i < e {
                            let b = buf[i]
                            if b == quote || b == 0x0A { break }
                            i &+= 1
                        }
                    }
                    c.p = i
                    if i == e {
                        if try !more(&c, fields: n, suspendable: suspendable) {
                            if c.e - c.recordStart > maxRecordBytes {
                                throw CSVError.recordTooLarge(file: source.name, line: rec.line, limit: maxRecordBytes)
                            }
                            rec.count = n
                            rec.embeddedNewlines = newlines
                            rec.bufferFileOffset = base
                            throw CSVError.unterminatedQuote(file: source.name, line: rec.line(ofField: n),
                                                             column: n + 1, byteOffset: base + c.fieldStart)
                        }
                        continue
                    }
                    c.p = i &+ 1
                    if buf[i] == 0x0A {
                        newlines += 1
                    } else {
                        state = .afterQuote
                    }
                case .afterQuote:
                    // `p - 1` is a quote that closed the field, unless it is doubled.
                    if c.p == c.e, try !more(&c, fields: n, suspendable: suspendable) {
                        addField(c.fieldStart, flagged ? c.p : c.p - 1)
                        try finishRecord(c, fields: n, newlines: newlines)
                        return .record
                    }
                    let b = c.buffer[c.p]
                    if b == quote {
                        if !flagged { flagged = true; pendingUnescape.append(n) }
                        c.p += 1
                        state = .quoted
                    } else if b == delim {
                        addField(c.fieldStart, flagged ? c.p : c.p - 1)
                        c.p += 1
                        state = .fieldStart
                    } else if b == 0x0A || b == 0x0D {
                        addField(c.fieldStart, flagged ? c.p : c.p - 1)
                        c.p += 1
                        try endLine(b, &c, fields: n, newlines: newlines, suspendable: suspendable)
                        try finishRecord(c, fields: n, newlines: newlines)
                        return .record
                    } else {
                        if !flagged { flagged = true; pendingUnescape.append(n) }
                        state = .unquoted
                    }
                }
            }
        } catch is Suspend {
            c.p = c.recordStart
            rec.count = 0
            return .suspended
        }
    }
}

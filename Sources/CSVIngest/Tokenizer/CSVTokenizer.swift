/// The CSV dialect: field delimiter and quote byte.
public struct CSVDialect: Sendable, Equatable {
    /// The byte between fields (`,` by default; `;`, tab and `|` are common too).
    public var delimiter: UInt8
    /// The byte that quotes a field (`"`); doubled inside a quoted field it stands for itself.
    public var quote: UInt8

    /// A dialect with the given delimiter and quote.
    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\"")) {
        self.delimiter = delimiter
        self.quote = quote
    }
}

/// A streaming RFC 4180 tokenizer over raw bytes with bounded memory: it reads its source through one fixed-size
/// buffer and keeps only the current record. It accepts quoted fields holding delimiters, doubled quotes and CR/LF;
/// records ended by CRLF, LF or a lone CR; a leading UTF-8 byte-order mark. Blank lines are skipped. Text after a
/// closing quote, or a quote inside an unquoted field, is kept literally (as Python's csv module does).
///
/// Ragged rows (when ``expectedFieldCount`` is set) and invalid UTF-8 throw after the whole record was consumed, so a
/// caller that skips bad rows can call ``nextRecord()`` again; an unterminated quote ends the input.
public final class CSVTokenizer {
    /// Where the bytes come from.
    public let source: ByteSource
    /// Delimiter and quote.
    public let dialect: CSVDialect
    /// When set, a record with another number of fields throws ``CSVError/raggedRow(file:line:column:expected:found:)``.
    public var expectedFieldCount: Int?
    /// The current record (reused: valid until the next call to ``nextRecord()``).
    public let record = CSVRecord()
    /// Bytes consumed so far (including a byte-order mark).
    public var bytesConsumed: Int { base + pos }

    private let ptr: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private let maxRecordBytes: Int
    private var pos = 0
    private var end = 0
    private var base = 0
    private var eof = false
    private var started = false
    private var line = 1

    /// A tokenizer reading `source` through a buffer of `bufferSize` bytes (at least 4). A record larger than
    /// `maxRecordBytes` throws ``CSVError/recordTooLarge(file:line:limit:)``.
    public init(source: ByteSource, dialect: CSVDialect = CSVDialect(), bufferSize: Int = 1 << 20,
                maxRecordBytes: Int = 256 << 20) {
        self.source = source
        self.dialect = dialect
        capacity = max(4, bufferSize)
        ptr = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        self.maxRecordBytes = maxRecordBytes
    }

    deinit { ptr.deallocate() }

    /// Reads the next record into ``record``; false at the end of the input.
    public func nextRecord() throws -> Bool {
        if !started { try start() }
        while true {
            record.reset()
            guard try readRecord() else { return false }
            if record.count == 1 && record.ends[0] == 0 && !record.quoted[0] { continue }  // blank line
            try check()
            return true
        }
    }

    private func start() throws {
        started = true
        while end < 3 {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(start: ptr + end, count: capacity - end))
            if n == 0 { eof = true; break }
            end += n
        }
        if end >= 3 && ptr[0] == 0xEF && ptr[1] == 0xBB && ptr[2] == 0xBF { pos = 3 }
    }

    private func refill() throws -> Bool {
        if eof { return false }
        base += end
        pos = 0
        end = 0
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: ptr, count: capacity))
        if n == 0 { eof = true; return false }
        end = n
        return true
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    @inline(__always) private func append(_ from: Int, _ to: Int) throws {
        if to > from {
            record.bytes.append(contentsOf: UnsafeBufferPointer(start: ptr + from, count: to - from))
            if record.bytes.count > maxRecordBytes {
                throw CSVError.recordTooLarge(file: source.name, line: record.line, limit: maxRecordBytes)
            }
        }
    }

    @inline(__always) private func endField() { record.ends.append(record.bytes.count) }

    private func skipLF() throws {
        if pos == end, !(try refill()) { return }
        if ptr[pos] == 0x0A { pos += 1 }
    }

    private func readRecord() throws -> Bool {
        let delim = dialect.delimiter, quote = dialect.quote
        let delimMask = SWAR.splat(delim), quoteMask = SWAR.splat(quote)
        let lfMask = SWAR.splat(0x0A), crMask = SWAR.splat(0x0D)
        var state = State.fieldStart
        var consumedAny = false
        while true {
            switch state {
            case .fieldStart:
                if pos == end, !(try refill()) {
                    if consumedAny { record.quoted.append(false); endField() }
                    return consumedAny
                }
                consumedAny = true
                record.lines.append(line)
                record.offsets.append(base + pos)
                if ptr[pos] == quote {
                    pos += 1
                    record.quoted.append(true)
                    state = .quoted
                } else {
                    record.quoted.append(false)
                    state = .unquoted
                }
            case .unquoted:
                let from = pos
                var i = pos
                let stop = end
                scan: do {
                    while i &+ 8 <= stop {
                        let w = UInt64(littleEndian: UnsafeRawPointer(ptr + i).loadUnaligned(as: UInt64.self))
                        let m = SWAR.zeroBytes(w ^ delimMask) | SWAR.zeroBytes(w ^ lfMask) | SWAR.zeroBytes(w ^ crMask)
                        if m != 0 { i &+= m.trailingZeroBitCount >> 3; break scan }
                        i &+= 8
                    }
                    while i < stop {
                        let b = ptr[i]
                        if b == delim || b == 0x0A || b == 0x0D { break }
                        i &+= 1
                    }
                }
                try append(from, i)
                pos = i
                if i == stop {
                    if !(try refill()) { endField(); return true }
                    continue
                }
                let b = ptr[i]
                pos = i + 1
                endField()
                if b == delim { state = .fieldStart; continue }
                line += 1
                if b == 0x0D { try skipLF() }
                return true
            case .quoted:
                let from = pos
                var i = pos
                let stop = end
                scan: do {
                    while i &+ 8 <= stop {
                        let w = UInt64(littleEndian: UnsafeRawPointer(ptr + i).loadUnaligned(as: UInt64.self))
                        let m = SWAR.zeroBytes(w ^ quoteMask) | SWAR.zeroBytes(w ^ lfMask)
                        if m != 0 { i &+= m.trailingZeroBitCount >> 3; break scan }
                        i &+= 8
                    }
                    while i < stop {
                        let b = ptr[i]
                        if b == quote || b == 0x0A { break }
                        i &+= 1
                    }
                }
                try append(from, i)
                pos = i
                if i == stop {
                    if !(try refill()) {
                        throw CSVError.unterminatedQuote(file: source.name, line: record.lines.last ?? line,
                                                         column: record.ends.count + 1,
                                                         byteOffset: record.offsets.last ?? base)
                    }
                    continue
                }
                if ptr[i] == 0x0A {
                    try append(i, i + 1)
                    line += 1
                    pos = i + 1
                } else {
                    pos = i + 1
                    state = .quoteInQuoted
                }
            case .quoteInQuoted:
                if pos == end, !(try refill()) { endField(); return true }
                let b = ptr[pos]
                if b == quote {
                    try append(pos, pos + 1)
                    pos += 1
                    state = .quoted
                } else if b == delim {
                    pos += 1
                    endField()
                    state = .fieldStart
                } else if b == 0x0A || b == 0x0D {
                    pos += 1
                    endField()
                    line += 1
                    if b == 0x0D { try skipLF() }
                    return true
                } else {
                    state = .unquoted
                }
            }
        }
    }

    private func check() throws {
        let hasNonASCII = record.bytes.withUnsafeBufferPointer { UTF8Validator.hasNonASCII($0) }
        if hasNonASCII {
            for i in 0..<record.count where !record.withField(i, UTF8Validator.isValid) {
                throw CSVError.invalidUTF8(file: source.name, line: record.lines[i], column: i + 1,
                                           byteOffset: record.offsets[i])
            }
        }
        if let expected = expectedFieldCount, record.count != expected {
            throw CSVError.raggedRow(file: source.name, line: record.line, column: min(record.count, expected) + 1,
                                     expected: expected, found: record.count)
        }
    }
}

/// SIMD-within-a-register helpers for scanning eight bytes at a time.
enum SWAR {
    /// `b` in every byte of a 64-bit word.
    @inline(__always) static func splat(_ b: UInt8) -> UInt64 { UInt64(b) &* 0x0101_0101_0101_0101 }
    /// High bit set in each byte of `v` that is zero; the lowest set bit marks exactly the first zero byte.
    @inline(__always) static func zeroBytes(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }
}

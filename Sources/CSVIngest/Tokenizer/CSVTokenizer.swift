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
        var f = takeFields()
        defer { putFields(&f) }
        while true {
            f.bytes.removeAll(keepingCapacity: true)
            f.ends.removeAll(keepingCapacity: true)
            f.lines.removeAll(keepingCapacity: true)
            f.offsets.removeAll(keepingCapacity: true)
            f.quoted.removeAll(keepingCapacity: true)
            guard try readRecord(&f) else { return false }
            if f.ends.count == 1 && f.ends[0] == 0 && !f.quoted[0] { continue }  // blank line
            try check(f)
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

    /// Reads the next buffer; false at the end of the input. Updates `pos`, `end` and `base`.
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

    /// ``refill()`` for the hot loop's local cursor.
    private func refill(_ pos: inout Int, _ end: inout Int, _ base: inout Int) throws -> Bool {
        self.pos = pos
        let more = try refill()
        pos = self.pos
        end = self.end
        base = self.base
        return more
    }

    /// Appends buffer bytes `from..<to` to the record, enforcing the record size limit.
    @inline(__always)
    private func append(_ f: inout Fields, _ from: Int, _ to: Int, _ limit: Int, _ line: Int) throws {
        guard to > from else { return }
        f.bytes.append(contentsOf: UnsafeBufferPointer(start: ptr + from, count: to - from))
        if f.bytes.count > limit {
            throw CSVError.recordTooLarge(file: source.name, line: f.lines.first ?? line, limit: limit)
        }
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The record's arrays, moved out of ``record`` while a record is read so that the hot loop mutates locals
    /// (class properties would pay a dynamic exclusivity check on every access).
    private struct Fields {
        var bytes: [UInt8]
        var ends: [Int]
        var lines: [Int]
        var offsets: [Int]
        var quoted: [Bool]
    }

    private func takeFields() -> Fields {
        var f = Fields(bytes: [], ends: [], lines: [], offsets: [], quoted: [])
        swap(&f.bytes, &record.bytes)
        swap(&f.ends, &record.ends)
        swap(&f.lines, &record.lines)
        swap(&f.offsets, &record.offsets)
        swap(&f.quoted, &record.quoted)
        return f
    }

    private func putFields(_ f: inout Fields) {
        swap(&f.bytes, &record.bytes)
        swap(&f.ends, &record.ends)
        swap(&f.lines, &record.lines)
        swap(&f.offsets, &record.offsets)
        swap(&f.quoted, &record.quoted)
    }

    private func readRecord(_ f: inout Fields) throws -> Bool {
        // Cursor state lives in locals during the loop and goes back to the object around refills and on exit.
        var pos = self.pos, end = self.end, line = self.line, base = self.base
        defer { self.pos = pos; self.line = line }
        let ptr = self.ptr, limit = maxRecordBytes
        let delim = dialect.delimiter, quote = dialect.quote
        let delimMask = SWAR.splat(delim), quoteMask = SWAR.splat(quote)
        let lfMask = SWAR.splat(0x0A), crMask = SWAR.splat(0x0D)
        var state = State.fieldStart
        var consumedAny = false
        while true {
            switch state {
            case .fieldStart:
                if pos == end, !(try refill(&pos, &end, &base)) {
                    if consumedAny { f.quoted.append(false); f.ends.append(f.bytes.count) }
                    return consumedAny
                }
                consumedAny = true
                f.lines.append(line)
                f.offsets.append(base + pos)
                if ptr[pos] == quote {
                    pos += 1
                    f.quoted.append(true)
                    state = .quoted
                } else {
                    f.quoted.append(false)
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
                try append(&f, from, i, limit, line)
                pos = i
                if i == stop {
                    if !(try refill(&pos, &end, &base)) { f.ends.append(f.bytes.count); return true }
                    continue
                }
                let b = ptr[i]
                pos = i + 1
                f.ends.append(f.bytes.count)
                if b == delim { state = .fieldStart; continue }
                line += 1
                if b == 0x0D { if try pos < end || refill(&pos, &end, &base), ptr[pos] == 0x0A { pos += 1 } }
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
                try append(&f, from, i, limit, line)
                pos = i
                if i == stop {
                    if !(try refill(&pos, &end, &base)) {
                        throw CSVError.unterminatedQuote(file: source.name, line: f.lines.last ?? line,
                                                         column: f.ends.count + 1, byteOffset: f.offsets.last ?? base)
                    }
                    continue
                }
                if ptr[i] == 0x0A {
                    try append(&f, i, i + 1, limit, line)
                    line += 1
                    pos = i + 1
                } else {
                    pos = i + 1
                    state = .quoteInQuoted
                }
            case .quoteInQuoted:
                if pos == end, !(try refill(&pos, &end, &base)) { f.ends.append(f.bytes.count); return true }
                let b = ptr[pos]
                if b == quote {
                    try append(&f, pos, pos + 1, limit, line)
                    pos += 1
                    state = .quoted
                } else if b == delim {
                    pos += 1
                    f.ends.append(f.bytes.count)
                    state = .fieldStart
                } else if b == 0x0A || b == 0x0D {
                    pos += 1
                    f.ends.append(f.bytes.count)
                    line += 1
                    if b == 0x0D { if try pos < end || refill(&pos, &end, &base), ptr[pos] == 0x0A { pos += 1 } }
                    return true
                } else {
                    state = .unquoted
                }
            }
        }
    }

    private func check(_ f: Fields) throws {
        let hasNonASCII = f.bytes.withUnsafeBufferPointer { UTF8Validator.hasNonASCII($0) }
        if hasNonASCII {
            try f.bytes.withUnsafeBufferPointer { all in
                for i in 0..<f.ends.count {
                    let field = UnsafeBufferPointer(rebasing: all[(i == 0 ? 0 : f.ends[i - 1])..<f.ends[i]])
                    if !UTF8Validator.isValid(field) {
                        throw CSVError.invalidUTF8(file: source.name, line: f.lines[i], column: i + 1,
                                                   byteOffset: f.offsets[i])
                    }
                }
            }
        }
        if let expected = expectedFieldCount, f.ends.count != expected {
            throw CSVError.raggedRow(file: source.name, line: f.lines.first ?? line,
                                     column: min(f.ends.count, expected) + 1, expected: expected, found: f.ends.count)
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

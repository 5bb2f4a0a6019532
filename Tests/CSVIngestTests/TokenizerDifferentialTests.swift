import TestSupport
import Testing
@testable import CSVIngest

/// The tokenizer against a byte-at-a-time reference of the same RFC 4180 rules (the straightforward state machine
/// the fast one must agree with): random inputs full of quotes, delimiters, CR/LF, blank lines, multi-byte and
/// invalid UTF-8, read through tiny and large buffers in small and large chunks, one record at a time and in blocks.
/// Fields, lines, byte offsets, quoting and errors (with their locations) must all match.
@Suite struct TokenizerDifferentialTests {
    struct Record: Equatable {
        var fields: [[UInt8]] = []
        var lines: [Int] = []
        var offsets: [Int] = []
        var quoted: [Bool] = []
    }

    enum Outcome: Equatable {
        case record(Record)
        case error(String)
    }

    /// The reference: one byte at a time over the whole input.
    struct Reference {
        let bytes: [UInt8]
        let expected: Int?
        var pos = 0
        var line = 1
        let delim = UInt8(ascii: ","), quote = UInt8(ascii: "\"")

        init(_ bytes: [UInt8], expected: Int?) {
            self.bytes = bytes
            self.expected = expected
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { pos = 3 }
        }

        enum State { case fieldStart, unquoted, quoted, afterQuote }

        /// Every outcome up to the end (or an unterminated quote).
        mutating func all() -> [Outcome] {
            var out: [Outcome] = []
            while true {
                switch readRecord() {
                case nil: return out
                case .error(let e)?:
                    out.append(.error(e))
                    if e.hasPrefix("U ") { return out }
                case .record(let r)?:
                    if r.fields.count == 1 && r.fields[0].isEmpty && !r.quoted[0] { continue }  // blank line
                    if let bad = r.fields.firstIndex(where: { String(validating: $0, as: UTF8.self) == nil }) {
                        out.append(.error("\(CSVError.invalidUTF8(file: "t.csv", line: r.lines[bad], column: bad + 1, byteOffset: r.offsets[bad]))"))
                    } else if let expected, r.fields.count != expected {
                        out.append(.error("\(CSVError.raggedRow(file: "t.csv", line: r.lines[0], column: min(r.fields.count, expected) + 1, expected: expected, found: r.fields.count))"))
                    } else {
                        out.append(.record(r))
                    }
                }
            }
        }

        mutating func readRecord() -> Outcome? {
            var r = Record()
            var field: [UInt8] = []
            var state = State.fieldStart
            var consumedAny = false
            func add(_ quoted: Bool) {
                r.fields.append(field)
                r.quoted.append(quoted)
                field = []
            }
            var quoted = false
            while true {
                switch state {
                case .fieldStart:
                    if pos == bytes.count {
                        if consumedAny { r.lines.append(line); r.offsets.append(pos); add(false) }
                        return consumedAny ? .record(r) : nil
                    }
                    consumedAny = true
                    r.lines.append(line)
                    r.offsets.append(pos)
                    quoted = bytes[pos] == quote
                    if quoted { pos += 1; state = .quoted } else { state = .unquoted }
                case .unquoted:
                    if pos == bytes.count { add(quoted); return .record(r) }
                    let c = bytes[pos]
                    pos += 1
                    if c == delim {
                        add(quoted)
                        state = .fieldStart
                    } else if c == 0x0A || c == 0x0D {
                        add(quoted)
                        line += 1
                        if c == 0x0D && pos < bytes.count && bytes[pos] == 0x0A { pos += 1 }
                        return .record(r)
                    } else {
                        field.append(c)
                    }
                case .quoted:
                    if pos == bytes.count {
                        let e = CSVError.unterminatedQuote(file: "t.csv", line: r.lines.last ?? line,
                                                           column: r.fields.count + 1, byteOffset: r.offsets.last ?? pos)
                        return .error("U \(e)")
                    }
                    let c = bytes[pos]
                    pos += 1
                    if c == quote {
                        state = .afterQuote
                    } else {
                        if c == 0x0A { line += 1 }
                        field.append(c)
                    }
                case .afterQuote:
                    if pos == bytes.count { add(quoted); return .record(r) }
                    let c = bytes[pos]
                    if c == quote {
                        field.append(quote)
                        pos += 1
                        state = .quoted
                    } else if c == delim {
                        pos += 1
                        add(quoted)
                        state = .fieldStart
                    } else if c == 0x0A || c == 0x0D {
                        pos += 1
                        add(quoted)
                        line += 1
                        if c == 0x0D && pos < bytes.count && bytes[pos] == 0x0A { pos += 1 }
                        return .record(r)
                    } else {
                        state = .unquoted
                    }
                }
            }
        }
    }

    static func record(_ rec: CSVRecord) -> Record {
        Record(fields: (0..<rec.count).map { Array(rec.field($0)) }, lines: rec.lines,
               offsets: (0..<rec.count).map { rec.offset($0) }, quoted: (0..<rec.count).map { rec.isQuoted($0) })
    }

    static func label(_ e: CSVError) -> String {
        if case .unterminatedQuote = e { return "U \(e)" }
        return "\(e)"
    }

    /// One record at a time.
    static func byRecords(_ bytes: [UInt8], expected: Int?, buffer: Int, chunk: Int) -> [Outcome] {
        let tok = CSVTokenizer(source: MemoryByteSource(bytes, name: "t.csv", chunk: chunk), bufferSize: buffer)
        tok.expectedFieldCount = expected
        var out: [Outcome] = []
        while true {
            do {
                guard try tok.nextRecord() else { return out }
                out.append(.record(record(tok.record)))
            } catch let e as CSVError {
                out.append(.error(label(e)))
                if case .unterminatedQuote = e { return out }
            } catch {
                out.append(.error("untyped \(error)"))
                return out
            }
        }
    }

    /// In blocks of at most `rows` rows (lines and offsets of block rows are checked through the row's fields).
    static func byBlocks(_ bytes: [UInt8], expected: Int, buffer: Int, chunk: Int, rows: Int) -> [Outcome] {
        let tok = CSVTokenizer(source: MemoryByteSource(bytes, name: "t.csv", chunk: chunk), bufferSize: buffer)
        tok.expectedFieldCount = expected
        var out: [Outcome] = []
        while true {
            let end: CSVTokenizer.BlockEnd
            do { end = try tok.nextBlock(maxRows: rows) } catch { out.append(.error("untyped \(error)")); return out }
            let block = tok.block
            for r in 0..<block.rowCount {
                var rec = Record()
                for c in 0..<block.fieldCount {
                    rec.fields.append(Array(block.field(row: r, column: c)))
                    rec.lines.append(block.line(row: r, column: c))
                }
                out.append(.record(rec))
            }
            switch end {
            case .more: continue
            case .endOfInput: return out
            case .badRecord(let e):
                out.append(.error(label(e)))
                if case .unterminatedQuote = e { return out }
            }
        }
    }

    /// A random input: every other one chaotic (any mix of special bytes), the others rows of `fields` fields,
    /// quoted or not, with doubled quotes, embedded newlines, blank lines, mixed line ends and now and then a
    /// damaged row (a field too many or too few, a stray quote, invalid UTF-8, an unterminated quote at the end).
    static func randomInput(_ rng: inout SplitMix64, fields: Int) -> [UInt8] {
        if rng.next() % 2 == 0 { return chaoticInput(&rng) }
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        let texts = ["a", "bc", "Anthem Health Plans, Inc", "0123456789abcdef0123", "ü", "x y", "-5", "\"q\"", "l1\nl2",
                     "l1\r\nl2", "a\"b"]
        var out: [UInt8] = pick(10) == 0 ? [0xEF, 0xBB, 0xBF] : []
        for _ in 0..<pick(14) {
            var count = fields
            if pick(12) == 0 { count += pick(2) == 0 ? 1 : -1 }
            var row: [String] = []
            for _ in 0..<max(1, count) {
                let text = texts[pick(texts.count)]
                switch pick(6) {
                case 0: row.append("")
                case 1, 2:
                    // Unquoted: only text without specials (or, rarely, a stray quote inside).
                    row.append(text.contains(where: { ",\"\r\n".contains($0) }) ? (pick(8) == 0 ? "s\"t" : "plain") : text)
                case 3: row.append("\"\"")
                default:
                    var quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    if pick(15) == 0 { quoted += "tail" }  // text after the closing quote
                    row.append(quoted)
                }
            }
            var bytes = Array(row.joined(separator: ",").utf8)
            if pick(25) == 0 { bytes.insert(0xFF, at: pick(bytes.count + 1)) }
            out += bytes
            out += [[0x0A], [0x0D, 0x0A], [0x0D], [0x0A, 0x0A]][pick(4)]
        }
        if pick(6) == 0 { out += Array("x,\"open".utf8) }
        if pick(4) == 0, !out.isEmpty { out.removeLast() }  // no final line end
        return out
    }

    /// A random CSV-ish input: mostly field text, with every special byte and some invalid UTF-8.
    static func chaoticInput(_ rng: inout SplitMix64) -> [UInt8] {
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("bc".utf8), Array(",".utf8), Array(",".utf8), Array("\"".utf8), Array("\"\"".utf8),
            Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8), Array("ü".utf8), Array("0123456789abcdef".utf8),
            [0xFF], [0xC3], Array("\",\"".utf8), Array("x\ny".utf8),
        ]
        var bytes: [UInt8] = rng.next() % 10 == 0 ? [0xEF, 0xBB, 0xBF] : []
        let n = Int(rng.next() % 60)
        for _ in 0..<n {
            let k = Int(rng.next() % UInt64(pieces.count))
            // Invalid UTF-8 only now and then, so that most inputs get far.
            if (k == 11 || k == 12) && rng.next() % 4 != 0 { continue }
            bytes += pieces[k]
        }
        return bytes
    }

    @Test func recordsMatchTheReference() {
        var rng = SplitMix64(seed: 42)
        var records = 0, errors = 0
        defer { #expect(records > 1000 && errors > 100, "\(records) records, \(errors) errors compared") }
        for trial in 0..<400 {
            let expected: Int? = trial % 3 == 0 ? nil : Int(rng.next() % 3) + 1
            let bytes = Self.randomInput(&rng, fields: expected ?? 2)
            var reference = Reference(bytes, expected: expected)
            let want = reference.all()
            for outcome in want { if case .record = outcome { records += 1 } else { errors += 1 } }
            for (buffer, chunk) in [(4, 1), (5, 3), (7, Int.max), (16, 2), (1 << 16, Int.max)] {
                let got = Self.byRecords(bytes, expected: expected, buffer: buffer, chunk: chunk)
                #expect(got == want, "trial \(trial), buffer \(buffer), chunk \(chunk): \(bytes)")
                if got != want { return }
            }
        }
    }

    @Test func blocksMatchTheReference() {
        var rng = SplitMix64(seed: 7)
        for trial in 0..<400 {
            let expected = Int(rng.next() % 3) + 1
            let bytes = Self.randomInput(&rng, fields: expected)
            var reference = Reference(bytes, expected: expected)
            let want = reference.all().map { outcome -> Outcome in
                // Blocks report lines per field but neither offsets nor quoting.
                guard case .record(var r) = outcome else { return outcome }
                r.offsets = []
                r.quoted = []
                return .record(r)
            }
            for (buffer, chunk, rows) in [(4, 1, 1), (6, 3, 2), (9, Int.max, 5), (32, 2, 1000), (1 << 16, Int.max, 3)] {
                let got = Self.byBlocks(bytes, expected: expected, buffer: buffer, chunk: chunk, rows: rows)
                #expect(got == want, "trial \(trial), buffer \(buffer), chunk \(chunk), rows \(rows): \(bytes)")
                if got != want { return }
            }
        }
    }

    @Test func recordSizeLimitCountsRawBytes() throws {
        // 28 raw bytes; the limit applies to the record's raw bytes (delimiters and quotes included), whatever
        // the buffer.
        let bytes = Array("\"aaaa\"\"bbbb\",cccc,dddd,eeee\nok\n".utf8)
        for buffer in [4, 8, 64] {
            let tok = CSVTokenizer(source: MemoryByteSource(bytes, name: "t.csv"), bufferSize: buffer, maxRecordBytes: 20)
            #expect(throws: CSVError.recordTooLarge(file: "t.csv", line: 1, limit: 20)) { _ = try tok.nextRecord() }
            let roomy = CSVTokenizer(source: MemoryByteSource(bytes, name: "t.csv"), bufferSize: buffer, maxRecordBytes: 30)
            #expect(try roomy.nextRecord() && roomy.record.strings == ["aaaa\"bbbb", "cccc", "dddd", "eeee"])
        }
    }
}

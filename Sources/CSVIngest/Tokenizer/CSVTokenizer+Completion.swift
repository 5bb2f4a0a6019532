/// Completing a record: its line end, its unescaped fields, the size limit.
extension CSVTokenizer {
    /// Ends the record after the CR or LF `b` at `p - 1` (a CR may be followed by an LF).
    @inline(__always)
    func endLine(_ b: UInt8, _ c: inout Cursor, fields n: Int, newlines: Int, suspendable: Bool) throws {
        if b == 0x0D, try c.p < c.e || more(&c, fields: n, suspendable: suspendable), c.buffer[c.p] == 0x0A {
            c.p += 1
        }
        line = record.line + newlines + 1
    }

    /// Completes the record: its field count, unescaped fields, and the size limit.
    func finishRecord(_ c: Cursor, fields n: Int, newlines: Int) throws {
        let rec = record
        rec.count = n
        rec.embeddedNewlines = newlines
        rec.bufferFileOffset = base
        if !pendingUnescape.isEmpty { unescapePending() }
        if c.p - c.recordStart > maxRecordBytes {
            throw CSVError.recordTooLarge(file: source.name, line: rec.line, limit: maxRecordBytes)
        }
    }

    /// Rewrites the fields listed in ``pendingUnescape`` in place: doubled quotes become one, the closing quote
    /// goes, text after it stays. Their `ends` held the raw end; they now hold the unescaped end.
    func unescapePending() {
        let buf = buffer, quote = dialect.quote
        let starts = positions.starts + record.first, ends = positions.ends + record.first
        for k in pendingUnescape {
            let rawEnd = ends[k]
            var i = starts[k] + 1, out = i
            var inQuotes = true
            while i < rawEnd {
                let c = buf[i]
                if inQuotes && c == quote {
                    if i + 1 < rawEnd && buf[i + 1] == quote {
                        buf[out] = quote
                        out += 1
                        i += 2
                    } else {
                        inQuotes = false
                        i += 1
                    }
                } else {
                    buf[out] = c
                    out += 1
                    i += 1
                }
            }
            ends[k] = out
        }
        pendingUnescape.removeAll(keepingCapacity: true)
    }
}

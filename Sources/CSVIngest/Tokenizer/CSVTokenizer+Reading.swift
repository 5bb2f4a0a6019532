/// The two ways to read: one record at a time (``CSVTokenizer/nextRecord()``), or many at once
/// (``CSVTokenizer/nextBlock(maxRows:)``) for column-by-column processing.
extension CSVTokenizer {
    /// Why ``nextBlock(maxRows:)`` stopped.
    public enum BlockEnd: Equatable {
        /// The block is full, or the buffered input ran out: call again.
        case more
        /// The input is exhausted.
        case endOfInput
        /// The record after the block's rows is bad (ragged, invalid UTF-8, unterminated quote, too large): it is
        /// ``CSVTokenizer/record``. Reading may go on after it, except after an unterminated quote.
        case badRecord(CSVError)
    }

    /// Reads the next record into ``record``; false at the end of the input.
    public func nextRecord() throws -> Bool {
        if !started { try start() }
        while true {
            guard try readRecord(first: 0, suspendable: false) == .record else { return false }
            if record.count == 1 && record.isEmptyUnquoted(0) { continue }  // blank line
            try check(record)
            return true
        }
    }

    /// Reads up to `maxRows` good records into ``block`` (blank lines are skipped), each with exactly
    /// ``expectedFieldCount`` fields, which must be set. Stops early where the buffered input ends (the next call
    /// goes on from there, so that the block's fields stay in the buffer) and at a bad record, which is reported
    /// in the result after the good rows before it. Throws only I/O errors.
    public func nextBlock(maxRows: Int) throws -> BlockEnd {
        guard let fieldCount = expectedFieldCount else { preconditionFailure("nextBlock needs expectedFieldCount") }
        if !started { try start() }
        let block = self.block
        block.fieldCount = fieldCount
        block.rowCount = 0
        block.reserveRows(maxRows)
        var rows = 0
        defer {
            block.rowCount = rows
            block.buffer = buffer
        }
        while rows < maxRows {
            let outcome: ReadOutcome
            do {
                outcome = try readRecord(first: rows * fieldCount, suspendable: rows > 0)
            } catch let error as CSVError {
                if case .io = error { throw error }
                return .badRecord(error)
            }
            switch outcome {
            case .end: return .endOfInput
            case .suspended: return .more
            case .record:
                if record.count == 1 && record.isEmptyUnquoted(0) { continue }  // blank line
                do { try check(record) } catch let error as CSVError { return .badRecord(error) }
                block.lines[rows] = record.line
                rows += 1
            }
        }
        return .more
    }

    func start() throws {
        started = true
        while end < 3 {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            if n == 0 { eof = true; break }
            noteRead(from: end, count: n)
            end += n
        }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { pos = 3 }
    }

    /// Throws when `rec` holds invalid UTF-8 or (with ``expectedFieldCount``) another number of fields.
    func check(_ rec: CSVRecord) throws {
        if bufferHasNonASCII, rec.count > 0 {
            let from = positions.starts[rec.first], to = positions.ends[rec.first + rec.count - 1]
            if UTF8Validator.hasNonASCII(UnsafeBufferPointer(start: buffer + from, count: to - from)) {
                for i in 0..<rec.count where !UTF8Validator.isValid(rec.field(i)) {
                    throw CSVError.invalidUTF8(file: source.name, line: rec.line(ofField: i), column: i + 1,
                                               byteOffset: rec.offset(i))
                }
            }
        }
        if let expected = expectedFieldCount, rec.count != expected {
            throw CSVError.raggedRow(file: source.name, line: rec.line, column: min(rec.count, expected) + 1,
                                     expected: expected, found: rec.count)
        }
    }
}

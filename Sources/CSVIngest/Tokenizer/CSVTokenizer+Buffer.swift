#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tokenizer's read buffer: the record being read stays in the buffer while more input arrives, so it moves to
/// the front when the buffer is full (or the buffer grows when the record alone fills it).
extension CSVTokenizer {
    /// Makes room for more input at `end` while keeping `buffer[keep..<end]` (the record being read, whose first
    /// `fields` field positions move with it). Returns how far the kept bytes moved towards the start.
    func makeRoom(keepingFrom keep: Int, fields: Int) -> Int {
        guard end == capacity else { return 0 }
        if keep == 0 {
            // The record fills the buffer: double it (callers refuse records past maxRecordBytes first).
            let newCapacity = max(capacity + 1, min(capacity * 2, maxRecordBytes + 1))
            let grown = Self.allocateBuffer(newCapacity)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = newCapacity
            record.buffer = grown
            block.buffer = grown
            return 0
        }
        let kept = end - keep
        if kept > 0 { memmove(buffer, buffer + keep, kept) }
        for i in 0..<fields {
            positions.starts[i] -= keep
            positions.ends[i] -= keep
        }
        base += keep
        end = kept
        if bufferHasNonASCII {
            bufferHasNonASCII = UTF8Validator.hasNonASCII(UnsafeBufferPointer(start: buffer, count: kept))
        }
        return keep
    }

    /// Reads into the free space after `end`; false (and ``eof`` set) at the end of the input.
    func readMore() throws -> Bool {
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if n == 0 {
            eof = true
            return false
        }
        noteRead(from: end, count: n)
        end += n
        return true
    }

    /// Notes whether the `count` bytes just read at `from` hold non-ASCII bytes (records there are then validated).
    func noteRead(from: Int, count: Int) {
        if !bufferHasNonASCII {
            bufferHasNonASCII = UTF8Validator.hasNonASCII(UnsafeBufferPointer(start: buffer + from, count: count))
        }
    }

    /// Reads more input, keeping the record (its `fields` positions and the cursor shift when the buffer is
    /// compacted); false at the end of the input.
    func more(_ c: inout Cursor, fields n: Int, suspendable: Bool) throws -> Bool {
        if eof { return false }
        if suspendable { throw Suspend() }
        if c.e - c.recordStart > maxRecordBytes {
            throw CSVError.recordTooLarge(file: source.name, line: record.line, limit: maxRecordBytes)
        }
        record.count = n
        let shift = makeRoom(keepingFrom: c.recordStart, fields: n)
        c.p -= shift
        c.fieldStart -= shift
        c.recordStart -= shift
        c.buffer = buffer
        let got = try readMore()
        c.e = end
        return got
    }
}

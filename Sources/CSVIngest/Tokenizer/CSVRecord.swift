/// Where fields lie in a byte buffer: `starts[i]` is where field `i` starts (its opening quote when quoted),
/// `ends[i]` where its unescaped bytes end. Owned by the tokenizer (or by a ``CSVBlock`` built from values) and
/// shared by the record and block views over it.
final class FieldPositions {
    @exclusivity(unchecked) private(set) var starts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private(set) var ends: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private(set) var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        starts = .allocate(capacity: self.capacity)
        ends = .allocate(capacity: self.capacity)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
    }

    /// Makes room for at least `count` fields, keeping the first `keep`.
    func reserve(_ count: Int, keeping keep: Int) {
        guard count > capacity else { return }
        let newCapacity = max(count, capacity * 2)
        let s = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let e = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        s.update(from: starts, count: keep)
        e.update(from: ends, count: keep)
        starts.deallocate()
        ends.deallocate()
        starts = s
        ends = e
        capacity = newCapacity
    }
}

/// One CSV record as the tokenizer produced it: where each field's unescaped bytes lie in the tokenizer's buffer,
/// plus enough to locate each field in the file (physical line, byte offset). Nothing is copied per field: the
/// fields point into the read buffer (doubled quotes are unescaped there, in place). The tokenizer reuses one
/// instance, so a record and every buffer it hands out are valid until the tokenizer reads again.
public final class CSVRecord {
    /// The tokenizer's buffer.
    @exclusivity(unchecked) var buffer: UnsafeMutablePointer<UInt8>
    let positions: FieldPositions
    /// Index in ``positions`` of the record's first field.
    @exclusivity(unchecked) var first = 0
    /// Number of fields.
    @exclusivity(unchecked) public internal(set) var count = 0
    /// The physical line (1-based) on which the record starts.
    @exclusivity(unchecked) public internal(set) var line = 0
    /// Line feeds inside quoted fields (0 for almost every record: then every field is on ``line``).
    @exclusivity(unchecked) var embeddedNewlines = 0
    /// File offset of `buffer[0]`.
    @exclusivity(unchecked) var bufferFileOffset = 0
    /// The quote byte of the dialect.
    let quote: UInt8

    init(buffer: UnsafeMutablePointer<UInt8>, positions: FieldPositions, quote: UInt8) {
        self.buffer = buffer
        self.positions = positions
        self.quote = quote
    }

    /// Whether field `i` was quoted (a quoted empty field is an empty string, not a missing value).
    public func isQuoted(_ i: Int) -> Bool {
        let s = positions.starts[first + i], e = positions.ends[first + i]
        // An unquoted field cannot start with the quote byte, and a quoted one always ends past its opening quote.
        return e > s && buffer[s] == quote
    }

    /// The unescaped bytes of field `i` (valid until the tokenizer reads again).
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        CSVBlock.field(buffer, positions.starts[first + i], positions.ends[first + i], quote)
    }

    /// Whether field `i` is empty and unquoted.
    public func isEmptyUnquoted(_ i: Int) -> Bool { positions.ends[first + i] == positions.starts[first + i] }

    /// Calls `body` with the bytes of field `i`.
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(field(i))
    }

    /// Byte offset in the file at which field `i` starts (its opening quote when quoted).
    public func offset(_ i: Int) -> Int { bufferFileOffset + positions.starts[first + i] }

    /// The physical line on which field `i` starts: the record's line plus the line feeds inside earlier fields.
    public func line(ofField i: Int) -> Int {
        guard embeddedNewlines > 0 else { return line }
        var l = line
        for k in 0..<min(i, count) {
            for b in field(k) where b == 0x0A { l += 1 }
        }
        return l
    }

    /// Physical line on which each field starts.
    public var lines: [Int] { (0..<count).map { line(ofField: $0) } }

    /// Field `i` decoded as a String (the tokenizer has validated UTF-8).
    public func string(_ i: Int) -> String {
        String(decoding: field(i), as: UTF8.self)
    }

    /// All fields as Strings.
    public var strings: [String] { (0..<count).map(string) }
}

/// A run of consecutive good records read in one go (``CSVTokenizer/nextBlock(maxRows:)``), all with the same number
/// of fields: row `r`'s field `c` lies at position `r * fieldCount + c`. Fields point into the tokenizer's buffer,
/// so a block is valid until the tokenizer reads again. Consumers work column by column over the rows.
public final class CSVBlock {
    /// Rows in the block.
    @exclusivity(unchecked) public internal(set) var rowCount = 0
    /// Fields per row.
    @exclusivity(unchecked) public internal(set) var fieldCount = 0
    /// The buffer the fields point into (with at least ``slack`` readable bytes past any field).
    @exclusivity(unchecked) var buffer: UnsafeMutablePointer<UInt8>
    let positions: FieldPositions
    /// The physical line on which each row starts.
    @exclusivity(unchecked) private(set) var lines: UnsafeMutablePointer<Int>
    private var lineCapacity: Int
    let quote: UInt8
    /// Owned storage when the block was built from values rather than by a tokenizer.
    private var ownsBuffer = false

    /// Bytes past the end of the data that may be read (not used): fields can be copied with whole words.
    static let slack = 16

    init(buffer: UnsafeMutablePointer<UInt8>, positions: FieldPositions, quote: UInt8) {
        self.buffer = buffer
        self.positions = positions
        self.quote = quote
        lineCapacity = 1024
        lines = .allocate(capacity: lineCapacity)
    }

    /// A block holding `rows` (each a list of field values) that start on `lines`; it owns its bytes.
    convenience init(rows: [[[UInt8]]], lines rowLines: [Int], quote: UInt8 = UInt8(ascii: "\"")) {
        let fields = rows.reduce(0) { $0 + $1.count }
        // One spare byte per field: a value that starts with the quote byte is stored behind a quote, as if quoted.
        let size = rows.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } + fields + Self.slack
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        storage.initialize(repeating: 0, count: size)
        self.init(buffer: storage, positions: FieldPositions(capacity: fields), quote: quote)
        ownsBuffer = true
        reserveRows(rows.count)
        var at = 0, k = 0
        for (r, row) in rows.enumerated() {
            for value in row {
                positions.starts[k] = at
                if value.first == quote {
                    storage[at] = quote
                    at += 1
                }
                value.withUnsafeBufferPointer { if let b = $0.baseAddress { (storage + at).update(from: b, count: $0.count) } }
                at += value.count
                positions.ends[k] = at
                k += 1
            }
            lines[r] = rowLines[r]
        }
        rowCount = rows.count
        fieldCount = rows.first?.count ?? 0
    }

    deinit {
        lines.deallocate()
        if ownsBuffer { buffer.deallocate() }
    }

    /// Makes room for the lines of `rows` rows.
    func reserveRows(_ rows: Int) {
        guard rows > lineCapacity else { return }
        lines.deallocate()
        lineCapacity = max(rows, lineCapacity * 2)
        lines = .allocate(capacity: lineCapacity)
    }

    /// The unescaped bytes of a field at `start..<end` in `buffer` (`start` is the opening quote when quoted).
    @inline(__always)
    static func field(_ buffer: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ quote: UInt8)
        -> UnsafeBufferPointer<UInt8> {
        // An unquoted field cannot start with the quote byte, and a quoted one always ends past its opening quote.
        let from = end > start && buffer[start] == quote ? start + 1 : start
        return UnsafeBufferPointer(start: buffer + from, count: end - from)
    }

    /// The bytes of field `column` of row `row`.
    @inline(__always)
    public func field(row: Int, column: Int) -> UnsafeBufferPointer<UInt8> {
        let k = row * fieldCount + column
        return Self.field(buffer, positions.starts[k], positions.ends[k], quote)
    }

    /// The physical line on which row `row` starts.
    public func line(ofRow row: Int) -> Int { lines[row] }

    /// The physical line on which field `column` of row `row` starts (line feeds in earlier quoted fields count).
    public func line(row: Int, column: Int) -> Int {
        var l = lines[row]
        for c in 0..<min(column, fieldCount) {
            for b in field(row: row, column: c) where b == 0x0A { l += 1 }
        }
        return l
    }

    /// The fields of row `row` as Strings.
    public func strings(row: Int) -> [String] {
        (0..<fieldCount).map { String(decoding: field(row: row, column: $0), as: UTF8.self) }
    }
}

/// The field positions of a ``CSVBlock`` as plain values, for hot loops (no class property access per field).
struct BlockFields {
    let buffer: UnsafePointer<UInt8>
    let starts: UnsafePointer<Int>
    let ends: UnsafePointer<Int>
    let fieldCount: Int
    let quote: UInt8

    init(_ block: CSVBlock) {
        buffer = UnsafePointer(block.buffer)
        starts = UnsafePointer(block.positions.starts)
        ends = UnsafePointer(block.positions.ends)
        fieldCount = block.fieldCount
        quote = block.quote
    }

    /// The bytes of field `column` of row `row`.
    @inline(__always)
    func field(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8> {
        let k = row &* fieldCount &+ column
        return CSVBlock.field(buffer, starts[k], ends[k], quote)
    }
}

/// The null test of a conversion: an empty field (quoted or not), or the `--null-value` marker.
struct NullMarker {
    private let marker: [UInt8]
    private let markerCount: Int

    /// Nulls are empty fields and, when given, fields equal to `marker`.
    init(_ marker: [UInt8]?) {
        self.marker = marker ?? []
        markerCount = marker?.count ?? -1
    }

    /// Whether `field` is a null.
    @inline(__always)
    func isNull(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        if field.count == 0 { return true }
        guard field.count == markerCount else { return false }
        return marker.withUnsafeBufferPointer { field.elementsEqual($0) }
    }
}

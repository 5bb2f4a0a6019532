/// A CSV file opened for one pass: the tokenizer, the column names from the header (or `_c0`, `_c1`, ...), and
/// null detection. ``next()`` yields data records only.
public final class CSVInput {
    /// The tokenizer (its ``CSVTokenizer/record`` is the current record).
    public let tokenizer: CSVTokenizer
    /// The column names.
    public let names: [String]
    /// The file name used in messages.
    public var fileName: String { tokenizer.source.name }
    private let nullValue: [UInt8]?
    private var pendingFirst: Bool

    /// Opens `source` and reads the header (or, without one, peeks at the first record to count the columns).
    public init(source: ByteSource, options: CSVReadOptions) throws {
        tokenizer = CSVTokenizer(source: source, dialect: options.dialect, bufferSize: options.bufferSize)
        nullValue = options.nullValue.map { Array($0.utf8) }
        guard try tokenizer.nextRecord() else { throw CSVError.emptyFile(file: source.name) }
        if options.hasHeader {
            names = tokenizer.record.strings
            pendingFirst = false
            var seen = Set<String>()
            for (i, name) in names.enumerated() {
                if name.isEmpty { throw CSVError.badHeader(file: source.name, reason: "column \(i + 1) has no name") }
                if !seen.insert(name.lowercased()).inserted {
                    throw CSVError.badHeader(file: source.name, reason: "column name '\(name)' appears twice (Delta column names are case-insensitive)")
                }
            }
        } else {
            names = (0..<tokenizer.record.count).map { "_c\($0)" }
            pendingFirst = true
        }
        tokenizer.expectedFieldCount = names.count
    }

    /// Opens the file at `path`.
    public convenience init(path: String, options: CSVReadOptions) throws {
        try self.init(source: try FileByteSource(path: path), options: options)
    }

    /// Advances to the next data record; false at the end. Throws ``CSVError`` for a bad record (after which the
    /// caller may call `next()` again to skip it, except after an unterminated quote, which ends the input).
    public func next() throws -> Bool {
        if pendingFirst { pendingFirst = false; return true }
        return try tokenizer.nextRecord()
    }

    /// Reads up to `maxRows` good records (see ``CSVTokenizer/nextBlock(maxRows:)``): the block, and why it
    /// ended. After ``CSVTokenizer/BlockEnd/badRecord(_:)`` the bad record is ``record``.
    public func nextBlock(maxRows: Int) throws -> (CSVBlock, CSVTokenizer.BlockEnd) {
        if pendingFirst {
            // Without a header the first record was read to count the columns: hand it over on its own.
            pendingFirst = false
            let rec = record
            let first = CSVBlock(rows: [(0..<rec.count).map { Array(rec.field($0)) }], lines: [rec.line],
                                 quote: tokenizer.dialect.quote)
            return (first, .more)
        }
        let end = try tokenizer.nextBlock(maxRows: maxRows)
        return (tokenizer.block, end)
    }

    /// The current record.
    public var record: CSVRecord { tokenizer.record }

    /// Whether field `i` of the current record is null (empty, or the null marker).
    public func isNull(_ i: Int) -> Bool {
        let field = record.field(i)
        if field.isEmpty { return true }
        guard let marker = nullValueBytes, marker.count == field.count else { return false }
        return field.elementsEqual(marker)
    }

    /// The null marker's bytes.
    public var nullValueBytes: [UInt8]? { nullValue }
}

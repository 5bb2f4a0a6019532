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

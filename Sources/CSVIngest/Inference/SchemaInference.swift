/// Infers the columns of a CSV file by reading it: the first `sampleRows` records give the types, and (unless
/// `sampleOnly`) every later record confirms them, widening where a value does not fit.
public enum SchemaInference {
    /// The result of an inference pass.
    public struct Result: Sendable {
        /// The inferred columns, in file order.
        public var columns: [ColumnSpec]
        /// Records read (good ones).
        public var rows: Int
        /// Records that could not be read (ragged, invalid UTF-8) and were passed to `onBadRecord`.
        public var badRows: Int
    }

    /// Reads `input` to the end (or `limit` records) and returns the narrowest types holding every value.
    /// A record the tokenizer rejects is passed to `onBadRecord`, which rethrows to stop or returns to skip it.
    public static func infer(_ input: CSVInput, altDate: DateStyle, limit: Int? = nil,
                             onBadRecord: (CSVError) throws -> Void) throws -> Result {
        var columns = [ColumnInference](repeating: ColumnInference(altDate: altDate), count: input.names.count)
        var rows = 0, bad = 0
        let nulls = NullMarker(input.nullValueBytes)
        reading: while true {
            let maxRows = min(blockRows, (limit ?? .max) - rows)
            if maxRows <= 0 { break }
            let (block, end) = try input.nextBlock(maxRows: maxRows)
            observe(block, nulls: nulls, into: &columns)
            rows += block.rowCount
            switch end {
            case .more: continue
            case .endOfInput: break reading
            case .badRecord(let e):
                bad += 1
                try onBadRecord(e)
                if case .unterminatedQuote = e { break reading }
            }
        }
        return Result(columns: zip(input.names, columns).map { $1.column(named: $0) }, rows: rows, badRows: bad)
    }

    /// Rows per block read.
    static let blockRows = 8192

    /// Observes every field of every row of `block` (empty or marker fields as nulls) into `columns`, one per field.
    static func observe(_ block: CSVBlock, nulls: NullMarker, into columns: inout [ColumnInference]) {
        guard block.rowCount > 0 else { return }
        for i in 0..<min(columns.count, block.fieldCount) { columns[i].observe(column: i, of: block, nulls: nulls) }
    }
}

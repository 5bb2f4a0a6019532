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
        let marker = input.nullValueBytes
        while limit.map({ rows < $0 }) ?? true {
            do {
                guard try input.next() else { break }
            } catch let e as CSVError {
                bad += 1
                try onBadRecord(e)
                if case .unterminatedQuote = e { break }
                continue
            }
            rows += 1
            let record = input.record
            let ends = record.ends
            record.bytes.withUnsafeBufferPointer { all in
                for i in 0..<columns.count {
                    let lo = i == 0 ? 0 : ends[i - 1], hi = ends[i]
                    let field = UnsafeBufferPointer(rebasing: all[lo..<hi])
                    if lo == hi || (marker.map { field.elementsEqual($0) } ?? false) {
                        columns[i].observeNull()
                    } else {
                        columns[i].observe(field)
                    }
                }
            }
        }
        return Result(columns: zip(input.names, columns).map { $1.column(named: $0) }, rows: rows, badRows: bad)
    }
}

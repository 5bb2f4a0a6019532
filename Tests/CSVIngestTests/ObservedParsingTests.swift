import TestSupport
import Testing
@testable import CSVIngest

/// The single-pass conversion observes integer, boolean and date columns while it parses them, from what each parse
/// proved, instead of reading every value twice. That must leave every column's inference exactly as observing the
/// text does (a block at a time: a column settled as text is left alone) (so that the whole-file types, and the choice to convert again, are the same): random columns full of
/// edge cases, from fresh and from part-observed inferences, for every column type.
@Suite struct ObservedParsingTests {
    static let vocabulary = [
        "0", "-0", "+5", "007", "00", "0.5", "12", "123456", "-42", "2147483647", "2147483648", "-2147483648",
        "-2147483649", "9223372036854775807", "9223372036854775808", "99999999999999999999", "1e5", "1.5E-3", "12.50",
        "-.5", "5.", ".", "-", "+", "true", "FALSE", "yes", "03/20/2022", "3/1/2022", "12/31/1999", "02/30/2022",
        "2022-03-21", "2022-3-21", "2024-02-29T10:00:00Z", "abc", "", "NA", "1/2/3", "١٢", "٠",
    ]

    static let types: [ColumnSpec] = [
        ColumnSpec(name: "c", type: .integer), ColumnSpec(name: "c", type: .long), ColumnSpec(name: "c", type: .short),
        ColumnSpec(name: "c", type: .byte), ColumnSpec(name: "c", type: .boolean),
        ColumnSpec(name: "c", type: .date, dateStyle: .us), ColumnSpec(name: "c", type: .date, dateStyle: .iso),
        ColumnSpec(name: "c", type: .decimal(precision: 7, scale: 2)), ColumnSpec(name: "c", type: .string),
        ColumnSpec(name: "c", type: .double), ColumnSpec(name: "c", type: .timestamp),
    ]

    @Test(arguments: types)
    func observingWhileParsingEqualsObservingText(_ spec: ColumnSpec) {
        var rng = SplitMix64(seed: UInt64(spec.typeLabel.utf8.count * 7919))
        let marker = Array("NA".utf8)
        for trial in 0..<300 {
            // A column that mostly fits one type (as real columns do), with odd values now and then.
            let base = [["12", "123456", "-42", "0", "7"], ["true", "FALSE"], ["03/20/2022", "3/1/2022", "12/31/1999"],
                        ["12.50", "0.5", "-42"], ["2022-03-21"], ["0", "-0", "+0"]][trial % 6]
            let texts = (0..<Int(rng.next(below: 40)) + 1).map { _ in
                rng.next(below: 6) == 0 ? Self.vocabulary[rng.next(below: Self.vocabulary.count)] : base[rng.next(below: base.count)]
            }
            var start = ColumnInference(altDate: .us)
            // From a fresh inference, or one that has seen part of the column.
            if trial % 2 == 1 {
                for t in texts.prefix(3) { Array(t.utf8).withUnsafeBufferPointer { start.observe($0) } }
            }
            var expected = start
            // A column settled as text (no other type possible) is not observed any further, block by block.
            for t in texts where !start.isSettledAsText {
                if t.isEmpty || t == "NA" { expected.observeNull() } else {
                    Array(t.utf8).withUnsafeBufferPointer { expected.observe($0) }
                }
            }
            var builder = ColumnBuilder(spec: spec)
            let block = CSVBlock(rows: texts.map { [Array($0.utf8)] }, lines: Array(1...texts.count))
            var observed: ColumnInference? = start
            builder.append(column: 0, of: block, rows: 0..<texts.count, nulls: NullMarker(marker), nullable: true,
                           observing: &observed) { _ in }
            #expect(observed == expected, "\(spec.typeLabel): \(texts)")
            if observed != expected { return }
        }
    }
}

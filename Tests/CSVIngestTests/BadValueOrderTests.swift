import DeltaLog
import Foundation
import Storage
import Testing
import TestSupport
@testable import CSVIngest

/// Values are parsed a column at a time over blocks of rows, yet bad values must be met in file order: the error
/// names the first bad row (and in it the first bad column, a partition column before data columns), and skipped or
/// quarantined rows come in file order, also across blocks and next to rows the tokenizer rejects.
@Suite struct BadValueOrderTests {
    /// `rows` rows of `a,b,c,p` (integers, text, integers), with `bad` values put in place (row index -> column -> text).
    func csv(rows: Int, bad: [Int: [Int: String]], ragged: Set<Int> = [], in dir: TemporaryDirectory) throws -> String {
        var text = "a,b,c,p\n"
        for r in 0..<rows {
            if ragged.contains(r) { text += "1,2\n"; continue }
            var fields = ["\(r)", "t\(r)", "\(r * 2)", "\(r % 3)"]
            for (c, v) in bad[r] ?? [:] { fields[c] = v }
            text += fields.joined(separator: ",") + "\n"
        }
        let path = dir.appending("in-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func options(_ bad: BadRowPolicy = .fail, partitionBy: [String] = []) throws -> ConvertOptions {
        var o = ConvertOptions()
        o.schemaOverride = try SchemaOverride(text: "a:integer\nb:string\nc:integer\np:integer\n")
        o.badRows = bad
        o.partitionBy = partitionBy
        o.sanitizeNames = true
        return o
    }

    func failure(_ csv: String, _ options: ConvertOptions, in dir: TemporaryDirectory) -> String {
        do {
            _ = try CSVConverter.convert(csvPath: csv, tablePath: dir.appending("t-\(UUID().uuidString)"), options: options)
            return "converted"
        } catch { return "\(error)" }
    }

    @Test func firstBadValueInFileOrderAcrossColumnsAndBlocks() throws {
        let dir = try TemporaryDirectory(prefix: "csv-order")
        // Row 40 is bad in column c, row 70 in column a: column a is parsed first, but row 40 comes first.
        let one = try csv(rows: 100, bad: [40: [2: "x"], 70: [0: "y"]], in: dir)
        #expect(failure(one, try options(), in: dir).contains(":42: column 3 (c): 'x'"))
        // Both bad in one row: the first column.
        let both = try csv(rows: 100, bad: [40: [2: "x", 0: "y"]], in: dir)
        #expect(failure(both, try options(), in: dir).contains(":42: column 1 (a): 'y'"))
        // Far into the file (later blocks and batches), after a bad value in a later column of a later row.
        let far = try csv(rows: 30_000, bad: [20_000: [2: "x"], 25_000: [0: "y"]], in: dir)
        #expect(failure(far, try options(), in: dir).contains(":20002: column 3 (c): 'x'"))
    }

    @Test func partitionValueComesBeforeDataValuesOfItsRow() throws {
        let dir = try TemporaryDirectory(prefix: "csv-order-part")
        let path = try csv(rows: 100, bad: [40: [0: "y", 3: "z"]], in: dir)
        #expect(failure(path, try options(partitionBy: ["p"]), in: dir).contains(":42: column 4 (p): 'z'"))
        let earlier = try csv(rows: 100, bad: [30: [2: "x"], 40: [3: "z"]], in: dir)
        #expect(failure(earlier, try options(partitionBy: ["p"]), in: dir).contains(":32: column 3 (c): 'x'"))
    }

    @Test(arguments: [false, true])
    func quarantinedRowsComeInFileOrder(partitioned: Bool) throws {
        let dir = try TemporaryDirectory(prefix: "csv-order-q")
        let bad: [Int: [Int: String]] = [40: [2: "x"], 70: [0: "y"], 9_000: [3: partitioned ? "z" : "7"]]
        let path = try csv(rows: 12_000, bad: bad, ragged: [41, 8_999], in: dir)
        let quarantine = dir.appending("q.csv")
        let report = try CSVConverter.convert(
            csvPath: path, tablePath: dir.appending("t"),
            options: try options(.quarantine(path: quarantine), partitionBy: partitioned ? ["p"] : []))
        let lines = try String(contentsOfFile: quarantine, encoding: .utf8).split(separator: "\n").dropFirst()
        let rejected = lines.map { Int($0.prefix { $0 != "," }) ?? -1 }
        let expected = partitioned ? [42, 43, 72, 9_001, 9_002] : [42, 43, 72, 9_001]
        #expect(rejected == expected)
        #expect(report.badRows == expected.count && report.rows == Int64(12_000 - expected.count))
        // The table holds exactly the good rows.
        let snapshot = try DeltaTable(storage: LocalStorage(path: dir.appending("t"))).snapshot()
        func numRecords(_ stats: String?) -> Int {
            guard let stats, let r = stats.range(of: "\"numRecords\":") else { return -1_000_000 }
            return Int(stats[r.upperBound...].prefix { $0.isNumber }) ?? -1_000_000
        }
        let counted = snapshot.activeFiles.reduce(0) { $0 + numRecords($1.stats) }
        #expect(counted == Int(report.rows))
    }
}

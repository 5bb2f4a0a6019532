import DeltaLog
import Foundation
import Storage
import Testing
import TestSupport
@testable import CSVIngest

/// The single-pass conversion (types planned from a sample, confirmed while converting) must write exactly the
/// table the two-pass path (infer over the whole file, then convert) writes: same schema, rows, stats and Parquet
/// bytes, including when a type only changes at the last row (then it converts a second time).
@Suite struct SinglePassTests {
    struct Outcome: Equatable {
        var schema: String
        var partitionColumns: [String]
        var rows: Int64
        var badRows: Int
        /// Per file, in commit order: partition values, stats JSON and the file's bytes.
        var files: [String]
    }

    func convert(_ csv: String, singlePass: Bool, sample: Int = 20_000, partitionBy: [String] = [],
                 badRows: BadRowPolicy = .fail, targetFileSize: Int? = nil,
                 in dir: TemporaryDirectory) throws -> (Outcome, ConvertReport) {
        var options = ConvertOptions()
        if let targetFileSize {
            options.targetFileSize = targetFileSize
            options.batchRows = 128
        }
        options.sanitizeNames = true  // no column mapping: no random physical names, so files compare byte for byte
        options.singlePass = singlePass
        options.singlePassSampleRows = sample
        options.partitionBy = partitionBy
        options.badRows = badRows
        let table = dir.appending(singlePass ? "single-\(sample)" : "two-pass")
        let report = try CSVConverter.convert(csvPath: csv, tablePath: table, options: options)
        let snap = try DeltaTable(storage: LocalStorage(path: table)).snapshot()
        var files: [String] = []
        for add in snap.activeFiles.sorted(by: { $0.path < $1.path }) {
            let local = table + "/" + (add.path.removingPercentEncoding ?? add.path)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: local))
            let parts = add.partitionValues.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value ?? "null")" }
            files.append("\(parts) \(add.stats ?? "") \(add.size) \(bytes.base64EncodedString())")
        }
        let outcome = Outcome(schema: snap.metadata.schemaString, partitionColumns: snap.metadata.partitionColumns,
                              rows: report.rows, badRows: report.badRows, files: files.sorted())
        return (outcome, report)
    }

    /// Converts `csv` both ways and expects the same table; returns the single-pass report.
    @discardableResult
    func expectSame(_ csv: String, sample: Int = 20_000, partitionBy: [String] = [],
                    badRows: BadRowPolicy = .fail, targetFileSize: Int? = nil) throws -> ConvertReport {
        let dir = try TemporaryDirectory(prefix: "csv-single")
        let (two, twoReport) = try convert(csv, singlePass: false, partitionBy: partitionBy, badRows: badRows,
                                           targetFileSize: targetFileSize, in: dir)
        let (one, report) = try convert(csv, singlePass: true, sample: sample, partitionBy: partitionBy,
                                        badRows: badRows, targetFileSize: targetFileSize, in: dir)
        #expect(twoReport.conversionPasses == 1)
        #expect(one == two)
        #expect(!one.files.isEmpty && one.rows > 0)
        return report
    }

    @Test func fixturesMatchTheTwoPassPath() throws {
        let complaints = fixturePath("complaints.csv"), messy = fixturePath("messy.csv")
        #expect(try expectSame(complaints).conversionPasses == 1)
        try expectSame(complaints, sample: 50)
        try expectSame(complaints, sample: 1, partitionBy: ["Status"])
        try expectSame(messy)
        // Many small files, closed by the background encoder: the same files either way.
        let rolled = try expectSame(complaints, sample: 50, targetFileSize: 16 << 10)
        #expect(rolled.files >= 3 && rolled.rows == 3000, "\(rolled.files) files, \(rolled.rows) rows")
        #expect(try expectSame(complaints, sample: 50, partitionBy: ["Status"], targetFileSize: 8 << 10).files >= 3)
        try expectSame(messy, sample: 1)
    }

    @Test func typeChangingAtTheLastRowConvertsAgain() throws {
        let dir = try TemporaryDirectory(prefix: "csv-late")
        var text = "id,amount,day,flag,name\n"
        for i in 0..<300 { text += "\(i),\(i * 7),2024-01-\(10 + i % 9),true,n\(i)\n" }
        let cases: [(String, String)] = [
            ("decimal", "300,12.5,2024-02-01,false,last\n"),     // integer column gets a decimal
            ("date", "300,1,02/01/2024,false,last\n"),           // ISO dates then a US date: the builder accepts it
            ("bool", "300,1,2024-02-01,maybe,last\n"),           // boolean column gets text
            ("wide", "300,99999999999,2024-02-01,true,last\n"),  // integer to long
        ]
        for (name, last) in cases {
            let csv = dir.appending("\(name).csv")
            try Data((text + last).utf8).write(to: URL(fileURLWithPath: csv))
            let report = try expectSame(csv, sample: 100)
            #expect(report.conversionPasses == 2, "\(name)")
            let partitioned = try expectSame(csv, sample: 100, partitionBy: ["flag"])
            #expect(partitioned.conversionPasses == 2, "\(name) partitioned")
        }
        let (_, decimal) = try convert(dir.appending("decimal.csv"), singlePass: true, sample: 100,
                                       in: try TemporaryDirectory(prefix: "csv-late-types"))
        #expect(decimal.columns.first { $0.name == "amount" }?.type == "decimal(5,1)")
    }

    @Test func badRowsAreHandledTheSameWay() throws {
        let dir = try TemporaryDirectory(prefix: "csv-bad")
        let csv = dir.appending("ragged.csv")
        var text = "a,b\n"
        for i in 0..<200 { text += i == 150 ? "1,2,3\n" : "\(i),x\(i)\n" }
        text += "1.5,y\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
        let report = try expectSame(csv, sample: 10, badRows: .skip)
        #expect(report.badRows == 1 && report.conversionPasses == 2)
        var options = ConvertOptions()
        options.singlePassSampleRows = 10
        #expect(throws: CSVError.self) {
            try CSVConverter.convert(csvPath: csv, tablePath: dir.appending("failing"), options: options)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appending("failing") + "/_delta_log"))
    }
}

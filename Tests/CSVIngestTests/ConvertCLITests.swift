import DeltaLog
import Foundation
import Storage
import Testing
import TestSupport

/// `deltactl convert` through the built binary: reports, table contents read back with DeltaLog, failures.
@Suite struct ConvertCLITests {
    static var binaryBuilt: Bool { FileManager.default.isExecutableFile(atPath: ProjectPaths.deltactl) }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func snapshot(_ table: String) throws -> Snapshot {
        try DeltaTable(storage: LocalStorage(path: table)).snapshot()
    }

    @Test(.enabled(if: binaryBuilt)) func convertsComplaintsWithColumnMapping() throws {
        let dir = try TemporaryDirectory(prefix: "csv-cli")
        let table = dir.appending("t")
        let r = try ProcessRunner.deltactl(["convert", ProjectPaths.fixtures + "/complaints.csv", "--to", table])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("version: 0") && r.stdout.contains("rows: 3000") && r.stdout.contains("MB/s"))
        let snap = try snapshot(table)
        #expect(snap.metadata.configuration["delta.columnMapping.mode"] == "name")
        #expect(snap.protocolAction.minReaderVersion == 2 && snap.protocolAction.minWriterVersion == 5)
        #expect(snap.schema.fieldNames.contains("File No."))
        #expect(snap.schema.field(named: "Recovery")?.type == .decimal(precision: 8, scale: 2))
        #expect(snap.numRecordsFromStats == 3000)
        let physical = try #require(snap.schema.field(named: "File No.")?.physicalNameMetadata)
        let stats = try JSONParser.parse(try #require(snap.activeFiles.first?.stats))
        #expect(stats["minValues"]?[physical]?.int64Value != nil)
        #expect(stats["minValues"]?["File No."] == nil)
    }

    @Test(.enabled(if: binaryBuilt)) func jsonReportAndModes() throws {
        let dir = try TemporaryDirectory(prefix: "csv-cli")
        let csv = dir.appending("small.csv"), table = dir.appending("small")
        try write("id,when,amount\n1,2024-01-02,1.50\n2,2024-01-03,\n", to: csv)
        var r = try ProcessRunner.deltactl(["convert", csv, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONParser.parse(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(report["version"]?.int64Value == 0 && report["rows"]?.int64Value == 2)
        #expect(report["columnMapping"]?.stringValue == "none")
        #expect(try snapshot(table).schema.fields.map(\.type) == [.integer, .date, .decimal(precision: 3, scale: 2)])

        r = try ProcessRunner.deltactl(["convert", csv, "--to", table, "--mode", "append", "--json"])
        let appended = try snapshot(table)
        #expect(r.status == 0 && appended.numRecordsFromStats == 4)
        r = try ProcessRunner.deltactl(["convert", csv, "--to", table, "--mode", "overwrite"])
        let snap = try snapshot(table)
        #expect(r.status == 0 && snap.version.rawValue == 2 && snap.numRecordsFromStats == 2)
        r = try ProcessRunner.deltactl(["convert", csv, "--to", table])
        #expect(r.status != 0 && r.stderr.contains("already exists"))
    }

    @Test(.enabled(if: binaryBuilt)) func optionsAreValidated() throws {
        for args in [["--mode", "upsert"], ["--compression", "brotli"], ["--bad-rows", "ignore"],
                     ["--target-file-size", "12"], ["--delimiter", "ab"], ["--date-format", "MM/yyyy"]] {
            let r = try ProcessRunner.deltactl(["convert", ProjectPaths.fixtures + "/messy.csv", "--to", "/nonexistent/t"] + args)
            #expect(r.status != 0, "\(args)")
            #expect(!r.stderr.isEmpty, "\(args)")
        }
    }

    @Test(.enabled(if: binaryBuilt)) func delimiterNullValueDateFormatAndSchema() throws {
        let dir = try TemporaryDirectory(prefix: "csv-cli")
        let csv = dir.appending("semi.csv"), table = dir.appending("t"), schema = dir.appending("schema.txt")
        try write("code;day;score\n007;31.01.2020;NA\n010;01.02.2020;4\n", to: csv)
        try write("code:string\n", to: schema)
        let r = try ProcessRunner.deltactl(["convert", csv, "--to", table, "--delimiter", ";", "--null-value", "NA",
                                            "--date-format", "dd.MM.yyyy", "--schema", schema])
        #expect(r.status == 0, "\(r.stderr)")
        let snap = try snapshot(table)
        #expect(snap.schema.fields.map(\.type) == [.string, .date, .integer])
        let stats = try JSONParser.parse(try #require(snap.activeFiles.first?.stats))
        #expect(stats["nullCount"]?["score"]?.int64Value == 1)
        #expect(stats["minValues"]?["day"]?.stringValue == "2020-01-31")
        #expect(stats["minValues"]?["code"]?.stringValue == "007")
    }

    @Test(.enabled(if: binaryBuilt)) func badRowFailsWithLocationAndLeavesNoTable() throws {
        let dir = try TemporaryDirectory(prefix: "csv-cli")
        let csv = dir.appending("bad.csv"), table = dir.appending("t")
        try write("a,b\n1,2\n\"x\ny\",3\n4\n", to: csv)
        let r = try ProcessRunner.deltactl(["convert", csv, "--to", table])
        #expect(r.status != 0)
        #expect(r.stderr.contains("bad.csv:5: column 2"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: table))
        let dry = try ProcessRunner.deltactl(["convert", csv, "--dry-run", "--bad-rows", "skip"])
        #expect(dry.status == 0 && dry.stdout.contains("rows: 2 (1 bad)") && dry.stdout.contains("nothing written"))
    }
}

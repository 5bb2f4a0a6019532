import DeltaLog
import Foundation
import Storage
import TestSupport
import Testing

/// `deltactl check` through the built binary, on a table written by delta-rs: the clean table passes; then each
/// corruption, made on a fresh copy, is caught and named (file, version, what differs) with a non-zero exit.
@Suite struct CheckCommandTests {
    static var binaryBuilt: Bool { FileManager.default.isExecutableFile(atPath: ProjectPaths.deltactl) }

    /// Versions 0-8 by delta-rs: appends to two partitions, an overwrite, a delete (removes), an optimize, a
    /// checkpoint at version 6, two appends after it.
    static let script = #"""
import sys, pyarrow as pa
from deltalake import write_deltalake, DeltaTable
p = sys.argv[1]
def batch(i, n=10):
    return pa.table({"id": pa.array(range(i * 100, i * 100 + n), pa.int64()),
                     "part": pa.array([f"p{i % 2}"] * n), "v": pa.array([float(i)] * n)})
write_deltalake(p, batch(0), mode="append", partition_by=["part"])
write_deltalake(p, batch(1), mode="append", partition_by=["part"])
write_deltalake(p, batch(2, 12), mode="overwrite", partition_by=["part"])
write_deltalake(p, batch(3), mode="append", partition_by=["part"])
write_deltalake(p, batch(4), mode="append", partition_by=["part"])
DeltaTable(p).delete("id < 203")
DeltaTable(p).optimize.compact()
DeltaTable(p).create_checkpoint()
write_deltalake(p, batch(7, 5), mode="append", partition_by=["part"])
write_deltalake(p, batch(8, 6), mode="append", partition_by=["part"])
print(DeltaTable(p).version())
"""#

    /// The delta-rs table, written once for the suite (nil without the referee venv).
    static let original: (dir: TemporaryDirectory, path: String)? = {
        guard binaryBuilt, let dir = try? TemporaryDirectory(prefix: "check-cli") else { return nil }
        let path = dir.appending("t")
        guard let r = try? ProcessRunner.python(script, [path]) else { return nil }
        guard r.status == 0, r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "8" else {
            Issue.record("delta-rs failed to write the test table: \(r.stderr)")
            return nil
        }
        return (dir, path)
    }()

    /// A fresh copy of the delta-rs table (nil, with a message, without the referee venv).
    func copy() throws -> (TemporaryDirectory, String)? {
        guard let original = Self.original else {
            #expect(!ProjectPaths.isCI || !Self.binaryBuilt, "the referee venv is required in CI")
            print("skipped: no referee venv (delta-rs) or no deltactl binary")
            return nil
        }
        let dir = try TemporaryDirectory(prefix: "check-copy")
        try FileManager.default.copyItem(atPath: original.path, toPath: dir.appending("t"))
        return (dir, dir.appending("t"))
    }

    func check(_ table: String, _ extra: [String] = []) throws -> ProcessResult {
        try ProcessRunner.deltactl(["check", table] + extra)
    }

    func live(_ table: String) throws -> [AddFile] { try DeltaTable(storage: LocalStorage(path: table)).snapshot().activeFilesByPath }

    /// The version of the newest commit adding `uri`.
    func addVersion(_ table: String, _ uri: String) throws -> Int64 {
        for v in stride(from: 8, through: 0, by: -1) {
            let text = try String(contentsOfFile: table + "/" + Version(Int64(v)).commitPath, encoding: .utf8)
            if text.split(separator: "\n").contains(where: { $0.hasPrefix("{\"add\"") && $0.contains("\"path\":\"\(uri)\"") }) { return Int64(v) }
        }
        Issue.record("no commit adds \(uri)")
        return -1
    }

    @Test(.enabled(if: binaryBuilt)) func cleanTablePasses() throws {
        guard let (dir, table) = try copy() else { return }
        _ = dir
        var r = try check(table)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasPrefix("OK: ") && r.stdout.contains("version 8") && r.stdout.contains("1 checkpoints"))
        r = try check(table, ["--json", "--parallel", "2"])
        let report = try JSONParser.parse(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(r.status == 0 && report["ok"] == .bool(true) && report["version"]?.int64Value == 8)
        #expect(report["filesChecked"]?.int64Value == Int64(try live(table).count))
        #expect(report["bytes"]?.int64Value == (try live(table)).reduce(0) { $0 + $1.size })
        #expect(report["problems"]?.arrayValue?.isEmpty == true)
        r = try check(table, ["--version", "4"])
        #expect(r.status == 0 && r.stdout.contains("version 4"), "\(r.stdout)\(r.stderr)")
    }

    @Test(.enabled(if: binaryBuilt)) func deletedTruncatedAndFooterFlippedFilesAreNamed() throws {
        guard let (dir, table) = try copy() else { return }
        _ = dir
        let files = try live(table)
        try #require(files.count >= 3)
        let (deleted, truncated, flipped) = (files[0], files[1], files[2])
        try FileManager.default.removeItem(atPath: table + "/" + DataFilePath(uri: deleted.path).decoded)
        let truncatedPath = table + "/" + DataFilePath(uri: truncated.path).decoded
        try Data(try Data(contentsOf: URL(fileURLWithPath: truncatedPath)).dropLast(10)).write(to: URL(fileURLWithPath: truncatedPath))
        let flippedPath = table + "/" + DataFilePath(uri: flipped.path).decoded
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: flippedPath)))
        let footerLength = Int(bytes[bytes.count - 8]) | Int(bytes[bytes.count - 7]) << 8 | Int(bytes[bytes.count - 6]) << 16
        bytes[bytes.count - 8 - footerLength] ^= 0x01  // one byte of the footer: its first Thrift field header
        try Data(bytes).write(to: URL(fileURLWithPath: flippedPath))

        let r = try check(table)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        func line(_ f: AddFile) throws -> String {
            "\(DataFilePath(uri: f.path).decoded) (version \(try addVersion(table, f.path)))"
        }
        let (a, b, c) = (try line(deleted), try line(truncated), try line(flipped))
        #expect(lines.contains { $0.hasPrefix("PROBLEM missingFile: \(a): data file is missing") }, "\(r.stdout)")
        #expect(lines.contains("PROBLEM sizeMismatch: \(b): data file has \(truncated.size - 10) bytes, its add says \(truncated.size)"),
                "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("PROBLEM parquetFooter: \(c): the Parquet footer is unreadable") }, "\(r.stdout)")
        #expect(lines.filter { $0.hasPrefix("PROBLEM") }.count == 3, "\(r.stdout)")
        #expect(lines.last?.hasPrefix("FAILED: 3 problem(s)") == true)
    }

    @Test(.enabled(if: binaryBuilt)) func checkpointRewrittenFromAnotherVersionIsNamed() throws {
        guard let (dir, table) = try copy() else { return }
        _ = dir
        var r = try ProcessRunner.deltactl(["checkpoint", table, "--version", "3"])
        try #require(r.status == 0, "\(r.stderr)")
        let log = table + "/_delta_log/"
        let six = "00000000000000000006.checkpoint.parquet"
        try FileManager.default.removeItem(atPath: log + six)
        try FileManager.default.copyItem(atPath: log + "00000000000000000003.checkpoint.parquet", toPath: log + six)
        r = try check(table, ["--json"])
        #expect(r.status == 1)
        let report = try JSONParser.parse(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let problems = report["problems"]?.arrayValue ?? []
        #expect(!problems.isEmpty)
        for p in problems {
            #expect(p["kind"]?.stringValue == "checkpoint" && p["path"]?.stringValue == "_delta_log/" + six, "\(p)")
            #expect(p["version"]?.int64Value == 6)
        }
        #expect(report["checkpointsChecked"]?.int64Value == 2, "the checkpoint deltactl wrote at version 3 agrees")
        r = try check(table, ["--version", "5"])
        #expect(r.status == 0, "versions before 6 do not involve the bad checkpoint: \(r.stdout)")
    }

    @Test(.enabled(if: binaryBuilt)) func checkpointMissingAFileIsNamed() throws {
        guard let (dir, table) = try copy() else { return }
        _ = dir
        let drop = #"""
import sys, pyarrow.parquet as pq, pyarrow.compute as pc
path = sys.argv[1]
t = pq.read_table(path)
adds = [i for i in range(t.num_rows) if t.column("add")[i].is_valid]
print(t.column("add")[adds[0]]["path"].as_py())
pq.write_table(t.take([i for i in range(t.num_rows) if i != adds[0]]), path)
"""#
        let cp = table + "/_delta_log/00000000000000000006.checkpoint.parquet"
        let r0 = try #require(try ProcessRunner.python(drop, [cp]))
        try #require(r0.status == 0, "\(r0.stderr)")
        let dropped = DataFilePath(uri: r0.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).decoded
        let r = try check(table)
        #expect(r.status == 1)
        #expect(r.stdout.contains("PROBLEM checkpoint: _delta_log/00000000000000000006.checkpoint.parquet (version 6): "
                                  + "lacks add \(dropped), which is live in the commits"), "\(r.stdout)")
    }

    @Test(.enabled(if: binaryBuilt)) func rowCountThatDisagreesWithStatsIsNamed() throws {
        guard let (dir, table) = try copy() else { return }
        _ = dir
        let commit = table + "/" + Version(8).commitPath
        var lines = try String(contentsOfFile: commit, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = try #require(lines.firstIndex { $0.hasPrefix("{\"add\"") })
        let add = try JSONParser.parse(lines[i])
        let path = try #require(add["add"]?["path"]?.stringValue)
        let stats = try #require(add["add"]?["stats"]?.stringValue)
        let rows = try #require(try JSONParser.parse(stats)["numRecords"]?.int64Value)
        try #require(lines[i].contains("\\\"numRecords\\\":\(rows)"))
        lines[i] = lines[i].replacingOccurrences(of: "\\\"numRecords\\\":\(rows)", with: "\\\"numRecords\\\":\(rows + 1)")
        try lines.joined(separator: "\n").write(toFile: commit, atomically: false, encoding: .utf8)
        let r = try check(table)
        #expect(r.status == 1)
        #expect(r.stdout.contains("PROBLEM rowCount: \(DataFilePath(uri: path).decoded) (version 8): the Parquet footer has \(rows) rows, "
                                  + "the add's stats say numRecords \(rows + 1)"), "\(r.stdout)")
    }

    @Test(.enabled(if: binaryBuilt)) func missingDeletionVectorFileIsNamed() throws {
        guard let shared = ProjectPaths.sharedFixtures else { print("skipped: ../shared/fixtures is absent"); return }
        let dir = try TemporaryDirectory(prefix: "check-dv")
        let table = dir.appending("t")
        try FileManager.default.copyItem(atPath: shared + "/delta-rs/table-with-dv-small", toPath: table)
        var r = try check(table)
        #expect(r.status == 0 && r.stdout.contains("1 deletion vectors"), "\(r.stdout)\(r.stderr)")
        let dv = "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin"
        try FileManager.default.removeItem(atPath: table + "/" + dv)
        r = try check(table)
        #expect(r.status == 1)
        #expect(r.stdout.contains("PROBLEM missingFile: \(dv) (version 1): deletion vector file is missing"), "\(r.stdout)")
    }

    @Test(.enabled(if: binaryBuilt)) func v2CheckpointSidecarsAreChecked() throws {
        guard let shared = ProjectPaths.sharedFixtures else { print("skipped: ../shared/fixtures is absent"); return }
        let dir = try TemporaryDirectory(prefix: "check-v2")
        let table = dir.appending("t")
        try FileManager.default.copyItem(atPath: shared + "/delta-rs/checkpoint-v2-table", toPath: table)
        var r = try check(table)
        #expect(r.status == 0 && r.stdout.contains("2 checkpoints"), "\(r.stdout)\(r.stderr)")
        let sidecars = table + "/_delta_log/_sidecars/"
        let six = "00000000000000000006.checkpoint.0000000001.0000000001.1a1516f4-8a39-48f0-9ccd-cc3790d824c7.parquet"
        let eight = "00000000000000000008.checkpoint.0000000001.0000000001.d55fb2cb-b8d3-4362-8572-c52142a9da1f.parquet"
        let top6 = "_delta_log/00000000000000000006.checkpoint.f5ee283b-37c7-46af-b64c-8f77c6a5c43a.json"
        // Version 6's sidecar replaced by version 8's: the checkpoint at 6 has files the commits do not have live.
        try FileManager.default.removeItem(atPath: sidecars + six)
        try FileManager.default.copyItem(atPath: sidecars + eight, toPath: sidecars + six)
        r = try check(table)
        let problems = r.stdout.split(separator: "\n").filter { $0.hasPrefix("PROBLEM") }
        #expect(r.status == 1 && !problems.isEmpty, "\(r.stdout)")
        #expect(problems.allSatisfy { $0.hasPrefix("PROBLEM checkpoint: \(top6) (version 6): has add ") && $0.hasSuffix("which is not live in the commits") },
                "\(r.stdout)")
        // The sidecar deleted: named as unreadable.
        try FileManager.default.removeItem(atPath: sidecars + six)
        r = try check(table)
        #expect(r.status == 1 && r.stdout.contains("PROBLEM checkpoint: \(top6) (version 6): cannot be read: invalid checkpoint _delta_log/_sidecars/\(six)"),
                "\(r.stdout)")
    }

    @Test(.enabled(if: binaryBuilt)) func errorsAndFlags() throws {
        let dir = try TemporaryDirectory(prefix: "check-flags")
        var r = try check(dir.path)
        #expect(r.status == 1 && r.stderr.contains("deltactl check") && r.stderr.contains("not a Delta table"), "\(r.stderr)")
        r = try check(dir.path, ["--parallel", "0"])
        #expect(r.status != 0 && r.stderr.contains("--parallel"))
        r = try check(dir.path, ["--version=-1"])
        #expect(r.status != 0 && r.stderr.contains("--version must be >= 0"))
    }
}

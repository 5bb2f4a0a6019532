import Foundation
import Parquet
import Storage
import TestSupport
import Testing
@testable import DeltaLog

/// The columnar checkpoint path (``ColumnarCheckpointDecoder``) yields exactly the actions of the row path
/// (``ParquetCheckpointDecoder/decodeRows(_:file:)``) on every Parquet checkpoint we can find: the shared fixtures
/// (Spark, Databricks, delta-rs), deltactl's own CheckpointWriter and a fresh delta-rs `create_checkpoint()`.
@Suite struct ColumnarCheckpointTests {
    /// Decodes `bytes` both ways; returns whether the columnar path applied (false: `decode` fell back).
    @discardableResult
    static func compare(_ bytes: [UInt8], file: String) throws -> Bool {
        let rows = Result { try ParquetCheckpointDecoder.decodeRows(bytes, file: file) }
        var columnar: [Action]?
        if let reader = try? ParquetFileReader(bytes: bytes, path: file),
           let projection = try? ParquetCheckpointDecoder.projection(reader, file: file),
           let plan = CheckpointColumnPlan.make(schema: reader.schema, actionColumns: ParquetCheckpointDecoder.actionColumns,
                                                projection: Dictionary(projection, uniquingKeysWith: { a, _ in a })) {
            columnar = try? ColumnarCheckpointDecoder(reader: reader, plan: plan, file: file).decode().actions
        }
        if let columnar {
            let expected = try rows.get()
            #expect(columnar.count == expected.count, "\(file)")
            for (i, (a, b)) in zip(columnar, expected).enumerated() where a != b {
                Issue.record("\(file) row \(i): columnar \(a) != rows \(b)")
                break
            }
        }
        // The public entry point agrees with the row path, errors included.
        switch (Result { try ParquetCheckpointDecoder.decode(bytes, file: file) }, rows) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(file)")
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", "\(file)")
        case (let a, let b): Issue.record("\(file): decode \(a) vs rows \(b)")
        }
        return columnar != nil
    }

    @Test func everySharedFixtureCheckpoint() throws {
        guard let shared = ProjectPaths.sharedFixtures else { print("skipped: no shared fixtures"); return }
        let files = FileManager.default.enumerator(atPath: shared)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".parquet") && $0.contains("_delta_log/") && ($0.contains(".checkpoint") || $0.contains("_sidecars/")) }
            .sorted() ?? []
        #expect(files.count >= 20, "expected the shared fixture checkpoints, found \(files.count)")
        var fast: [String] = [], slow: [String] = []
        for f in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: shared + "/" + f)))
            if try Self.compare(bytes, file: f) { fast.append(f) } else { slow.append(f) }
        }
        print("columnar path: \(fast.count) files; row path: \(slow.count): \(slow)")
        #expect(fast.count * 2 >= files.count, "columnar path applied to only \(fast.count) of \(files.count) files")
        // Checkpoints with deletion vectors, tags and remove rows must take the fast path.
        #expect(fast.contains { $0.hasPrefix("delta-rs/table_with_deletion_logs/") })
    }

    /// The two-thread path (column prefetch and add building split in halves), forced on every fixture
    /// checkpoint and on deltactl's own: the same actions as the row path, in the same order.
    @Test func parallelPathOnEveryCheckpoint() throws {
        let saved = ColumnarCheckpointDecoder.parallelRows
        ColumnarCheckpointDecoder.parallelRows = 1
        defer { ColumnarCheckpointDecoder.parallelRows = saved }
        for partitioned in [false, true] {
            let storage = try CheckpointWriterTests.table(commits: 9, partitioned: partitioned)
            try CheckpointWriter(storage: storage).checkpoint()
            let files = try storage.list(prefix: "_delta_log/").map(\.path).filter { $0.hasSuffix(".checkpoint.parquet") }
            #expect(try Self.compare(storage.read(files[0]), file: files[0]))
        }
        guard let shared = ProjectPaths.sharedFixtures else { print("skipped the fixtures: no shared fixtures"); return }
        let files = FileManager.default.enumerator(atPath: shared)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".parquet") && $0.contains("_delta_log/") && ($0.contains(".checkpoint") || $0.contains("_sidecars/")) }
            .sorted() ?? []
        var fast = 0
        for f in files where try Self.compare(Array(try Data(contentsOf: URL(fileURLWithPath: shared + "/" + f))), file: f) {
            fast += 1
        }
        #expect(fast * 2 >= files.count)
    }

    @Test func deltactlCheckpointWriter() throws {
        for partitioned in [false, true] {
            let storage = try CheckpointWriterTests.table(commits: 7, partitioned: partitioned)
            try CheckpointWriter(storage: storage).checkpoint()
            let files = try storage.list(prefix: "_delta_log/").map(\.path).filter { $0.hasSuffix(".checkpoint.parquet") }
            try #require(files.count == 1)
            #expect(try Self.compare(storage.read(files[0]), file: files[0]))
        }
    }

    static let deltaRSScript = #"""
import sys, pyarrow as pa, deltalake
from deltalake import write_deltalake, DeltaTable
p = sys.argv[1]
for i in range(4):
    t = pa.table({"id": pa.array(range(i * 10, i * 10 + 10), pa.int64()),
                  "part": pa.array([f"p{i % 2}"] * 5 + [None] * 5, pa.string())})
    write_deltalake(p, t, mode="append", partition_by=["part"])
dt = DeltaTable(p)
dt.delete("id < 15")
DeltaTable(p).create_checkpoint()
"""#

    @Test func deltaRSCreateCheckpoint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        guard let r = try ProcessRunner.python(Self.deltaRSScript, [dir.path + "/t"]) else {
            #expect(!ProjectPaths.isCI, "the referee venv is required in CI")
            print("skipped: no referee venv"); return
        }
        try #require(r.status == 0, "\(r.stderr)")
        let storage = try LocalStorage(path: dir.path + "/t")
        let files = try storage.list(prefix: "_delta_log/").map(\.path).filter { $0.hasSuffix(".checkpoint.parquet") }
        try #require(files.count == 1)
        let bytes = try storage.read(files[0])
        #expect(try Self.compare(bytes, file: files[0]))
        let actions = try ParquetCheckpointDecoder.decode(bytes, file: files[0])
        #expect(actions.contains { if case .remove = $0 { return true }; return false })
        #expect(actions.contains { if case .add(let a) = $0 { return a.partitionValues["part"] == .some(nil) }; return false })
    }
}

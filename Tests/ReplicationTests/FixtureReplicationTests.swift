import DeltaLog
import Foundation
import Replication
import Storage
import TestSupport
import Testing

/// Real tables (Spark, Databricks, delta-rs): replicate to a middle version, check that the replica holds exactly the
/// plan (nothing past N), verify, catch up incrementally to the latest, verify, and re-run as a no-op.
@Suite struct FixtureReplicationTests {
    static let tables: [(String, Int64)] = [
        ("delta-rs/table-with-dv-small", 0),          // deletion vectors
        ("delta-rs/checkpoint-v2-table", 7),          // V2 checkpoints with sidecars (6 in, 8 out)
        ("delta-rs/cdf-table", 1),                    // change data files
        ("delta-rs/simple_table_with_checkpoint", 5), // classic checkpoint
        ("spark-golden/multi-part-checkpoint", 0),    // multi-part checkpoint
        ("spark-golden/data-reader-escaped-chars", 1),
        ("spark-golden/hive/deltatbl-special-chars-in-partition-column", 0),
        ("spark-golden/snapshot-vacuumed", 5),        // files of older versions vacuumed: reported, not copied
        ("delta-rs/delta-0.8.0-special-partition", 0),
        ("delta-rs/checkpoint-cdf-table", 4),         // commits before the Parquet checkpoint at 3 cleaned up
        ("delta-rs/delta-1.2.1-only-struct-stats", 10),
        ("spark-golden/v2-checkpoint-json", 1),
    ]

    @Test(arguments: tables.map(\.0))
    func replicateToAVersionThenCatchUp(_ table: String) throws {
        guard let path = ReplicationTestKit.fixture(table) else { return }
        let n = Self.tables.first { $0.0 == table }!.1
        let dir = try TemporaryDirectory(prefix: "replica-fixture")
        let src = LocalStorage(path: path), dst = LocalStorage(path: dir.path)

        let first = try Replicator(source: src, target: dst, options: ReplicationTestKit.options(version: n)).run()
        let plan = try ReplicationPlanner(source: src).plan(version: n)
        var expected = Set(plan.logFiles.map(\.path) + plan.dataFiles.map(\.path))
        expected.insert(ReplicaLayout.lineagePath)
        if first.lastCheckpointVersion != nil { expected.insert("_delta_log/_last_checkpoint") }
        let held = Set(try dst.list(prefix: "").map(\.path))
        #expect(held == expected, "extra: \(held.subtracting(expected)); missing: \(expected.subtracting(held))")
        for item in plan.logFiles { #expect(try dst.read(item.path) == src.read(item.path)) }
        #expect(try ReplicationPlanner(source: dst).plan().toVersion == n)
        if let v = first.lastCheckpointVersion { #expect(v <= n) }
        if table.hasSuffix("snapshot-vacuumed") { #expect(!first.missingInSource.isEmpty) }
        var verdict = try Verifier(source: src, replica: dst).run()
        #expect(verdict.ok, "\(verdict.text)")

        let second = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        #expect(second.dataSkipped.files == first.dataCopied.files)
        verdict = try Verifier(source: src, replica: dst).run()
        #expect(verdict.ok, "\(verdict.text)")
        #expect(verdict.toVersion == plan.latestVersion)

        let third = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        #expect(third.dataCopied.files == 0 && third.logCopied.files == 0)
        let lineage = try #require(try LineageRecord.load(from: dst))
        #expect(lineage.runs.count == 3)
        for (file, entry) in lineage.files {
            #expect(CRC32C.checksum(try src.read(file)) == entry.crc32c, "\(file)")
            #expect(Int64(try src.read(file).count) == entry.size, "\(file)")
        }
    }
}

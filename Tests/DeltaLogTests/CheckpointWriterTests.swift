import Foundation
import Parquet
import Storage
import Testing
import TestSupport
@testable import DeltaLog

/// The checkpoint writer. Checkpoints are read back, with the commits they replace deleted, by the referee delta-rs
/// (and pyarrow for the Parquet schema); Tests/Interop/test_write_checkpoint.py adds DuckDB.
struct CheckpointWriterTests {
    /// What delta-rs sees of a table: version, active paths, txn version of "app", and the checkpoint's add schema.
    static let refereeScript = """
    import os, sys, json, glob, pyarrow as pa, pyarrow.parquet as pq
    from deltalake import DeltaTable
    dt = DeltaTable(sys.argv[1])
    paths = sorted(pa.table(dt.get_add_actions(flatten=True)).column("path").to_pylist())
    cps = sorted(glob.glob(sys.argv[1] + "/_delta_log/*.checkpoint*.parquet"))
    add = str(pq.read_schema(cps[-1]).field("add").type) if cps else ""
    print(json.dumps({"version": dt.version(), "paths": paths, "txn": dt.transaction_version("app"), "add": add}), flush=True)
    os._exit(0)  # delta-rs 1.6.6 may abort at interpreter exit (known referee quirk)
    """

    static func referee(_ path: String) throws -> JSONValue? {
        guard let r = try ProcessRunner.python(refereeScript, [path]) else {
            #expect(!ProjectPaths.isCI, "the referee venv is required in CI")
            return nil
        }
        try #require(r.status == 0, "\(r.stderr)")
        return try JSONParser.parse(r.stdout)
    }

    /// A table of `commits` appends (one file each, `p` partition a/b) plus one delete.
    static func table(commits: Int, config: [String: String] = [:], partitioned: Bool = false,
                      storage: Storage = MemoryStorage()) throws -> Storage {
        let create = Transaction(storage: storage, readState: .newTable, operation: "CREATE TABLE")
        create.writesCheckpoints = false
        create.updateMetadata(WriteFixtures.metadata(config, partitions: partitioned ? ["p"] : []))
        _ = try create.commitOrThrow()
        let table = DeltaTable(storage: storage)
        for i in 1...commits {
            let txn = try table.startTransaction()
            txn.writesCheckpoints = false
            txn.add(AddFile(path: "f\(i).parquet", partitionValues: partitioned ? ["p": i % 2 == 0 ? "a" : "b"] : [:],
                            size: Int64(100 + i), modificationTime: 1_700_000_000_000,
                            stats: #"{"numRecords":\#(i),"minValues":{"id":\#(i)},"maxValues":{"id":\#(i * 10)},"nullCount":{"id":0}}"#))
            if i == commits { txn.setAppTransaction(appId: "app", version: 9) }
            _ = try txn.commitOrThrow()
        }
        let del = try table.startTransaction(operation: "DELETE")
        del.writesCheckpoints = false
        del.remove(RemoveFile(path: "f1.parquet", partitionValues: partitioned ? ["p": "b"] : [:], size: 101))
        _ = try del.commitOrThrow()
        return storage
    }

    /// Deletes every commit at or before `version`, so that readers must use the checkpoint.
    static func dropCommits(_ storage: Storage, through version: Int64) throws {
        for v in 0...version { try storage.delete(Version(v).commitPath); try storage.delete(VersionChecksum.path(for: Version(v))) }
    }

    @Test func singleFileCheckpointReplacesTheCommits() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let storage = try Self.table(commits: 5, partitioned: true, storage: LocalStorage(path: dir.path))
        let before = try DeltaTable(storage: storage).snapshot()
        let record = try CheckpointWriter(storage: storage).checkpoint()
        #expect(record.version == 6 && record.parts == nil)
        #expect(record.numOfAddFiles == 4)
        #expect(record.size == 2 + 1 + 4 + 1)  // protocol, metaData, txn, 4 adds, 1 fresh tombstone
        #expect(try LastCheckpoint(bytes: storage.read("_delta_log/_last_checkpoint")) == record)
        #expect(try storage.head("_delta_log/00000000000000000006.checkpoint.parquet").size == record.sizeInBytes)
        try Self.dropCommits(storage, through: 6)
        // deltactl's own reader (deltalog-read) sees the same state from the checkpoint alone.
        let after = try DeltaTable(storage: storage).snapshot()
        #expect(after.version == 6 && after.segment.checkpoint?.version == 6)
        #expect(Set(after.activeFiles.map(\.path)) == Set(before.activeFiles.map(\.path)))
        #expect(after.activeFiles.allSatisfy { !$0.dataChange })
        let f2 = after.activeFiles.first { $0.path == "f2.parquet" }
        #expect(f2?.partitionValues == ["p": "a"])
        #expect(f2?.stats == before.activeFiles.first { $0.path == "f2.parquet" }?.stats)
        #expect(after.txnVersions == ["app": 9])
        #expect(after.metadata == before.metadata && after.protocolAction == before.protocolAction)
        #expect(after.tombstones.map(\.path) == ["f1.parquet"])
        guard let seen = try Self.referee(dir.path) else { return }
        #expect(seen["version"]?.int64Value == 6)
        #expect(seen["paths"]?.arrayValue?.compactMap(\.stringValue) == before.activeFiles.map(\.path).sorted())
        #expect(seen["txn"]?.int64Value == 9)
    }

    @Test func multiPartCheckpoint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let storage = try Self.table(commits: 9, storage: LocalStorage(path: dir.path))
        let record = try CheckpointWriter(storage: storage, maxActionsPerPart: 4).checkpoint()
        #expect(record.parts == 3 && record.size == 2 + 1 + 8 + 1)
        let parts = try storage.list(prefix: "_delta_log/00000000000000000010.checkpoint.")
        #expect(parts.map(\.path) == (1...3).map { "_delta_log/00000000000000000010.checkpoint.000000000\($0).0000000003.parquet" })
        try Self.dropCommits(storage, through: 10)
        guard let seen = try Self.referee(dir.path) else { return }
        #expect(seen["version"]?.int64Value == 10)
        #expect(seen["paths"]?.arrayValue?.count == 8)
    }

    @Test func expiredTombstonesAreDropped() throws {
        let storage = try Self.table(commits: 2)
        let later = Int64(Date().timeIntervalSince1970 * 1000) + 8 * 86_400_000
        let record = try CheckpointWriter(storage: storage, nowMillis: later).checkpoint()
        #expect(record.size == 2 + 1 + 1)  // the 8-day-old tombstone is gone (retention 7 days)
        let custom = try Self.table(commits: 2, config: ["delta.deletedFileRetentionDuration": "interval 30 days"])
        #expect(try CheckpointWriter(storage: custom, nowMillis: later).checkpoint().size == 2 + 1 + 1 + 1)
    }

    @Test func olderCheckpointDoesNotMoveLastCheckpointBack() throws {
        let storage = try Self.table(commits: 3)
        try CheckpointWriter(storage: storage).checkpoint()
        try CheckpointWriter(storage: storage).checkpoint(version: 2)
        #expect(try LastCheckpoint(bytes: storage.read("_delta_log/_last_checkpoint")).version == 4)
        #expect(try storage.exists("_delta_log/00000000000000000002.checkpoint.parquet"))
    }

    @Test func statsAsStructAddsTypedColumns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let storage = try Self.table(commits: 3, config: ["delta.checkpoint.writeStatsAsStruct": "true"], partitioned: true,
                                     storage: LocalStorage(path: dir.path))
        let metadata = try DeltaTable(storage: storage).snapshot().metadata
        try CheckpointWriter(storage: storage).checkpoint()
        try Self.dropCommits(storage, through: 4)
        if let seen = try Self.referee(dir.path) {
            #expect(seen["paths"]?.arrayValue?.count == 2)
            let add = seen["add"]?.stringValue ?? ""
            #expect(add.contains("stats_parsed: struct<numRecords: int64, minValues: struct<id: int64>"), "\(add)")
            #expect(add.contains("partitionValues_parsed: struct<p: string>"), "\(add)")
        }
        let layout = try ParsedStatsLayout(metadata: metadata)
        #expect(layout.partitionNode?.children.map(\.name) == ["p"])
        #expect(layout.statsValue(#"{"numRecords":4,"minValues":{"id":1},"maxValues":{"id":9},"nullCount":{"id":0}}"#)
                == .structure([ParquetField("numRecords", .int64(4)), ParquetField("minValues", .structure([ParquetField("id", .int64(1))])),
                               ParquetField("maxValues", .structure([ParquetField("id", .int64(9))])),
                               ParquetField("nullCount", .structure([ParquetField("id", .int64(0))]))]))
        #expect(layout.partitionValue(["p": "a"]) == .structure([ParquetField("p", .string("a"))]))
        #expect(layout.statsValue(nil) == nil)
    }

    @Test func typedConversions() throws {
        #expect(ParsedStatsLayout.unscaled("12.5", scale: 2) == 1250)
        #expect(ParsedStatsLayout.unscaled("-0.01", scale: 2) == -1)
        #expect(ParsedStatsLayout.unscaled("1.234", scale: 2) == nil)
        let date = try #require(ParsedStatsLayout.primitive(.date))
        #expect(date.string("1970-01-02") == .int32(1))
        #expect(date.string("1969-12-31") == .int32(-1))
        let ts = try #require(ParsedStatsLayout.primitive(.timestamp))
        #expect(ts.json(.string("1970-01-01T00:00:01.000Z")) == .int64(1_000_000))
        let short = try #require(ParsedStatsLayout.primitive(.short))
        #expect(short.json(.number("7")) == .int32(7))
    }

    @Test func v2CheckpointTablesAreRefused() throws {
        let p = ProtocolAction(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["v2Checkpoint"], writerFeatures: ["v2Checkpoint"])
        let content = CheckpointContent(version: 1, protocol: p, metadata: WriteFixtures.metadata())
        #expect(throws: DeltaError.self) { try CheckpointWriter(storage: MemoryStorage()).write(content) }
    }

    @Test func commitAtTheIntervalWritesACheckpoint() throws {
        let storage = MemoryStorage()
        let create = Transaction(storage: storage, readState: .newTable, operation: "CREATE TABLE")
        create.updateMetadata(WriteFixtures.metadata(["delta.checkpointInterval": "3"]))
        _ = try create.commitOrThrow()
        var wrote: [Int64] = []
        for i in 1...6 {
            let txn = try DeltaTable(storage: storage).startTransaction()
            txn.add(WriteFixtures.add("f\(i).parquet"))
            if case .committed(let v, _, let report) = try txn.commit() {
                #expect(report.warnings.isEmpty, "\(report.warnings)")
                #expect(report.wroteChecksum)
                if report.wroteCheckpoint { wrote.append(v.rawValue) }
            }
        }
        #expect(wrote == [3, 6])
        #expect(try LastCheckpoint(bytes: storage.read("_delta_log/_last_checkpoint")).version == 6)
    }
}

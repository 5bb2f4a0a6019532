import DeltaLog
import Foundation
import Replication
import Storage
import TestSupport
import Testing

@Suite struct ReplicatorTests {
    /// A table of 4 versions: appends, a remove (tombstone), a change-data file.
    static func makeSource(_ storage: Storage) throws -> SyntheticTable {
        var t = SyntheticTable(storage)
        try t.append(files: 2, folder: "p=a%3Ab")            // v0 (partition folder with an escaped ':')
        let v1 = try t.append(files: 3)                       // v1
        try t.writeData("_change_data/cdc-2.parquet")
        try t.commit([SyntheticTable.remove(v1[0]), .cdc(AddCDCFile(path: "_change_data/cdc-2.parquet", size: 64))])  // v2
        try t.append(files: 2)                                // v3
        return t
    }

    @Test func replicatesUpToVersionAndNothingPast() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try Self.makeSource(src)
        let report = try Replicator(source: src, target: dst, options: ReplicationTestKit.options(version: 2)).run()
        #expect(report.fromVersion == 0 && report.toVersion == 2)
        let paths = Set(try dst.list(prefix: "").map(\.path))
        for v in 0...2 { #expect(try dst.read(Version(Int64(v)).commitPath) == src.read(Version(Int64(v)).commitPath)) }
        #expect(!paths.contains(Version(3).commitPath))
        #expect(!paths.contains("part-3-0.parquet"), "a file first referenced at version 3 was copied")
        #expect(paths.contains("p=a:b/part-0-0.parquet"), "escaped partition path decoded once")
        #expect(paths.contains("_change_data/cdc-2.parquet"))
        #expect(paths.contains("part-1-0.parquet"), "a tombstoned file still needed for time travel")
        #expect(report.dataCopied.files == 6)
        let lineage = try #require(try LineageRecord.load(from: dst))
        #expect(lineage.toVersion == 2)
        #expect(lineage.tableId == "11111111-2222-3333-4444-555555555555")
        #expect(lineage.files.count == 6 + 3)
        #expect(lineage.files["part-1-1.parquet"]?.crc32c == CRC32C.checksum(try src.read("part-1-1.parquet")))
        #expect(lineage.files[Version(2).commitPath]?.crc32c == CRC32C.checksum(try src.read(Version(2).commitPath)))
        #expect(!paths.contains(ReplicaLayout.lockPath), "the lock is released")
        #expect(try Verifier(source: src, replica: dst).run().ok)
    }

    @Test func incrementalRunCopiesOnlyWhatIsNew() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try Self.makeSource(src)
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options(version: 1)).run()
        let second = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        #expect(second.dataCopied.files == 3)   // cdc-2 + two files of v3
        #expect(second.logCopied.files == 2)
        #expect(second.dataSkipped.files == 5)
        let third = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        #expect(third.dataCopied.files == 0 && third.logCopied.files == 0)
        #expect(third.dataSkipped.files == 8 && third.logSkipped.files == 4)
        let lineage = try #require(try LineageRecord.load(from: dst))
        #expect(lineage.runs.count == 3)
        #expect(lineage.fromVersion == 0 && lineage.toVersion == 3)
    }

    @Test func dryRunWritesNothing() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try Self.makeSource(src)
        let report = try Replicator(source: src, target: dst, options: {
            var o = ReplicationTestKit.options(); o.dryRun = true; return o }()).run()
        #expect(report.copiedPaths.count == 8 + 4)
        #expect(try dst.list(prefix: "").isEmpty)
    }

    @Test func missingTombstoneIsReportedButLiveMissingFileIsFatal() throws {
        let src = MemoryStorage()
        _ = try Self.makeSource(src)
        try src.delete("part-1-0.parquet")   // removed at v2: vacuumed
        let report = try Replicator(source: src, target: MemoryStorage(), options: ReplicationTestKit.options()).run()
        #expect(report.missingInSource.map(\.path) == ["part-1-0.parquet"])
        try src.delete("part-3-1.parquet")   // live at v3
        #expect(throws: ReplicationError.self) {
            try Replicator(source: src, target: MemoryStorage(), options: ReplicationTestKit.options()).run()
        }
    }

    @Test func damagedLineageRecordIsRebuilt() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try Self.makeSource(src)
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        try dst.put(ReplicaLayout.lineagePath, Array("{not json".utf8))
        let report = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        #expect(report.dataCopied.files == 0 && report.dataSkipped.files == 8)
        let record = try #require(try LineageRecord.load(from: dst))
        #expect(record.files.count == 12 && record.runs.count == 1)
    }

    @Test func tornSourceFileIsRefusedBeforeAnyWrite() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try Self.makeSource(src)
        try src.put("part-1-1.parquet", [1, 2, 3])  // shorter than its add.size (64)
        #expect {
            try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        } throws: { error in
            if case ReplicationError.damagedSourceFile("part-1-1.parquet", 64, 3, 1)? = error as? ReplicationError { return true }
            return false
        }
        #expect(try dst.list(prefix: "").isEmpty)
    }

    @Test func startsFromTheEarliestCheckpointWhenOldCommitsAreGone() throws {
        // A JSON V2 checkpoint at version 2 (readable without Parquet), commits 0 and 1 cleaned up.
        let src = MemoryStorage()
        var t = try Self.makeSource(src)
        _ = t
        let v1 = ["part-1-1.parquet", "part-1-2.parquet", "p=a%3Ab/part-0-0.parquet", "p=a%3Ab/part-0-1.parquet"]
        var lines: [Action] = [.protocol(ProtocolAction(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["v2Checkpoint"], writerFeatures: ["v2Checkpoint"])),
                               .metaData(Metadata(id: "11111111-2222-3333-4444-555555555555", schemaString: SyntheticTable.schema)),
                               .checkpointMetadata(CheckpointMetadata(version: 2))]
        lines += v1.map { SyntheticTable.add($0, size: 64, rows: 10) }
        lines.append(SyntheticTable.remove("part-1-0.parquet"))
        let cp = "_delta_log/" + Version(2).paddedName + ".checkpoint.3a0d65cd-4056-49b8-937b-95f9e3ee90e5.json"
        try src.put(cp, Array((lines.map(\.jsonLine).joined(separator: "\n") + "\n").utf8))
        try src.delete(Version(0).commitPath)
        try src.delete(Version(1).commitPath)
        t = SyntheticTable(src)
        let dst = MemoryStorage()
        let report = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        #expect(report.fromVersion == 2)
        let paths = Set(try dst.list(prefix: "").map(\.path))
        #expect(paths.contains(cp))
        #expect(paths.contains("part-1-2.parquet") && paths.contains("part-3-0.parquet"))
        #expect(paths.contains("_change_data/cdc-2.parquet"), "the starting commit's change data is part of the replica")
        #expect(!paths.contains(Version(1).commitPath))
        #expect(report.lastCheckpointVersion == 2)
        let hint = try LastCheckpoint(bytes: try dst.read("_delta_log/_last_checkpoint"))
        #expect(hint.version == 2 && hint.size == Int64(lines.count) && hint.numOfAddFiles == 4)
        #expect(try Verifier(source: src, replica: dst).run().ok)
    }

    @Test func filesLeftByAnInterruptedRunAreCheckedByChecksum() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try Self.makeSource(src)
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        // A damaged file of the right size, and no lineage record (the run that left it never finished).
        var bytes = try dst.read("part-1-1.parquet")
        bytes[0] ^= 0xFF
        try dst.put("part-1-1.parquet", bytes)
        try dst.delete(ReplicaLayout.lineagePath)
        let report = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        #expect(report.dataCopied.files == 1)
        #expect(try dst.read("part-1-1.parquet") == src.read("part-1-1.parquet"))
        #expect(report.dataSkipped.files == 7)
        #expect(try Verifier(source: src, replica: dst).run().ok)
        #expect(try LineageRecord.load(from: dst)?.files.count == 12)
    }

    @Test func localRootsUseDeferredDurabilityAndStillMatch() throws {
        guard let path = ReplicationTestKit.fixture("delta-rs/cdf-table") else { return }
        let dir = try TemporaryDirectory(prefix: "replica-local")
        for (name, deferred, flush) in [("a", true, FlushPolicy.always), ("b", false, .always), ("c", true, .never)] {
            let dst = LocalStorage(path: dir.appending(name), flush: flush)
            var options = ReplicationTestKit.options()
            options.deferDataSync = deferred
            let report = try Replicator(source: LocalStorage(path: path), target: dst, options: options).run()
            #expect(report.dataCopied.files == 29)
            let all = FileManager.default.enumerator(atPath: dst.rootPath)?.allObjects as? [String] ?? []
            #expect(all.count > 29 && all.allSatisfy { !$0.contains(".deltactl-tmp-") }, "temporary files left behind")
            #expect(try Verifier(source: LocalStorage(path: path), replica: dst).run().ok)
        }
    }

    @Test func stagedFilesOfAKilledRunAreRemovedByTheNextRun() throws {
        let srcDir = try TemporaryDirectory(prefix: "stale-src"), dstDir = try TemporaryDirectory(prefix: "stale-dst")
        let src = LocalStorage(path: srcDir.path), dst = LocalStorage(path: dstDir.path)
        _ = try Self.makeSource(src)
        // What a run killed while staging leaves: temporary files in the log folders, some from long ago.
        try FileManager.default.createDirectory(atPath: dstDir.appending("_delta_log/_sidecars"), withIntermediateDirectories: true)
        let names = ["_delta_log/.deltactl-tmp-00000000000000000001.json.1f", "_delta_log/_sidecars/.deltactl-tmp-x.parquet.2e"]
        for name in names { FileManager.default.createFile(atPath: dstDir.appending(name), contents: Data("partial".utf8)) }
        var options = ReplicationTestKit.options()
        _ = try Replicator(source: src, target: dst, options: options).run()
        #expect(names.allSatisfy { FileManager.default.fileExists(atPath: dstDir.appending($0)) }, "fresh ones are kept (grace)")
        options.temporaryFileGrace = -1
        _ = try Replicator(source: src, target: dst, options: options).run()
        #expect(names.allSatisfy { !FileManager.default.fileExists(atPath: dstDir.appending($0)) }, "stale ones are removed")
        #expect(try Verifier(source: src, replica: dst).run().ok)
    }

    /// A killed run leaves temporary files in data folders too (copies into a named temporary file: replacements,
    /// immediate durability, file systems without unnamed files). The next run removes those whose writer is gone at
    /// once, and others after the grace period; never files that are not deltactl's temporary files.
    @Test func abandonedTemporaryFilesInDataFoldersAreRemovedByTheNextRun() throws {
        let srcDir = try TemporaryDirectory(prefix: "stale-data-src"), dstDir = try TemporaryDirectory(prefix: "stale-data-dst")
        let src = LocalStorage(path: srcDir.path), dst = LocalStorage(path: dstDir.path)
        _ = try Self.makeSource(src)
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let tag = TemporaryName.hostTag
        let gone = ["part-1-1.parquet", "p=1/x/part-9.parquet", "_deltactl/replication.json", "_delta_log/00000000000000000002.json"]
            .map { path -> String in
                let slash = path.lastIndex(of: "/")
                let folder = slash.map { String(path[..<$0]) + "/" } ?? ""
                let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
                return folder + ".deltactl-tmp-" + name + ".1f.\(dead.processIdentifier)@\(tag)"
            }
        let kept = ["p=1/.deltactl-tmp-part-2.parquet.2e.\(getpid())@\(tag)",  // a live writer (this process)
                    "p=1/.deltactl-tmp-part-3.parquet.3d",                      // no writer: only after the grace period
                    ".deltactl-tmp-part-4.parquet.4c.1@0badcafe"]               // another host's writer
        let users = ["p=1/.deltactl-tmp-notes.txt", "p=1/notes.deltactl-tmp-x.1f", ".deltactl-tmp-", "p=1/.deltactl-tmp-a.1f.x@y"]
        for name in gone + kept + users {
            let full = dstDir.appending(name)
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: full, contents: Data("partial".utf8))
        }
        func present(_ names: [String]) -> [String] { names.filter { FileManager.default.fileExists(atPath: dstDir.appending($0)) } }
        var options = ReplicationTestKit.options()
        _ = try Replicator(source: src, target: dst, options: options).run()
        #expect(present(gone).isEmpty, "a gone writer's files are removed at once")
        #expect(present(kept) == kept, "others are kept during the grace period")
        #expect(present(users) == users)
        #expect(try Verifier(source: src, replica: dst).run().ok)
        options.temporaryFileGrace = -1
        _ = try Replicator(source: src, target: dst, options: options).run()
        #expect(present(kept).isEmpty, "after the grace period every temporary file goes")
        #expect(present(users) == users, "files that only look alike stay")
    }

    @Test func temporaryNamesNameTheirWriter() {
        #expect(TemporaryName.parse("part-1.parquet") == nil)
        #expect(TemporaryName.parse(".deltactl-tmp-a.b.parquet.ff") == .some(nil))
        #expect(TemporaryName.parse(".deltactl-tmp-a.b.parquet.ff.42@0123abcd") == .some(.init(pid: 42, host: "0123abcd")))
        for bad in [".deltactl-tmp-a.parquet.FF", ".deltactl-tmp-a.zz", ".deltactl-tmp-x.1f.42@123", ".deltactl-tmp-x.1f.-4@0123abcd"] {
            #expect(TemporaryName.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func commitModificationTimesAreKeptBetweenLocalRoots() throws {
        let srcDir = try TemporaryDirectory(prefix: "mtime-src"), dstDir = try TemporaryDirectory(prefix: "mtime-dst")
        let src = LocalStorage(path: srcDir.path), dst = LocalStorage(path: dstDir.path)
        _ = try Self.makeSource(src)
        for v in 0...3 {  // distinct, old commit times
            let date = Date(timeIntervalSince1970: 1_600_000_000 + Double(v) * 3600)
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: srcDir.path + "/" + Version(Int64(v)).commitPath)
        }
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        for v in 0...3 {
            #expect(try dst.head(Version(Int64(v)).commitPath).modifiedMillis == 1_600_000_000_000 + Int64(v) * 3_600_000)
        }
        #expect(try Verifier(source: src, replica: dst).run().ok)
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: dstDir.path + "/" + Version(2).commitPath)
        let verdict = try Verifier(source: src, replica: dst).run()
        #expect(verdict.differences.map(\.file) == [Version(2).commitPath])
        // The next run puts the time back without copying anything.
        let again = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        #expect(again.logCopied.files == 0)
        #expect(try Verifier(source: src, replica: dst).run().ok)
    }
}

@testable import DeltaLog
import Foundation
import Parquet
import Replication
import Storage
import TestSupport
import Testing

/// Tables for `check` tests: ``SyntheticTable`` commits whose data files are real Parquet files (one `id` column).
enum CheckKit {
    /// A Parquet file of `rows` int64 rows.
    static func parquet(rows: Int) throws -> [UInt8] {
        let sink = MemorySink()
        let writer = try ParquetFileWriter(fields: [ParquetColumnType.int64.node("id")], sink: sink)
        try writer.write(batch: [ColumnBatch(.int64((0..<rows).map(Int64.init)))])
        _ = try writer.close()
        return sink.bytes
    }

    /// Writes `name` with `rows` rows and returns its add (stats say `statsRows`, default `rows`).
    static func dataFile(_ storage: Storage, _ name: String, rows: Int = 10, statsRows: Int? = nil,
                         dv: DeletionVectorDescriptor? = nil) throws -> Action {
        let bytes = try parquet(rows: rows)
        try storage.put(DataFilePath.percentDecode(name), bytes)
        return .add(AddFile(path: name, size: Int64(bytes.count), modificationTime: 1_700_000_000_000,
                            stats: #"{"numRecords":\#(statsRows ?? rows)}"#, deletionVector: dv))
    }

    /// Versions 0...3: two appends, a remove, an append with a change-data file.
    static func table(_ storage: Storage) throws -> SyntheticTable {
        var t = SyntheticTable(storage)
        try t.commit([try dataFile(storage, "a.parquet"), try dataFile(storage, "p=x%3Ay/b.parquet")])  // v0
        try t.commit([try dataFile(storage, "c.parquet", rows: 7)])                                      // v1
        try t.commit([SyntheticTable.remove("a.parquet")])                                              // v2
        try t.writeData("_change_data/cdc-3.parquet", size: 40)
        try t.commit([try dataFile(storage, "d.parquet", rows: 3), .cdc(AddCDCFile(path: "_change_data/cdc-3.parquet", size: 40))])  // v3
        return t
    }

    /// The spec's example deletion vector path (PROTOCOL.md: Deletion Vector Descriptor), holding rows {1, 5}.
    static func deletionVector(_ storage: Storage, cardinality: Int64 = 2) throws -> DeletionVectorDescriptor {
        var b: [UInt8] = []
        func u32(_ v: UInt32) { b += [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24)] }
        func u16(_ v: UInt16) { b += [UInt8(v & 0xff), UInt8(v >> 8)] }
        u32(1_681_511_377); u32(1); u32(0); u32(0)  // magic, one bucket (int64), key 0
        u32(12347); b.append(0)                     // one container, no runs
        u16(0); u16(1); u16(1); u16(5)              // key 0, cardinality 2: {1, 5}
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
        let dv = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k^", offset: 1,
                                          sizeInBytes: Int32(b.count), cardinality: cardinality)
        try storage.put(try DeletionVectorLoader.relativePath(of: dv), [1] + be(UInt32(b.count)) + b + be(CRC32.checksum(b)))
        return dv
    }

    static func check(_ storage: Storage, version: Int64? = nil) throws -> TableCheckReport {
        try TableCheck(storage: storage, version: version, parallelism: 3).run()
    }

    static func kinds(_ r: TableCheckReport) -> [TableCheckReport.Kind] { r.problems.map(\.kind) }

    static func checkpointPath(_ v: Int64) -> String { "_delta_log/" + Version(v).paddedName + ".checkpoint.parquet" }
    static func partPath(_ v: Int64, _ part: Int, of parts: Int) -> String {
        func pad(_ n: Int) -> String { String(repeating: "0", count: 10 - String(n).count) + String(n) }
        return "_delta_log/" + Version(v).paddedName + ".checkpoint.\(pad(part)).\(pad(parts)).parquet"
    }
}

@Suite struct TableCheckTests {
    @Test func soundTableWithACheckpointPasses() throws {
        let storage = MemoryStorage()
        var t = try CheckKit.table(storage)
        try CheckpointWriter(storage: storage).checkpoint()
        try t.commit([try CheckKit.dataFile(storage, "e.parquet", rows: 2)])
        let r = try CheckKit.check(storage)
        #expect(r.ok, "\(r.text)")
        #expect(r.version == 4 && r.fromVersion == 0)
        #expect(r.footersRead == 4 && r.checkpointsChecked == 1 && r.commitsChecked == 5)
        #expect(r.filesChecked == 5, "four live data files and the change-data file")
        #expect(r.text.hasPrefix("OK: "))
    }

    @Test func missingTruncatedAndDamagedFilesAreNamedWithTheirVersion() throws {
        let storage = MemoryStorage()
        _ = try CheckKit.table(storage)
        try storage.delete("c.parquet")
        try storage.put("d.parquet", Array(try storage.read("d.parquet").dropLast(5)))
        var b = try storage.read("p=x:y/b.parquet")
        let footer = try ParquetFileReader(bytes: b).footerOffset
        b[footer] ^= 0xff  // the first Thrift field header of the footer
        try storage.put("p=x:y/b.parquet", b)
        try storage.delete("_change_data/cdc-3.parquet")
        let r = try CheckKit.check(storage)
        let byPath = Dictionary(r.problems.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["c.parquet"]?.kind == .missingFile && byPath["c.parquet"]?.version == 1)
        #expect(byPath["d.parquet"]?.kind == .sizeMismatch && byPath["d.parquet"]?.version == 3)
        #expect(byPath["p=x:y/b.parquet"]?.kind == .parquetFooter && byPath["p=x:y/b.parquet"]?.version == 0)
        #expect(byPath["_change_data/cdc-3.parquet"]?.kind == .missingFile)
        #expect(r.problems.count == 4, "\(r.text)")
        #expect(r.text.contains("PROBLEM sizeMismatch: d.parquet (version 3): data file has"))
    }

    @Test func rowCountThatDisagreesWithStats() throws {
        let storage = MemoryStorage()
        var t = try CheckKit.table(storage)
        try t.commit([try CheckKit.dataFile(storage, "e.parquet", rows: 4, statsRows: 5)])
        let r = try CheckKit.check(storage)
        #expect(r.problems == [.init(.rowCount, path: "e.parquet", version: 4,
                                     "the Parquet footer has 4 rows, the add's stats say numRecords 5")])
    }

    @Test func checkpointFromAnotherVersionIsCaught() throws {
        let storage = MemoryStorage()
        var t = try CheckKit.table(storage)
        try CheckpointWriter(storage: storage).checkpoint(version: 1)
        try storage.put(CheckKit.checkpointPath(3), try storage.read(CheckKit.checkpointPath(1)))  // version 1's state
        try t.commit([])
        let r = try CheckKit.check(storage)
        let problems = r.problems.filter { $0.kind == .checkpoint }
        #expect(problems.allSatisfy { $0.path == CheckKit.checkpointPath(3) && $0.version == 3 }, "\(r.text)")
        let details = problems.map(\.detail)
        #expect(details.contains("has add a.parquet, which is not live in checkpoint \(CheckKit.checkpointPath(1)) and the commits after it"))
        #expect(details.contains("lacks add d.parquet, which is live in checkpoint \(CheckKit.checkpointPath(1)) and the commits after it"))
        #expect(r.problems.count == 2, "\(r.text)")
        // The files are checked against the commits, not against the wrong checkpoint.
        #expect(r.footersRead == 3)
        #expect(try CheckKit.check(storage, version: 2).ok, "version 2 does not involve the bad checkpoint")
    }

    @Test func multiPartCheckpointsAreReadWholeAndIncompleteOnesIgnored() throws {
        let storage = MemoryStorage()
        _ = try CheckKit.table(storage)
        let record = try CheckpointWriter(storage: storage, maxActionsPerPart: 2).checkpoint()
        let parts = try #require(record.parts)
        #expect(parts > 1)
        var r = try CheckKit.check(storage)
        #expect(r.ok && r.checkpointsChecked == 1, "\(r.text)")
        // Damage one part: the checkpoint is named as unreadable; the commits still give the table.
        let part2 = CheckKit.partPath(3, 2, of: parts)
        try storage.put(part2, Array(try storage.read(part2).dropFirst(3)))
        r = try CheckKit.check(storage)
        #expect(CheckKit.kinds(r) == [.checkpoint] && r.problems[0].detail.contains("cannot be read"), "\(r.text)")
        #expect(r.footersRead == 3)
        // A missing part makes the checkpoint incomplete: readers ignore it, and so does check.
        try storage.delete(part2)
        r = try CheckKit.check(storage)
        #expect(r.ok && r.checkpointsChecked == 0, "\(r.text)")
    }

    @Test func logStartingAtACheckpointIsNotedNotFailed() throws {
        let storage = MemoryStorage()
        var t = try CheckKit.table(storage)
        try CheckpointWriter(storage: storage).checkpoint()
        try t.commit([try CheckKit.dataFile(storage, "e.parquet", rows: 2)])
        for v in 0...2 { try storage.delete(Version(Int64(v)).commitPath) }
        let r = try CheckKit.check(storage)
        #expect(r.ok && r.fromVersion == 3, "\(r.text)")
        #expect(r.notes.count == 1 && r.notes[0].contains("it starts the log"))
        #expect(r.problems.isEmpty && r.footersRead == 4)
    }

    @Test func deletionVectorsAreLoadedAndMatched() throws {
        let storage = MemoryStorage()
        var t = SyntheticTable(storage)
        let dv = try CheckKit.deletionVector(storage)
        try t.commit([try CheckKit.dataFile(storage, "a.parquet", rows: 10, dv: dv)])
        #expect(try CheckKit.check(storage).ok)
        #expect(try CheckKit.check(storage).deletionVectorsChecked == 1)

        // The descriptor claims another cardinality.
        let other = MemoryStorage()
        var u = SyntheticTable(other)
        try u.commit([try CheckKit.dataFile(other, "a.parquet", rows: 10, dv: try CheckKit.deletionVector(other, cardinality: 3))])
        var r = try CheckKit.check(other)
        #expect(CheckKit.kinds(r) == [.deletionVector] && r.problems[0].detail.contains("the descriptor says 3"), "\(r.text)")
        #expect(r.problems[0].path == (try DeletionVectorLoader.relativePath(of: dv)))

        // It deletes a row the data file does not have.
        let small = MemoryStorage()
        var w = SyntheticTable(small)
        try w.commit([try CheckKit.dataFile(small, "a.parquet", rows: 4, dv: try CheckKit.deletionVector(small))])
        r = try CheckKit.check(small)
        #expect(CheckKit.kinds(r) == [.deletionVector] && r.problems[0].detail.contains("deletes row 5"), "\(r.text)")

        // Its file is gone: named once, as missing.
        try storage.delete(try DeletionVectorLoader.relativePath(of: dv))
        r = try CheckKit.check(storage)
        #expect(r.problems == [.init(.missingFile, path: "ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin",
                                     version: 0, "deletion vector file is missing (referenced at version 0)")], "\(r.text)")
    }

    @Test func unsafePathsAreReportedAndNotFollowed() throws {
        let storage = MemoryStorage()
        var t = try CheckKit.table(storage)
        try t.commit([SyntheticTable.add("../outside.parquet", size: 10, rows: 1),
                      SyntheticTable.add("file:///etc/passwd", size: 10, rows: 1),
                      .remove(RemoveFile(path: "/abs/removed.parquet"))])
        let r = try CheckKit.check(storage)
        #expect(Set(r.problems.map(\.path)) == ["../outside.parquet", "file:///etc/passwd", "/abs/removed.parquet"], "\(r.text)")
        #expect(r.problems.allSatisfy { $0.kind == .unsafePath && $0.version == 4 })
        #expect(r.footersRead == 3)
    }

    @Test func malformedCommitIsNamed() throws {
        let storage = MemoryStorage()
        var t = try CheckKit.table(storage)
        try t.commit([try CheckKit.dataFile(storage, "e.parquet")])
        try storage.put(Version(2).commitPath, Array("{\"remove\":{\"path\":\n".utf8))
        let r = try CheckKit.check(storage)
        #expect(r.problems.contains { $0.kind == .log && $0.path == Version(2).commitPath && $0.version == 2 }, "\(r.text)")
        #expect(!r.ok)
    }

    @Test func unsupportedReaderFeatureIsRefusedByName() throws {
        let storage = MemoryStorage()
        var t = try CheckKit.table(storage)
        try t.commit([.protocol(ProtocolAction(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["futureFeature"],
                                               writerFeatures: ["futureFeature"]))])
        #expect { try CheckKit.check(storage) } throws: { error in
            if case DeltaError.unsupportedFeature("futureFeature", _) = error { return true }
            return false
        }
        #expect(throws: DeltaError.self) { try CheckKit.check(MemoryStorage()) }
        #expect(throws: DeltaError.self) { try CheckKit.check(storage, version: 9) }
    }

    @Test func jsonReportHasTheDocumentedFields() throws {
        let storage = MemoryStorage()
        _ = try CheckKit.table(storage)
        try storage.delete("c.parquet")
        let json = try CheckKit.check(storage).json
        #expect(json["ok"] == .bool(false) && json["version"]?.int64Value == 3)
        #expect(json["filesChecked"]?.int64Value == 3 && json["bytes"]?.int64Value != nil)
        let problem = try #require(json["problems"]?.arrayValue?.first)
        #expect(problem["kind"]?.stringValue == "missingFile" && problem["path"]?.stringValue == "c.parquet")
        #expect(problem["version"]?.int64Value == 1 && problem["detail"]?.stringValue != nil)
    }
}

import DeltaLog
import Replication
import Storage
import Testing

@Suite struct PathAndInventoryTests {
    @Test func resolvesRelativePathsAndDecodesPercentEscapes() throws {
        #expect(try TablePath.resolve("a=1/part-0.parquet", version: 0, file: "c") == "a=1/part-0.parquet")
        #expect(try TablePath.resolve("US%252FEast/x.parquet", version: 0, file: "c") == "US%2FEast/x.parquet")
        #expect(try TablePath.resolve("b=a%20b/x.parquet", version: 0, file: "c") == "b=a b/x.parquet")
    }

    @Test(arguments: ["../escape.parquet", "a/../../x", "/etc/passwd", "file:///etc/passwd", "s3://bucket/x.parquet",
                      "%2E%2E/x.parquet", "a//b", "./x", "bad%zz"])
    func refusesUnsafePaths(_ path: String) {
        #expect(throws: ReplicationError.self) { try TablePath.resolve(path, version: 3, file: "_delta_log/3.json") }
    }

    @Test func deletionVectorPathFromZ85UUID() throws {
        // From delta-rs/table-with-dv-small: the file beside it is deletion_vector_61d16c75-....bin.
        let dv = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "vBn[lx{q8@P<9BNH/isA", offset: 1, sizeInBytes: 36, cardinality: 2)
        #expect(try TablePath.deletionVectorFile(dv, version: 1, file: "c") == "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin")
        let prefixed = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "ab" + "vBn[lx{q8@P<9BNH/isA", offset: 1, sizeInBytes: 36, cardinality: 2)
        #expect(try TablePath.deletionVectorFile(prefixed, version: 1, file: "c") == "ab/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin")
        let inline = DeletionVectorDescriptor(storageType: "i", pathOrInlineDv: "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", offset: nil, sizeInBytes: 40, cardinality: 6)
        #expect(try TablePath.deletionVectorFile(inline, version: 1, file: "c") == nil)
        let absolute = DeletionVectorDescriptor(storageType: "p", pathOrInlineDv: "s3://b/dv.bin", offset: 1, sizeInBytes: 36, cardinality: 2)
        #expect(throws: ReplicationError.self) { try TablePath.deletionVectorFile(absolute, version: 1, file: "c") }
    }

    static func listing(_ names: [String]) -> [ObjectInfo] {
        names.map { ObjectInfo(path: "_delta_log/" + $0, size: 1, modifiedMillis: 0) }
    }
    static func c(_ v: Int) -> String { Version(Int64(v)).paddedName + ".json" }
    static func cp(_ v: Int) -> String { Version(Int64(v)).paddedName + ".checkpoint.parquet" }

    @Test func earliestReconstructibleVersion() {
        // Full history: from 0.
        let full = LogInventory(listing: Self.listing((0...5).map(Self.c) + [Self.cp(3)]))
        #expect(full.earliestReconstructible(upTo: 5) == 0)
        #expect(full.latestVersion == 5)
        // Cleaned up before 3, checkpoint at 3 and 4: from 3.
        let cleaned = LogInventory(listing: Self.listing((2...6).map(Self.c) + [Self.cp(3), Self.cp(4)]))
        #expect(cleaned.earliestReconstructible(upTo: 6) == 3)
        #expect(cleaned.earliestReconstructible(upTo: 2) == nil)
        // A gap at 5 after the checkpoint at 3: only a checkpoint at or after 4 with contiguous commits helps.
        let gap = LogInventory(listing: Self.listing([3, 4, 6, 7].map(Self.c) + [Self.cp(3), Self.cp(6)]))
        #expect(gap.earliestReconstructible(upTo: 7) == 6)
        #expect(gap.earliestReconstructible(upTo: 4) == 3)
        // A checkpoint without its commit file.
        let onlyCheckpoint = LogInventory(listing: Self.listing([Self.cp(2)]))
        #expect(onlyCheckpoint.earliestReconstructible(upTo: 2) == 2)
        // Incomplete multi-part checkpoint is ignored.
        let parts = LogInventory(listing: Self.listing([Self.c(5), Version(Int64(4)).paddedName + ".checkpoint.0000000001.0000000002.parquet"]))
        #expect(parts.earliestReconstructible(upTo: 5) == nil)
    }

    @Test func replayCountsRowsWithDeletionVectors() {
        var replay = TableReplay()
        let dv = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "vBn[lx{q8@P<9BNH/isA", offset: 1, sizeInBytes: 36, cardinality: 2)
        replay.apply([.add(AddFile(path: "a", size: 1, modificationTime: 0, stats: #"{"numRecords":10}"#)),
                      .add(AddFile(path: "b", size: 1, modificationTime: 0, stats: #"{"numRecords": 5,"minValues":{}}"#))])
        #expect(replay.state(version: 0).numRecords == 15)
        replay.apply([.remove(RemoveFile(path: "a")),
                      .add(AddFile(path: "a", size: 1, modificationTime: 0, stats: #"{"numRecords":10}"#, deletionVector: dv))])
        #expect(replay.state(version: 1).numRecords == 13)
        #expect(replay.state(version: 1).fileCount == 2)
        replay.apply([.add(AddFile(path: "c", size: 1, modificationTime: 0))])
        #expect(replay.state(version: 2).numRecords == nil)
    }
}

@Suite struct StorageLocationTests {
    @Test func opensPathsAndFileURIs() throws {
        #expect((try StorageLocation.open("/data/t") as? LocalStorage)?.rootPath == "/data/t")
        #expect((try StorageLocation.open("file:///data/my%20table/") as? LocalStorage)?.rootPath == "/data/my table")
        #expect((try StorageLocation.open("file://localhost/data/t") as? LocalStorage)?.rootPath == "/data/t")
        #expect(throws: ReplicationError.self) { try StorageLocation.open("s3://bucket/t") }
        #expect(throws: ReplicationError.self) { try StorageLocation.open("file://host/t") }
        #expect(throws: ReplicationError.self) { try StorageLocation.open("") }
    }
}

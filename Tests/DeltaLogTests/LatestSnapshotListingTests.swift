import Foundation
import Storage
import TestSupport
import Testing
@testable import DeltaLog

/// The latest snapshot lists the log from the `_last_checkpoint` hint on (``DeltaTable/listingFromLastCheckpoint()``)
/// and gives exactly what the full listing gives, falling back to the full listing whenever the hint cannot be
/// trusted: missing, pointing past every checkpoint, or naming a checkpoint that cannot be read.
@Suite struct LatestSnapshotListingTests {
    static func fullReplay(_ storage: Storage) throws -> Snapshot {
        try DeltaTable(storage: storage).snapshot(at: nil, listing: DeltaTable(storage: storage).listing())
    }

    static func same(_ a: Snapshot, _ b: Snapshot) {
        #expect(a.version == b.version)
        #expect(a.activeFiles.map(\.path).sorted() == b.activeFiles.map(\.path).sorted())
        #expect(a.metadata == b.metadata)
    }

    @Test func usesThePartialListingWhenTheHintIsGood() throws {
        let storage = try CheckpointWriterTests.table(commits: 6)
        try CheckpointWriter(storage: storage).checkpoint(version: 4)
        let table = DeltaTable(storage: storage)
        let partial = try #require(try table.listingFromLastCheckpoint())
        let latest = try table.latestVersion()
        #expect(partial.commitVersions == Array(4...latest.rawValue).map { Version($0) })
        Self.same(try table.snapshot(), try Self.fullReplay(storage))
        #expect(try table.snapshot().segment.checkpoint?.version == 4)
    }

    @Test func aHintPastEveryCheckpointFallsBackToTheFullListing() throws {
        let storage = try CheckpointWriterTests.table(commits: 6)
        try CheckpointWriter(storage: storage).checkpoint(version: 2)
        try storage.put("_delta_log/_last_checkpoint", Array(#"{"version":5,"size":9}"#.utf8))
        let table = DeltaTable(storage: storage)
        #expect(try table.listingFromLastCheckpoint() == nil)
        Self.same(try table.snapshot(), try Self.fullReplay(storage))
        #expect(try table.snapshot().segment.checkpoint?.version == 2)
    }

    @Test func anUnreadableHintedCheckpointFallsBackToAnOlderOne() throws {
        let storage = try CheckpointWriterTests.table(commits: 6)
        try CheckpointWriter(storage: storage).checkpoint(version: 2)
        try CheckpointWriter(storage: storage).checkpoint(version: 4)
        let expected = try Self.fullReplay(storage)
        try storage.put("_delta_log/00000000000000000004.checkpoint.parquet", Array("not parquet at all".utf8))
        let snap = try DeltaTable(storage: storage).snapshot()
        Self.same(snap, expected)
        #expect(snap.segment.checkpoint?.version == 2)
    }

    @Test func noHintListsEverything() throws {
        let storage = try CheckpointWriterTests.table(commits: 3)
        #expect(try DeltaTable(storage: storage).listingFromLastCheckpoint() == nil)
        Self.same(try DeltaTable(storage: storage).snapshot(), try Self.fullReplay(storage))
    }
}

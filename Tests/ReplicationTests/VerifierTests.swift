import DeltaLog
import Foundation
import Replication
import Storage
import TestSupport
import Testing

@Suite struct VerifierTests {
    static func replicated(_ table: String) throws -> (LocalStorage, LocalStorage, TemporaryDirectory)? {
        guard let path = ReplicationTestKit.fixture(table) else { return nil }
        let dir = try TemporaryDirectory(prefix: "verify")
        let src = LocalStorage(path: path), dst = LocalStorage(path: dir.path)
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        let verdict = try Verifier(source: src, replica: dst).run()
        #expect(verdict.ok, "\(verdict.text)")
        return (src, dst, dir)
    }

    @Test(arguments: VerificationChecksum.allCases)
    func flippedByteInADataFileIsNamed(_ checksum: VerificationChecksum) throws {
        guard let (src, dst, dir) = try Self.replicated("delta-rs/table-with-dv-small") else { return }
        _ = dir
        let file = "part-00000-fae5310a-a37d-4e51-827b-c3d5516560ca-c000.snappy.parquet"
        #expect(try Verifier(source: src, replica: dst, checksum: checksum).run().ok)
        let original = try dst.read(file)
        for offset in [0, original.count / 2, original.count - 1] {  // one byte, anywhere
            var bytes = original
            bytes[offset] ^= 0x40
            try dst.put(file, bytes)
            let verdict = try Verifier(source: src, replica: dst, checksum: checksum).run()
            #expect(!verdict.ok)
            #expect(verdict.differences.map(\.file) == [file])
            #expect(verdict.differences.first?.what.contains("\(checksum.label) differs") == true, "\(verdict.text)")
        }
    }

    @Test func checksumsOfKnownBytes() throws {
        let store = MemoryStorage()
        try store.put("a", Array("123456789".utf8))
        #expect(try VerificationChecksum.crc32c.of(store, "a", size: 9) == "e3069283")
        #expect(try VerificationChecksum.sha256.of(store, "a", size: 9)
            == "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225")
    }

    @Test func deletedDeletionVectorFileIsNamed() throws {
        guard let (src, dst, dir) = try Self.replicated("delta-rs/table-with-dv-small") else { return }
        _ = dir
        let dv = "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin"
        try dst.delete(dv)
        let verdict = try Verifier(source: src, replica: dst).run()
        #expect(verdict.differences.contains { $0.file == dv && $0.what.contains("missing") })
    }

    @Test func modifiedCommitIsNamed() throws {
        guard let (src, dst, dir) = try Self.replicated("delta-rs/checkpoint-v2-table") else { return }
        _ = dir
        let commit = Version(5).commitPath
        var bytes = try dst.read(commit)
        bytes[10] = bytes[10] == 0x61 ? 0x62 : 0x61
        try dst.put(commit, bytes)
        let verdict = try Verifier(source: src, replica: dst).run()
        #expect(verdict.differences.contains { $0.file == commit && $0.what.contains("byte offset 10") })
    }

    @Test func sidecarChangeAndTruncatedFileAreNamed() throws {
        guard let (src, dst, dir) = try Self.replicated("delta-rs/checkpoint-v2-table") else { return }
        _ = dir
        let sidecar = try #require(try dst.list(prefix: "_delta_log/_sidecars/").first?.path)
        try dst.put(sidecar, Array(try dst.read(sidecar).dropLast()))
        let data = try #require(try dst.list(prefix: "part-").first?.path)
        try dst.put(data, [])
        let verdict = try Verifier(source: src, replica: dst).run()
        let named = Set(verdict.differences.map(\.file))
        #expect(named.contains(sidecar) && named.contains(data))
    }

    @Test func replicaBehindTheRequestedVersionFails() throws {
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try ReplicatorTests.makeSource(src)
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options(version: 1)).run()
        #expect(try Verifier(source: src, replica: dst).run().ok, "defaults to the replica's latest version")
        let verdict = try Verifier(source: src, replica: dst, version: 3).run()
        #expect(!verdict.ok)
        #expect(verdict.differences.contains { $0.file == Version(2).commitPath })
    }

    @Test func rowCountsAndMetadataAreCompared() throws {
        // A replica whose commit 1 was rewritten (same size) with different stats: named by file and by version.
        let src = MemoryStorage(), dst = MemoryStorage()
        _ = try ReplicatorTests.makeSource(src)
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        let text = String(decoding: try dst.read(Version(1).commitPath), as: UTF8.self)
        try dst.put(Version(1).commitPath, Array(text.replacingOccurrences(of: "\\\"numRecords\\\":10", with: "\\\"numRecords\\\":99").utf8))
        let verdict = try Verifier(source: src, replica: dst).run()
        #expect(verdict.differences.contains { $0.file == Version(1).commitPath })
        #expect(verdict.differences.contains { $0.file == "version 1" && $0.what.contains("rows: source 50, replica 317") })
    }
}

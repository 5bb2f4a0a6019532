import Testing
@testable import DeltaLog

@Suite struct LogPathTests {
    @Test(arguments: [
        ("_delta_log/00000000000000000000.json", LogPath.commit(0)),
        ("00000000000000000042.json", .commit(42)),
        ("_delta_log/00000000000000000010.checkpoint.parquet", .checkpoint(10, .single)),
        ("_delta_log/00000000000000000010.checkpoint.0000000002.0000000003.parquet",
         .checkpoint(10, .multiPart(part: 2, of: 3))),
        ("_delta_log/00000000000000000002.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.json",
         .checkpoint(2, .uuid("80a083e8-7026-4e79-81be-64bd76c43a11", .json))),
        ("_delta_log/00000000000000000002.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.parquet",
         .checkpoint(2, .uuid("80a083e8-7026-4e79-81be-64bd76c43a11", .parquet))),
        ("_delta_log/00000000000000000004.00000000000000000006.compacted.json", .compaction(from: 4, to: 6)),
        ("_delta_log/00000000000000000007.crc", .checksum(7)),
        ("_delta_log/_last_checkpoint", .lastCheckpoint),
        ("_delta_log/_sidecars/3a0d65cd-4056-49b8-937b-95f9e3ee90e5.parquet",
         .sidecar("3a0d65cd-4056-49b8-937b-95f9e3ee90e5.parquet")),
    ])
    func parsesKnownNames(_ path: String, _ expected: LogPath) {
        #expect(LogPath(path: path) == expected)
    }

    @Test(arguments: [
        "_delta_log/0000000000000000000.json", "_delta_log/00000000000000000001.json.tmp",
        "_delta_log/.00000000000000000001.json.crc", "_delta_log/00000000000000000001.checkpoint.0000000004.0000000003.parquet",
        "_delta_log/00000000000000000006.00000000000000000004.compacted.json", "_delta_log/_commits/00000000000000000001.uuid.json",
        "_delta_log/0000000000000000000a.json", "_delta_log/00000000000000000001.checkpoint.not_a_uuid!.json",
        "_delta_log/99999999999999999999.json", "part-0000.parquet",
    ])
    func unknownNames(_ path: String) {
        #expect(LogPath(path: path) == .unknown)
    }

    @Test func fileNameIsTheInverse() {
        let kinds: [LogPath] = [.commit(3), .checkpoint(3, .single), .checkpoint(12, .multiPart(part: 1, of: 2)),
                                .checkpoint(5, .uuid("abc-1", .parquet)), .compaction(from: 1, to: 9), .checksum(8),
                                .lastCheckpoint, .sidecar("x.parquet")]
        for k in kinds {
            let path = k.tablePath
            #expect(path.map { LogPath(path: $0) } == k)
        }
    }

    @Test func lastCheckpointRoundTrip() throws {
        let text = #"{"version":10,"size":13,"parts":2,"sizeInBytes":1234,"numOfAddFiles":11,"checkpointSchema":{"type":"struct","fields":[]},"checksum":"abc","futureField":[1,2]}"#
        let lc = try LastCheckpoint(bytes: Array(text.utf8))
        #expect(lc.version == 10 && lc.size == 13 && lc.parts == 2 && lc.numOfAddFiles == 11)
        #expect(String(decoding: lc.jsonBytes, as: UTF8.self) == text)
    }

    @Test(arguments: ["", "{", #"{"size":1}"#, #"{"version":-1,"size":1}"#, #"{"version":1,"size":1,"parts":0}"#, "[]"])
    func brokenLastCheckpointThrows(_ text: String) {
        #expect(throws: DeltaError.self) { try LastCheckpoint(bytes: Array(text.utf8)) }
    }
}

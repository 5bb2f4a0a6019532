import DeltaLog
import Foundation
import Replication
import Storage
import Testing

@Suite struct LogActionsTests {
    @Test func incompleteNonFileActionsDoNotStopReplication() throws {
        let text = """
        {"commitInfo":{"operation":"CREATE"}}
        {"metaData":{"id":"x","format":{"provider":"parquet"}}}
        {"add":{"path":"a.parquet","partitionValues":{},"size":3,"modificationTime":1,"dataChange":true}}

        """
        let actions = try LogActions.parse(Array(text.utf8), file: "c.json")
        #expect(actions.count == 3)
        switch actions[1] {
        case .unknown("metaData", _), .metaData: break
        default: Issue.record("the metaData line should be kept (decoded or raw)")
        }
        guard case .add(let a) = actions[2] else { Issue.record("add expected"); return }
        #expect(a.path == "a.parquet" && a.size == 3)
    }

    @Test func fileActionsMustDecode() {
        let text = #"{"add":{"path":"a.parquet","partitionValues":{},"modificationTime":1,"dataChange":true}}"# + "\n"
        #expect(throws: ReplicationError.self) { try LogActions.parse(Array(text.utf8), file: "c.json") }
        let broken = "{\"add\":{\"path\":\"a\"\n"
        #expect(throws: ReplicationError.self) { try LogActions.parse(Array(broken.utf8), file: "c.json") }
    }

    @Test func lineageRecordRoundTrips() throws {
        let record = LineageRecord(
            sourceURI: "file:///data/t", tableId: "id-1", fromVersion: 3, toVersion: 9, replicatedAt: "2026-01-01T00:00:00Z",
            deltactlVersion: "0.1.0",
            runs: [.init(startedAt: "2026-01-01T00:00:00Z", fromVersion: 3, toVersion: 9, filesCopied: 4, bytesCopied: 99, deltactlVersion: "0.1.0")],
            files: ["a b/\"q\".parquet": .init(size: 10, crc32c: 0x0000_00AB),
                    "_delta_log/00000000000000000009.json": .init(size: 5, crc32c: 0xE306_9283)])
        #expect(try LineageRecord(bytes: Array(record.jsonText.utf8)) == record)
        #expect(record.jsonText.contains(#""_delta_log/00000000000000000009.json": {"size": 5, "crc32c": "e3069283"}"#))
        #expect(record.jsonText.contains(#"{"size": 10, "crc32c": "000000ab"}"#))
        #expect(throws: ReplicationError.self) { try LineageRecord(bytes: Array("{\"source\":1}".utf8)) }
    }

    /// Records of format 1 (SHA-256 per file) still load, and keep their digests when written again.
    @Test func lineageRecordOfFormatOneLoads() throws {
        let sha = String(repeating: "ab", count: 32)
        let text = """
            {"format": 1, "source": "file:///t", "tableId": null, "versions": {"from": 0, "to": 1},
             "replicatedAt": "2026-01-01T00:00:00Z", "deltactlVersion": "0.1.0", "runs": [],
             "files": {"a.parquet": {"size": 3, "sha256": "\(sha)"}}}
            """
        let record = try LineageRecord(bytes: Array(text.utf8))
        #expect(record.files["a.parquet"] == .init(size: 3, sha256: sha))
        #expect(try LineageRecord(bytes: Array(record.jsonText.utf8)) == record)
        for bad in [#"{"size": 3}"#, #"{"size": 3, "crc32c": "xyz"}"#, #"{"crc32c": "00000000"}"#] {
            let broken = text.replacingOccurrences(of: #"{"size": 3, "sha256": "\#(sha)"}"#, with: bad)
            #expect(throws: ReplicationError.self, "\(bad)") { try LineageRecord(bytes: Array(broken.utf8)) }
        }
    }
}

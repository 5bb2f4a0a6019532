import DeltaLog
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
            files: ["a b/\"q\".parquet": .init(size: 10, sha256: String(repeating: "ab", count: 32)),
                    "_delta_log/00000000000000000009.json": .init(size: 5, sha256: String(repeating: "cd", count: 32))])
        #expect(try LineageRecord(bytes: Array(record.jsonText.utf8)) == record)
        #expect(throws: ReplicationError.self) { try LineageRecord(bytes: Array("{\"source\":1}".utf8)) }
    }
}

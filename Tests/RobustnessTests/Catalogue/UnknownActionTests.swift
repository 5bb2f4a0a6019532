import DeltaLog
import Foundation
import Testing
import TestSupport

/// Input a future writer may produce: an action deltactl does not know. PROTOCOL.md lets readers ignore unknown
/// actions (the reader protocol gates anything that changes the meaning of the table), so reading must succeed
/// with the same result as without it, and replication must carry the line byte-for-byte.
@Suite struct UnknownActionTests {
    func makeTable(_ dir: TemporaryDirectory) throws -> TinyTable {
        var t = try TinyTable.create(at: dir.appending("t"), versions: 2)
        try t.commit([#"{"futureAction":{"path":"x","nested":{"a":[1,2,{"b":null}]}}}"#,
                      #"{"add":{"path":"part-extra.parquet","partitionValues":{},"size":440,"modificationTime":1,"dataChange":true,"futureField":{"k":1},"stats":"{\"numRecords\":2}"}}"#])
        try Data(TinyParquet.bytes).write(to: URL(fileURLWithPath: t.root + "/part-extra.parquet"))
        return t
    }

    @Test func readersIgnoreIt() throws {
        let dir = try TemporaryDirectory(prefix: "rob-unknown")
        let t = try makeTable(dir)
        let before = snapshots([t.root])
        let out = CLI.expectSuccess(try CLI.run(["info", t.root, "--json"]), "info")
        let info = try JSONParser.parse(out)
        #expect(info["version"]?.int64Value == 2)
        #expect(info["numFiles"]?.int64Value == 3)
        #expect(info["numRecords"]?.int64Value == 6)
        CLI.expectSuccess(try CLI.run(["files", t.root]), "files")
        CLI.expectSuccess(try CLI.run(["history", t.root]), "history")
        if let reads = try Referee.read([t.root]) {
            #expect(reads[0].version == 2 && reads[0].rows == 6, "delta-rs: \(reads[0])")
        } else { #expect(!ProjectPaths.isCI, "\(Referee.skipMessage())") }
        expectUnchanged(before)
    }

    @Test func replicationCarriesItVerbatim() throws {
        let dir = try TemporaryDirectory(prefix: "rob-unknown")
        let t = try makeTable(dir)
        let target = dir.appending("replica")
        CLI.expectSuccess(try CLI.run(["replicate", t.root, target]), "replicate")
        #expect(FileManager.default.contents(atPath: target + "/" + Version(2).commitPath)
                == FileManager.default.contents(atPath: t.commitFile(2)))
        CLI.expectSuccess(try CLI.run(["verify", t.root, target]), "verify")
    }

    @Test func libraryKeepsUnknownAction() throws {
        let actions = try CommitFileParser.parse(Array(#"{"futureAction":{"x":1}}"#.utf8), file: "v.json")
        #expect(actions.count == 1)
        if case .unknown = actions[0] {} else { Issue.record("expected .unknown, got \(actions[0])") }
    }
}

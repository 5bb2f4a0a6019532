import DeltaLog
import Foundation
import Testing
import TestSupport

/// Bad input: a table that needs a reader feature deltactl does not know (protocol 3/7 with `readerFeatures`
/// ["futureFeature"]) or a reader version above 3. Reading it could give wrong rows, so every command refuses,
/// naming the feature, and changes nothing.
@Suite struct UnsupportedFeatureTests {
    static let protocols = [
        #"{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["futureFeature"],"writerFeatures":["futureFeature"]}}"#,
        #"{"protocol":{"minReaderVersion":4,"minWriterVersion":7}}"#,
    ]

    func makeTable(_ dir: TemporaryDirectory, _ p: Int) throws -> TinyTable {
        var t = TinyTable(root: dir.appending("t"))
        try FileManager.default.createDirectory(atPath: t.root + "/_delta_log", withIntermediateDirectories: true)
        try Data(TinyParquet.bytes).write(to: URL(fileURLWithPath: t.root + "/a.parquet"))
        try t.commit([TinyTable.addLine("a.parquet")], protocolLine: Self.protocols[p])
        return t
    }

    @Test(arguments: 0..<protocols.count)
    func readCommandsRefuse(_ p: Int) throws {
        let dir = try TemporaryDirectory(prefix: "rob-feature")
        let t = try makeTable(dir, p)
        let before = snapshots([t.root])
        let what = p == 0 ? "futureFeature" : "4"
        for cmd in ["info", "files"] + (CLI.isBuilt("cat") ? ["cat"] : []) {
            CLI.expectCleanFailure(try CLI.run([cmd, t.root]), mentions: [what], cmd)
        }
        expectUnchanged(before)
    }

    @Test(.enabled(if: CLI.isBuilt("checkpoint")), arguments: 0..<protocols.count)
    func checkpointRefuses(_ p: Int) throws {
        let dir = try TemporaryDirectory(prefix: "rob-feature")
        let t = try makeTable(dir, p)
        let before = snapshots([t.root])
        CLI.expectCleanFailure(try CLI.run(["checkpoint", t.root]), mentions: [p == 0 ? "futureFeature" : "4"], "checkpoint")
        expectUnchanged(before)
    }
}

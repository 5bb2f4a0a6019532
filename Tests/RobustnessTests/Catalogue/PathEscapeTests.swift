import DeltaLog
import Foundation
import Testing
import TestSupport

/// Hostile input: an `add.path` that leaves the table root ("../../etc/passwd", its percent-encoded form, an
/// absolute path or URI). Replication and verification must refuse (they would otherwise read or write outside
/// the tables), name the path, and write nothing anywhere.
@Suite struct PathEscapeTests {
    static let paths = ["../../etc/passwd", "%2E%2E/%2E%2E/etc/passwd", "a/../../../etc/passwd", "/etc/passwd",
                        "file:///etc/passwd"]

    func makeTable(_ dir: TemporaryDirectory, _ evil: String) throws -> TinyTable {
        var t = try TinyTable.create(at: dir.appending("src/t"), versions: 2)
        try t.commit([TinyTable.addLine(evil, size: 10)])
        return t
    }

    @Test(arguments: paths)
    func replicateRefuses(_ evil: String) throws {
        let dir = try TemporaryDirectory(prefix: "rob-escape")
        let t = try makeTable(dir, evil)
        let before = snapshots([dir.path])
        let r = try CLI.run(["replicate", t.root, dir.appending("dst/replica")])
        CLI.expectCleanFailure(r, mentions: [], "replicate \(evil)")
        #expect(r.stderr.contains(evil) || r.stderr.contains("etc/passwd"), "message does not name the path: \(r.stderr)")
        expectUnchanged(before)
    }

    @Test(arguments: paths)
    func verifyRefuses(_ evil: String) throws {
        let dir = try TemporaryDirectory(prefix: "rob-escape")
        let t = try makeTable(dir, evil)
        let replica = dir.appending("dst/replica")
        try FileManager.default.createDirectory(atPath: dir.appending("dst"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: t.root, toPath: replica)
        let before = snapshots([dir.path])
        let r = try CLI.run(["verify", t.root, replica])
        #expect(r.status != 0, "verify accepted \(evil)")
        CLI.expectNoCrash(r, "verify \(evil)")
        #expect((r.stdout + r.stderr).contains("etc/passwd"), "verify does not name the path: \(r.stdout) \(r.stderr)")
        expectUnchanged(before)
    }

    @Test(.enabled(if: CLI.isBuilt("cat")), arguments: paths)
    func catRefuses(_ evil: String) throws {
        let dir = try TemporaryDirectory(prefix: "rob-escape")
        let t = try makeTable(dir, evil)
        let before = snapshots([dir.path])
        let r = try CLI.run(["cat", t.root])
        CLI.expectCleanFailure(r, mentions: ["etc/passwd"], "cat \(evil)")
        expectUnchanged(before)
    }
}

import Foundation
import Testing
import TestSupport

/// Bad input: a target that cannot be written. The tests run as root here, where chmod does not stop a write, so
/// the target's parent is a regular FILE (mkdir and open fail with ENOTDIR for every user), and, for the log, a
/// folder standing where `_last_checkpoint` must go (rename onto a folder fails with EISDIR for root too).
/// Each command must fail naming the path and leave every table as it was.
@Suite struct UnwritableTargetTests {
    @Test func replicateUnderARegularFile() throws {
        let dir = try TemporaryDirectory(prefix: "rob-unwritable")
        let t = try TinyTable.create(at: dir.appending("t"), versions: 2)
        try Data("i am a file".utf8).write(to: URL(fileURLWithPath: dir.appending("blocker")))
        let before = snapshots([dir.path])
        let r = try CLI.run(["replicate", t.root, dir.appending("blocker/replica")])
        CLI.expectCleanFailure(r, mentions: ["not a directory", "blocker"], "replicate")
        expectUnchanged(before)
    }

    @Test(.enabled(if: CLI.isBuilt("convert")))
    func convertUnderARegularFile() throws {
        let dir = try TemporaryDirectory(prefix: "rob-unwritable")
        try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: dir.appending("in.csv")))
        try Data("i am a file".utf8).write(to: URL(fileURLWithPath: dir.appending("blocker")))
        let before = snapshots([dir.path])
        let r = try CLI.run(["convert", dir.appending("in.csv"), "--to", dir.appending("blocker/t")])
        CLI.expectCleanFailure(r, mentions: ["blocker"], "convert")
        expectUnchanged(before)
    }

    @Test(.enabled(if: CLI.isBuilt("checkpoint")))
    func checkpointWhereLastCheckpointIsAFolder() throws {
        let dir = try TemporaryDirectory(prefix: "rob-unwritable")
        let t = try TinyTable.create(at: dir.appending("t"), versions: 3)
        try FileManager.default.createDirectory(atPath: t.root + "/_delta_log/_last_checkpoint", withIntermediateDirectories: true)
        let r = try CLI.run(["checkpoint", t.root])
        CLI.expectNoCrash(r, "checkpoint")
        // The checkpoint itself may land (it is valid without the hint); the table must read at version 2 either way.
        if r.status != 0 { CLI.expectCleanFailure(r, mentions: ["_last_checkpoint"], "checkpoint") }
        let info = CLI.expectSuccess(try CLI.run(["info", t.root]), "info after checkpoint")
        #expect(info.contains("version: 2"))
    }
}

import DeltaLog
import Foundation
import Storage
import Testing
import TestSupport

/// Bad input: `_last_checkpoint` that disagrees with the log: it points at a checkpoint that does not exist, at a
/// version past the newest commit, or is not JSON. `_last_checkpoint` is only a hint (PROTOCOL.md: Last
/// Checkpoint File): readers must either fall back to listing and read the right version, or fail clearly naming
/// the file. Never a wrong answer or a crash.
@Suite struct LastCheckpointMismatchTests {
    static let hints: [(name: String, text: String)] = [
        ("points at a missing checkpoint", #"{"version":1,"size":3}"#),
        ("past the newest commit", #"{"version":40,"size":3,"parts":2}"#),
        ("not JSON", "\u{1}\u{2}garbage{"),
        ("wrong types", #"{"version":"one","size":[]}"#),
        ("negative version", #"{"version":-5,"size":3}"#),
    ]

    @Test(arguments: 0..<hints.count)
    func readersFallBackOrFailClearly(_ i: Int) throws {
        let dir = try TemporaryDirectory(prefix: "rob-lastcp")
        let t = try TinyTable.create(at: dir.appending("t"), versions: 3)
        try Data(Self.hints[i].text.utf8).write(to: URL(fileURLWithPath: t.root + "/_delta_log/_last_checkpoint"))
        let before = snapshots([t.root])
        let r = try CLI.run(["info", t.root, "--json"])
        if r.status == 0 {
            let info = try JSONParser.parse(r.stdout)
            #expect(info["version"]?.int64Value == 2, "\(Self.hints[i].name): wrong version \(r.stdout)")
            #expect(info["numFiles"]?.int64Value == 3, "\(Self.hints[i].name): wrong files \(r.stdout)")
        } else {
            CLI.expectCleanFailure(r, mentions: ["_last_checkpoint"], Self.hints[i].name)
        }
        expectUnchanged(before)
    }

    /// Replicating a table whose hint points at a missing checkpoint: no crash, and when it succeeds the replica
    /// reads at the source's latest version.
    @Test func replicateCarriesHintFaithfully() throws {
        let dir = try TemporaryDirectory(prefix: "rob-lastcp")
        let t = try TinyTable.create(at: dir.appending("t"), versions: 3)
        try Data(#"{"version":1,"size":3}"#.utf8).write(to: URL(fileURLWithPath: t.root + "/_delta_log/_last_checkpoint"))
        let target = dir.appending("replica")
        let r = try CLI.run(["replicate", t.root, target])
        CLI.expectNoCrash(r, "replicate")
        if r.status == 0 {
            let info = try JSONParser.parse(CLI.expectSuccess(try CLI.run(["info", target, "--json"]), "info replica"))
            #expect(info["version"]?.int64Value == 2)
        }
    }

    /// A real checkpoint at version 2 (written by ``CheckpointWriter``) with a hint that disagrees with it: an older
    /// version, a wrong action count, parts that do not exist, a newer version. deltactl must read version 3 with its
    /// 4 files (or fail naming the hint); delta-rs reads the same or refuses.
    static let wrongHints = [#"{"version":1,"size":3}"#, #"{"version":2,"size":999,"numOfAddFiles":77}"#,
                             #"{"version":2,"size":6,"parts":3}"#, #"{"version":3,"size":6}"#]

    @Test(arguments: 0..<wrongHints.count)
    func realCheckpointWithWrongHint(_ i: Int) throws {
        let dir = try TemporaryDirectory(prefix: "rob-lastcp")
        var t = try TinyTable.create(at: dir.appending("t"), versions: 3)
        try CheckpointWriter(storage: LocalStorage(path: t.root)).checkpoint()
        try t.append(files: 1)
        try Data(Self.wrongHints[i].utf8).write(to: URL(fileURLWithPath: t.root + "/_delta_log/_last_checkpoint"))
        let before = snapshots([t.root])
        let r = try CLI.run(["info", t.root, "--json"])
        if r.status == 0 {
            let info = try JSONParser.parse(r.stdout)
            #expect(info["version"]?.int64Value == 3 && info["numFiles"]?.int64Value == 4, "hint \(Self.wrongHints[i]): \(r.stdout)")
        } else {
            CLI.expectCleanFailure(r, mentions: ["_last_checkpoint"], Self.wrongHints[i])
        }
        if let reads = try Referee.read([t.root]) {
            // delta-rs either reads the right version or refuses (kernel: "Had a _last_checkpoint hint but didn't find
            // any checkpoints" for a hint newer than every checkpoint); never a wrong answer.
            #expect(reads[0].error != nil || (reads[0].version == 3 && reads[0].rows == 8),
                    "delta-rs with hint \(Self.wrongHints[i]): \(reads[0])")
        } else { #expect(!ProjectPaths.isCI, "\(Referee.skipMessage())") }
        expectUnchanged(before)
    }

    @Test(arguments: 0..<hints.count)
    func libraryReaderIsTyped(_ i: Int) {
        do {
            let cp = try LastCheckpoint(bytes: Array(Self.hints[i].text.utf8))
            #expect(cp.version.rawValue >= 0)
        } catch let e as DeltaError {
            #expect("\(e)".contains("_last_checkpoint"), "\(e)")
        } catch { Issue.record("untyped error \(error)") }
    }
}

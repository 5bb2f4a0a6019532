import DeltaLog
import Foundation
import Storage
import Testing
import TestSupport

/// Bad input: a hole in the log (version 1 of 0...3 deleted). The latest version cannot be reconstructed; readers
/// must say which versions are missing, replication must refuse rather than publish a log with a hole.
@Suite struct MissingVersionTests {
    func makeTable(_ dir: TemporaryDirectory) throws -> TinyTable {
        let t = try TinyTable.create(at: dir.appending("t"), versions: 4)
        try FileManager.default.removeItem(atPath: t.commitFile(1))
        return t
    }

    @Test func readersNameTheGap() throws {
        let dir = try TemporaryDirectory(prefix: "rob-gap")
        let t = try makeTable(dir)
        let before = snapshots([t.root])
        for cmd in ["info", "files"] {
            CLI.expectCleanFailure(try CLI.run([cmd, t.root]), mentions: ["missing", "1"], cmd)
        }
        CLI.expectCleanFailure(try CLI.run(["info", t.root, "--version", "2"]), mentions: [], "info --version 2")
        expectUnchanged(before)
    }

    @Test func replicateRefuses() throws {
        let dir = try TemporaryDirectory(prefix: "rob-gap")
        let t = try makeTable(dir)
        let target = dir.appending("replica")
        let before = snapshots([t.root, target])
        CLI.expectCleanFailure(try CLI.run(["replicate", t.root, target]), mentions: [], "replicate")
        expectUnchanged(before)
    }

    @Test func libraryRefusesSegmentWithHole() throws {
        let storage = MemoryStorage()
        for v in [0, 2, 3] as [Int64] {
            try storage.put(Version(v).commitPath, Array((TinyTable.protocolLine + "\n").utf8))
        }
        do {
            _ = try DeltaTable(storage: storage).segment()
            Issue.record("a log with a hole gave a segment")
        } catch let e as DeltaError {
            #expect("\(e)".contains("1"), "\(e)")
        }
    }
}

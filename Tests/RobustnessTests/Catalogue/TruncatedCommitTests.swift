import DeltaLog
import Foundation
import Testing
import TestSupport

/// Bad input: a commit file cut off in the middle of a line (a writer that died without atomic rename, a
/// half-copied log). Readers must name the file, the line and the byte offset, and leave the table untouched.
@Suite struct TruncatedCommitTests {
    /// Builds a 3-version table whose version 1 is cut in the middle of its last line.
    func makeTable(_ dir: TemporaryDirectory) throws -> TinyTable {
        let t = try TinyTable.create(at: dir.appending("t"), versions: 3)
        let file = t.commitFile(1)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
        try Data(bytes[0..<(bytes.count - 25)]).write(to: URL(fileURLWithPath: file))
        return t
    }

    @Test func readCommandsNameFileAndLine() throws {
        let dir = try TemporaryDirectory(prefix: "rob-trunc")
        let t = try makeTable(dir)
        let before = snapshots([t.root])
        for cmd in ["info", "files", "history"] {
            let r = try CLI.run([cmd, t.root])
            if cmd == "history" && r.status == 0 {
                // history may list commit infos without replaying add lines; it must then still not crash.
                CLI.expectNoCrash(r, cmd)
                continue
            }
            CLI.expectCleanFailure(r, mentions: ["00000000000000000001.json", "line"], cmd)
        }
        // Versions before the damage stay readable.
        CLI.expectSuccess(try CLI.run(["info", t.root, "--version", "0"]), "info --version 0")
        expectUnchanged(before)
    }

    @Test func replicateRefusesAndLeavesBothUntouched() throws {
        let dir = try TemporaryDirectory(prefix: "rob-trunc")
        let t = try makeTable(dir)
        let target = dir.appending("replica")
        let before = snapshots([t.root, target])
        let r = try CLI.run(["replicate", t.root, target])
        CLI.expectCleanFailure(r, mentions: ["00000000000000000001.json"], "replicate")
        expectUnchanged(before)
    }

    @Test func libraryErrorCarriesLineAndOffset() throws {
        let text = TinyTable.addLine("a.parquet") + "\n" + String(TinyTable.addLine("b.parquet").dropLast(20))
        do {
            _ = try CommitFileParser.parse(Array(text.utf8), file: "_delta_log/00000000000000000001.json")
            Issue.record("a truncated commit parsed")
        } catch let e as DeltaError {
            guard case .malformedLog(let file, let line, let offset, _) = e else {
                Issue.record("unexpected error \(e)"); return
            }
            #expect(file == "_delta_log/00000000000000000001.json")
            #expect(line == 2)
            #expect(offset != nil && offset! > TinyTable.addLine("a.parquet").utf8.count)
        }
    }
}

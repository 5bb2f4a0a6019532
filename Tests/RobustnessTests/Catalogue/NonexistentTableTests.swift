import Foundation
import Testing
import TestSupport

/// Bad input: the table path does not exist, is a regular file, or is a folder without `_delta_log`. Every command
/// says so, naming the path, and creates nothing there.
@Suite struct NonexistentTableTests {
    enum Kind: String, CaseIterable { case missing, regularFile, emptyFolder }

    static let commands: [[String]] = [["info"], ["files"], ["history"], ["cat"], ["checkpoint"]]

    func location(_ dir: TemporaryDirectory, _ kind: Kind) throws -> String {
        let p = dir.appending("nope-table")
        switch kind {
        case .missing: break
        case .regularFile: try Data("not a table".utf8).write(to: URL(fileURLWithPath: p))
        case .emptyFolder: try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        }
        return p
    }

    @Test(arguments: Kind.allCases)
    func tableCommandsFail(_ kind: Kind) throws {
        let dir = try TemporaryDirectory(prefix: "rob-missing")
        let p = try location(dir, kind)
        let before = snapshots([dir.path])
        for cmd in Self.commands where CLI.isBuilt(cmd[0]) {
            CLI.expectCleanFailure(try CLI.run(cmd + [p]), mentions: ["nope-table"], "\(cmd[0]) on \(kind)")
        }
        expectUnchanged(before)
    }

    @Test(arguments: Kind.allCases)
    func replicateAndVerifyFail(_ kind: Kind) throws {
        let dir = try TemporaryDirectory(prefix: "rob-missing")
        let p = try location(dir, kind)
        let other = try TinyTable.create(at: dir.appending("real"), versions: 1)
        let before = snapshots([dir.path])
        CLI.expectCleanFailure(try CLI.run(["replicate", p, dir.appending("replica")]), mentions: ["nope-table"],
                               "replicate from \(kind)")
        CLI.expectCleanFailure(try CLI.run(["verify", p, other.root]), mentions: ["nope-table"], "verify source \(kind)")
        CLI.expectCleanFailure(try CLI.run(["verify", other.root, p]), mentions: ["_delta_log"], "verify replica \(kind)",
                               reportOnStdout: true)
        expectUnchanged(before)
    }

    @Test(.enabled(if: CLI.isBuilt("convert")))
    func convertMissingCSV() throws {
        let dir = try TemporaryDirectory(prefix: "rob-missing")
        let before = snapshots([dir.path])
        CLI.expectCleanFailure(try CLI.run(["convert", dir.appending("nope.csv"), "--to", dir.appending("t")]),
                               mentions: ["nope.csv"], "convert")
        expectUnchanged(before)
    }
}

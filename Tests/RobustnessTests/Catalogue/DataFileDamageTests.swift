import DeltaLog
import Foundation
import Testing
import TestSupport

/// Bad input: a data file referenced by the log is missing, or shorter than its `add.size` (a torn copy). Commands
/// that read or copy data must name the file; none may change a table.
@Suite struct DataFileDamageTests {
    enum Damage: String, CaseIterable { case missing, short }

    func damage(_ path: String, _ kind: Damage) throws {
        switch kind {
        case .missing: try FileManager.default.removeItem(atPath: path)
        case .short: try Data(TinyParquet.bytes.prefix(100)).write(to: URL(fileURLWithPath: path))
        }
    }

    @Test(arguments: Damage.allCases)
    func verifyReportsDamagedReplica(_ kind: Damage) throws {
        let dir = try TemporaryDirectory(prefix: "rob-data")
        let t = try TinyTable.create(at: dir.appending("t"), versions: 3)
        let target = dir.appending("replica")
        CLI.expectSuccess(try CLI.run(["replicate", t.root, target]), "replicate")
        try damage(target + "/" + t.dataFiles[1], kind)
        let before = snapshots([t.root, target])
        let r = try CLI.run(["verify", t.root, target])
        #expect(r.status != 0, "verify passed a \(kind) data file")
        CLI.expectNoCrash(r, "verify")
        #expect((r.stdout + r.stderr).contains(t.dataFiles[1]), "verify does not name the file: \(r.stdout) \(r.stderr)")
        expectUnchanged(before)
    }

    @Test(arguments: Damage.allCases)
    func replicateRefusesDamagedSource(_ kind: Damage) throws {
        let dir = try TemporaryDirectory(prefix: "rob-data")
        let t = try TinyTable.create(at: dir.appending("t"), versions: 3)
        try damage(t.root + "/" + t.dataFiles[2], kind)
        let target = dir.appending("replica")
        let before = snapshots([t.root])
        let r = try CLI.run(["replicate", t.root, target])
        CLI.expectCleanFailure(r, mentions: [t.dataFiles[2]], "replicate")
        expectUnchanged(before)
        // The replica never became a table at a version whose files it lacks.
        let log = FolderSnapshot(target + "/_delta_log").entries.keys.filter { $0.hasSuffix(".json") }
        #expect(log.isEmpty, "replica published \(log.sorted()) after failing")
        #expect(TableCheck.consistent(target) == nil, "the replica became a table without its files")
    }

    @Test(.enabled(if: CLI.isBuilt("cat")), arguments: Damage.allCases)
    func catNamesTheFile(_ kind: Damage) throws {
        let dir = try TemporaryDirectory(prefix: "rob-data")
        let t = try TinyTable.create(at: dir.appending("t"), versions: 3)
        try damage(t.root + "/" + t.dataFiles[1], kind)
        let before = snapshots([t.root])
        CLI.expectCleanFailure(try CLI.run(["cat", t.root]), mentions: [t.dataFiles[1]], "cat")
        expectUnchanged(before)
    }
}

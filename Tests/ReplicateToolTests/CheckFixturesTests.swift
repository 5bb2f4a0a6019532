import DeltaLog
import Foundation
import TestSupport
import Testing

/// `deltactl check --json` over every table of ../shared/fixtures (skipped when absent). Each passes, or fails for
/// the reason listed here, which agrees with ../shared/fixtures/INDEX.md: a table check passes is read by at least
/// one referee; a table it fails is refused by a referee, or needs a reader feature deltactl refuses by name, or
/// (read by both referees) lacks a file the referees never open. Every file it calls missing is indeed missing.
@Suite struct CheckFixturesTests {
    /// Tables that fail, and a phrase of the reason (in a problem's kind or detail, or in the refusal on stderr).
    static let failing: [String: String] = [
        // Log-only tables (data files not shipped).
        "delta-rs/checkpoint_with_partitions": "missingFile",
        "delta-rs/checkpoints": "missingFile",
        "delta-rs/checkpoints_vacuumed": "missingFile",
        "delta-rs/latest_not_checkpointed": "missingFile",
        "delta-rs/with_checkpoint_no_last_checkpoint": "missingFile",
        "delta-rs/table-with-domain-metadata": "missingFile",
        "spark-golden/checkpoint": "missingFile",
        "spark-golden/delete-re-add-same-file-different-transactions": "missingFile",
        // Its commits name change-data files under fake paths (the referees never read change data).
        "spark-golden/deltalog-getChanges": "change data file is missing",
        // Reader features deltactl refuses by name.
        "delta-rs/simple_table_features": "unsupported table feature 'minReaderVersion 5'",
        "spark-golden/deltalog-invalid-protocol-version": "unsupported table feature 'minReaderVersion 99'",
        "delta-rs/spark-shredded-variant-preview-delta": "unsupported table feature 'variantShredding-preview'",
        "delta-rs/spark-variant-checkpoint": "unsupported table feature 'variantType-preview'",
        "spark-golden/spark-variant-checkpoint": "unsupported table feature 'variantType-preview'",
        "delta-rs/spark-variant-stable-feature-checkpoint": "unsupported table feature 'variantType'",
        // Logs that cannot be replayed.
        "spark-golden/canonicalized-paths-normal-a": "has no schemaString",
        "spark-golden/canonicalized-paths-normal-b": "has no schemaString",
        "spark-golden/canonicalized-paths-special-a": "has no schemaString",
        "spark-golden/corrupted-last-checkpoint": "has no schemaString",
        "spark-golden/deltalog-commit-info": "has no schemaString",
        "spark-golden/update-deleted-directory": "has no schemaString",
        "spark-golden/data-reader-absolute-paths-escaped-chars": "unsafePath",
        "spark-golden/deltalog-state-reconstruction-from-checkpoint-missing-metadata": "no protocol or metaData",
        "spark-golden/deltalog-state-reconstruction-without-metadata": "no protocol or metaData",
        "spark-golden/deltalog-state-reconstruction-without-protocol": "no protocol or metaData",
    ]

    /// Table name -> (rows by delta-rs, rows by DuckDB) from INDEX.md ("error" when that referee fails).
    static func index(_ root: String) throws -> [String: (String, String)] {
        var rows: [String: (String, String)] = [:]
        for line in try String(contentsOfFile: root + "/INDEX.md", encoding: .utf8).split(separator: "\n") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 6, cells[1].contains("/") else { continue }
            rows[cells[1]] = (cells[4], cells[5])
        }
        return rows
    }

    static func tables(_ root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let item = walker.nextObject() as? String {
            if item.hasSuffix("/_delta_log") { found.append(String(item.dropLast("/_delta_log".count))); walker.skipDescendants() }
        }
        return found.sorted()
    }

    @Test(.enabled(if: CheckCommandTests.binaryBuilt)) func everyFixturePassesOrFailsForItsReason() throws {
        guard let root = ProjectPaths.sharedFixtures else { print("skipped: ../shared/fixtures is absent"); return }
        let index = try Self.index(root)
        let tables = Self.tables(root)
        #expect(tables.count >= 100)
        for name in tables {
            let r = try ProcessRunner.deltactl(["check", root + "/" + name, "--json"])
            let referees = index[name] ?? ("error", "error")
            let bothRefuse = referees.0 == "error" && referees.1 == "error"
            guard let reason = Self.failing[name] else {
                #expect(r.status == 0, "\(name): \(r.stdout)\(r.stderr)")
                #expect(!bothRefuse, "\(name) passes check but both referees refuse it")
                continue
            }
            #expect(r.status == 1, "\(name) should fail (\(reason)): \(r.stdout)\(r.stderr)")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"), "\(name): \(r.stderr)")
            #expect(bothRefuse || reason.hasPrefix("unsupported") || reason.hasPrefix("change data"),
                    "\(name) fails check but INDEX.md says a referee reads it")
            if reason.hasPrefix("unsupported") {
                #expect(r.stderr.contains("deltactl check: ") && r.stderr.contains(reason), "\(name): \(r.stderr)")
                continue
            }
            let report = try JSONParser.parse(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            let problems = report["problems"]?.arrayValue ?? []
            #expect(problems.contains { p in
                p["kind"]?.stringValue == reason || (p["detail"]?.stringValue?.contains(reason) ?? false)
            }, "\(name): expected \(reason): \(r.stdout)")
            for p in problems where p["kind"]?.stringValue == "missingFile" {
                let path = try #require(p["path"]?.stringValue)
                #expect(!FileManager.default.fileExists(atPath: root + "/" + name + "/" + path), "\(name): \(path) exists")
                #expect(p["version"]?.int64Value != nil && !(p["detail"]?.stringValue ?? "").isEmpty)
            }
        }
    }
}

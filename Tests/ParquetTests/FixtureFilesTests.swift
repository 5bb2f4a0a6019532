import Foundation
import Parquet
import Testing
import TestSupport

/// Every Parquet file in the shared fixtures (written by Spark, Databricks and delta-rs) reads with the values
/// pyarrow reads.
@Suite(.serialized) struct FixtureFilesTests {
    static func parquetFiles(under root: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if rel.hasSuffix(".parquet") { out.append(root + "/" + rel) }
        }
        return out.sorted()
    }

    @Test func allFixtureFilesMatchPyArrow() throws {
        guard let fixtures = ProjectPaths.sharedFixtures else {
            print("skipping: ../shared/fixtures not present")
            return
        }
        let files = Self.parquetFiles(under: fixtures)
        #expect(files.count > 100)
        let dir = try TemporaryDirectory(prefix: "parquet-fixtures")
        let list = dir.appending("files.txt")
        try files.joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
        let script = Canonical.functions + #"""
import os, traceback
paths = open(sys.argv[1]).read().split("\n")
for i, p in enumerate(paths):
    target = os.path.join(sys.argv[2], "%d" % i)
    try:
        rows = canonical_rows(p)
        with open(target + ".expected", "w") as f:
            for line in rows: f.write(line + "\n")
    except Exception as e:
        with open(target + ".error", "w") as f: f.write(repr(e))
"""#
        guard try Canonical.runPython(script, [list, dir.path]) else { return }
        var compared = 0, refereeErrors = 0
        for (i, path) in files.enumerated() {
            let base = dir.appending("\(i)")
            if FileManager.default.fileExists(atPath: base + ".error") {
                refereeErrors += 1
                // pyarrow cannot read it either (e.g. unsupported types): we must fail cleanly or read it.
                _ = try? ParquetFileReader(path: path).readRows()
                continue
            }
            let text = try String(contentsOfFile: base + ".expected", encoding: .utf8)
            let expected = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            do {
                let reader = try ParquetFileReader(path: path)
                #expect(reader.numRows == Int64(expected.count), "\(path): footer row count")
                let actual = try reader.readRows().map(Canonical.text)
                Canonical.compare(path, actual, expected, sourceLocation: #_sourceLocation)
            } catch {
                Issue.record("\(path): \(error)")
            }
            compared += 1
        }
        print("fixture Parquet files compared with pyarrow: \(compared); unreadable by pyarrow: \(refereeErrors)")
        #expect(compared > 100)
    }
}

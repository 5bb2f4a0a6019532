import CSVIngest
import Foundation
import Testing
import TestSupport

/// Bad input: CSVs with an unterminated quote, ragged rows, invalid UTF-8. The tokenizer reports file, line and
/// column; `convert` fails with that location and leaves the target table as it was (or never creates it).
@Suite struct CSVInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var line: Int
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unterminated quote", bytes: Array("a,b\n1,2\n3,\"never closed\n4,5\n".utf8), line: 3),
        Case(name: "ragged row (short)", bytes: Array("a,b\n1,2\n4\n".utf8), line: 3),
        Case(name: "ragged row (long)", bytes: Array("a,b\n1,2\n3,4\n5,6,7\n".utf8), line: 4),
        Case(name: "invalid UTF-8", bytes: Array("a,b\n1,2\n".utf8) + [0x33, 0x2c, 0xff, 0xfe, 0x0a], line: 3),
        Case(name: "truncated UTF-8 sequence", bytes: Array("a,b\n1,".utf8) + [0xe2, 0x82, 0x0a], line: 2),
    ]

    /// Tokenizes everything with the header's field count enforced.
    static func tokenize(_ bytes: [UInt8], chunk: Int = .max) throws -> Int {
        let tok = CSVTokenizer(source: MemoryByteSource(bytes, name: "bad.csv", chunk: chunk), bufferSize: 16)
        var rows = 0
        while try tok.nextRecord() {
            if rows == 0 { tok.expectedFieldCount = tok.record.count }
            rows += 1
        }
        return rows
    }

    @Test(arguments: cases)
    func tokenizerNamesLine(_ c: Case) {
        for chunk in [Int.max, 1, 3] {
            do {
                _ = try Self.tokenize(c.bytes, chunk: chunk)
                Issue.record("\(c.name): tokenized without error")
            } catch let e as CSVError {
                #expect("\(e)".hasPrefix("bad.csv:\(c.line):"), "\(c.name) (chunk \(chunk)): \(e)")
            } catch { Issue.record("\(c.name): untyped error \(error)") }
        }
    }

    @Test(.enabled(if: CLI.isBuilt("convert")), arguments: cases)
    func convertFailsAndLeavesNoTable(_ c: Case) throws {
        let dir = try TemporaryDirectory(prefix: "rob-csv")
        let csv = dir.appending("bad.csv")
        try Data(c.bytes).write(to: URL(fileURLWithPath: csv))
        let r = try CLI.run(["convert", csv, "--to", dir.appending("t")])
        CLI.expectCleanFailure(r, mentions: ["bad.csv", "\(c.line)"], "convert \(c.name)")
        let log = FolderSnapshot(dir.appending("t/_delta_log")).entries.keys.filter { $0.hasSuffix(".json") }
        #expect(log.isEmpty, "convert of a bad CSV committed \(log)")
    }

    @Test(.enabled(if: CLI.isBuilt("convert")), arguments: cases)
    func appendFailsAndLeavesTableAsItWas(_ c: Case) throws {
        let dir = try TemporaryDirectory(prefix: "rob-csv")
        let good = dir.appending("good.csv")
        try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: good))
        CLI.expectSuccess(try CLI.run(["convert", good, "--to", dir.appending("t")]), "convert good")
        let csv = dir.appending("bad.csv")
        try Data(c.bytes).write(to: URL(fileURLWithPath: csv))
        let before = snapshots([dir.appending("t")])
        let r = try CLI.run(["convert", csv, "--to", dir.appending("t"), "--mode", "append"])
        CLI.expectCleanFailure(r, mentions: ["bad.csv", "\(c.line)"], "convert --mode append \(c.name)")
        expectUnchanged(before)
    }
}

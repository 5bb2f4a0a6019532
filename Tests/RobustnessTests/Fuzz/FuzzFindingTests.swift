import DeltaLog
import Foundation
import Testing

/// Findings of the fuzzers, kept as library-level regression tests (fixed) or documented known issues (routed).
@Suite struct FuzzFindingTests {
    /// Commit fuzzer: a `remove` line naming `tags` twice. The byte fast path keeps the last value, the strict
    /// parser (used when a line holds a field the fast path does not know) the first, so the same line can mean two
    /// things. Jackson (Spark) keeps the last. Routed to DeltaLog (read path).
    @Test func duplicateKeysMeanTheSameOnBothPaths() throws {
        let line = #"{"remove":{"path":"a.parquet","deletionTimestamp":1,"dataChange":true,"tags":{"k":"first"},"tags":{"k":"last"}}}"#
        let fast = try CommitFileParser.parse(Array(line.utf8), file: "v.json")
        let strict = try Action(json: try JSONParser.parse(line), file: "v.json", line: 1)
        #expect(fast.count == 1)
        withKnownIssue("duplicate keys: fast path last-wins, strict path first-wins", isIntermittent: true) {
            #expect(fast.first == strict)
        }
    }
}

import Foundation
import Parquet
import Storage
import TestSupport
import Testing
@testable import DeltaLog

@Suite struct CheckpointReadTests {
    /// The direct add/remove decoding agrees with the generic JSON path on real checkpoints (with DVs, tags,
    /// partition values, stats and stats_parsed).
    @Test(arguments: ["delta-rs/table_with_deletion_logs/_delta_log/00000000000000000020.checkpoint.parquet",
                      "delta-rs/delta-1.2.1-only-struct-stats/_delta_log/00000000000000000010.checkpoint.parquet",
                      "spark-golden/multi-part-checkpoint/_delta_log/00000000000000000001.checkpoint.0000000001.0000000002.parquet"])
    func directDecodingMatchesJSONPath(_ file: String) throws {
        guard let shared = ProjectPaths.sharedFixtures else { print("skipped: no shared fixtures"); return }
        let path = shared + "/" + file
        guard FileManager.default.fileExists(atPath: path) else { Issue.record("missing fixture \(file)"); return }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let fast = try ParquetCheckpointDecoder.decode(bytes, file: file)
        let reader = try ParquetFileReader(bytes: bytes, path: file)
        var slow: [Action] = []
        for row in try reader.readRows() {
            for f in row.fields ?? [] where !f.value.isNull {
                slow.append(try Action(key: f.name, body: ParquetCheckpointDecoder.json(f.value, statsParsedFallback: true),
                                       file: file, line: nil))
                break
            }
        }
        #expect(fast.count == slow.count)
        #expect(fast == slow)
        #expect(fast.contains { if case .add = $0 { return true }; return false })
    }
}

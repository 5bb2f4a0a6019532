import Foundation
import Parquet
import Testing
import TestSupport

/// Delta checkpoints through the row API (nested maps, structs, lists), plus byte-flip robustness on a real file.
@Suite struct CheckpointFileTests {
    static var checkpoint: String? {
        ProjectPaths.sharedFixtures.map {
            $0 + "/delta-rs/simple_table_with_checkpoint/_delta_log/00000000000000000010.checkpoint.parquet"
        }
    }

    @Test func readsCheckpointActions() throws {
        guard let path = Self.checkpoint else {
            print("skipping: ../shared/fixtures not present")
            return
        }
        let reader = try ParquetFileReader(path: path)
        let rows = try reader.readRows(columns: ["add.path", "add.partitionValues", "add.size", "protocol", "metaData.id"])
        #expect(rows.count == Int(reader.numRows))
        let adds = rows.compactMap { $0["add"] }.filter { !$0.isNull }
        #expect(!adds.isEmpty)
        for add in adds {
            #expect(add["path"]?.stringValue?.hasSuffix(".parquet") == true)
            #expect(add["partitionValues"]?.stringMap != nil)
            #expect((add["size"]?.int64Value ?? 0) > 0)
            // Pruned to the selected sub-fields only.
            #expect(add.fields?.map(\.name) == ["path", "partitionValues", "size"])
        }
        let proto = rows.compactMap { $0["protocol"] }.first { !$0.isNull }
        #expect(proto?["minReaderVersion"]?.int64Value != nil)
        // Footer-only facts.
        #expect(reader.rowGroupCount >= 1)
        #expect(reader.keyValueMetadata.isEmpty || reader.keyValueMetadata.keys.contains { !$0.isEmpty })
        #expect(throws: ParquetError.self) { _ = try reader.readRows(columns: ["add.nope"]) }
    }

    @Test func byteFlipsNeverCrash() throws {
        guard let path = Self.checkpoint else { return }
        let good = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var failures = 0, successes = 0
        for i in stride(from: 0, to: good.count, by: 5) {
            var bytes = good
            bytes[i] ^= UInt8(truncatingIfNeeded: i &* 31) | 1
            do {
                _ = try ParquetFileReader(bytes: bytes).readRows()
                successes += 1
            } catch is ParquetError {
                failures += 1
            }
        }
        #expect(failures > 0 && successes > 0)
    }
}

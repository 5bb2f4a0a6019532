import Foundation
@testable import Storage
import TestSupport
import Testing

/// Local put-if-absent on file systems without renameat2 RENAME_NOREPLACE: the link(2) path, forced here, keeps
/// the same contract (exclusive, nothing left behind).
@Suite struct LinkFallbackTests {
    @Test func putIfAbsentAndPublishWithoutRenameNoReplace() throws {
        let a = try TemporaryDirectory(), b = try TemporaryDirectory()
        let src = LocalStorage(path: a.path), dst = LocalStorage(path: b.path)
        dst.noRenameNoReplace.raise()
        try dst.putIfAbsent("_delta_log/00000000000000000000.json", Array("one".utf8))
        #expect(throws: StorageError.alreadyExists(path: "_delta_log/00000000000000000000.json")) {
            try dst.putIfAbsent("_delta_log/00000000000000000000.json", Array("two".utf8))
        }
        try src.put("c1", Array("c1".utf8))
        try src.put("c0", Array("one".utf8))
        let staged = [try dst.stage(from: src, sourcePath: "c0", to: "_delta_log/00000000000000000000.json", modifiedMillis: nil),
                      try dst.stage(from: src, sourcePath: "c1", to: "_delta_log/00000000000000000001.json", modifiedMillis: nil)]
        #expect(try dst.publish(staged) == [.alreadyPresent, .published])
        #expect(try dst.read("_delta_log/00000000000000000001.json") == Array("c1".utf8))
        let winners = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            if (try? dst.putIfAbsent("race.json", Array("\(i)".utf8))) != nil { winners.add() }
        }
        #expect(winners.value == 1)
        let all = FileManager.default.enumerator(atPath: b.path)?.allObjects as? [String] ?? []
        #expect(!all.contains { $0.contains(".deltactl-tmp-") }, "\(all)")
    }
}

import DeltaLog
import Foundation
import Storage
import Testing

/// Checks that a table on disk is consistent: it reads at a version, and every file of that version exists with
/// the size its `add` action records.
enum TableCheck {
    /// The table's state as deltactl's library reads it.
    struct State: Equatable {
        var version: Int64
        var files: Int
        var rows: Int64?
    }

    /// Nil when `root` holds no commit yet (not a table); otherwise the consistent state, or a recorded issue.
    static func consistent(_ root: String, sourceLocation: SourceLocation = #_sourceLocation) -> State? {
        let log = (try? FileManager.default.contentsOfDirectory(atPath: root + "/_delta_log")) ?? []
        guard log.contains(where: { $0.hasSuffix(".json") && !$0.hasPrefix(".") }) else { return nil }
        let storage = LocalStorage(path: root)
        do {
            let snap = try DeltaTable(storage: storage).snapshot()
            for add in snap.activeFiles {
                let path = add.path.removingPercentEncoding ?? add.path
                let info = try? storage.head(path)
                #expect(info?.size == add.size, "\(root): \(add.path) is \(info.map { "\($0.size) bytes" } ?? "missing"), add.size \(add.size)",
                        sourceLocation: sourceLocation)
            }
            return State(version: snap.version.rawValue, files: snap.numFiles, rows: snap.numRecordsFromStats)
        } catch {
            Issue.record("\(root) is not readable: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}

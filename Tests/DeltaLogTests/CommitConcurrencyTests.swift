import Foundation
import Storage
import Testing
import TestSupport
@testable import DeltaLog

/// Several writers (threads with their own Transaction objects on one LocalStorage) append at once:
/// every commit lands exactly once and the versions are contiguous.
struct CommitConcurrencyTests {
    @Test func concurrentBlindAppendsLandExactlyOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let storage = LocalStorage(path: dir.path)
        let base = try WriteFixtures.create(storage)
        let writers = 6, commitsEach = 8
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            let mine = LocalStorage(path: dir.path)  // a separate handle per writer, as separate processes would have
            for c in 0..<commitsEach {
                do {
                    // Each writer reads the latest version it can see, as a fresh snapshot would.
                    let latest = try WriteFixtures.latestVersion(mine) ?? 0
                    var state = base
                    state.version = latest
                    let txn = Transaction(storage: mine, readState: state)
                    txn.add(WriteFixtures.add("w\(w)-c\(c).parquet"))
                    guard case .committed = try txn.commit() else { failures.add("w\(w) c\(c) did not commit"); continue }
                } catch {
                    failures.add("w\(w) c\(c): \(error)")
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let total = writers * commitsEach
        #expect(try WriteFixtures.latestVersion(storage) == Version(Int64(total)))
        var seen: [String: Int] = [:]
        for v in 1...Int64(total) {
            let actions = try WriteFixtures.commitActions(storage, Version(v))
            for case .add(let a) in actions { seen[a.path, default: 0] += 1 }
            guard case .commitInfo(let info) = actions.first, let read = info["readVersion"]?.int64Value else {
                Issue.record("version \(v) lacks commitInfo.readVersion"); continue
            }
            #expect(read < v)
        }
        #expect(seen.count == total && seen.values.allSatisfy { $0 == 1 })
        // No temporary files are left behind in _delta_log: every file there is a log file of a known kind.
        let stray = try storage.list(prefix: "_delta_log/").filter { LogPath(path: $0.path) == .unknown }
        #expect(stray.isEmpty, "\(stray.map(\.path))")
        // Checkpoints were written at the interval (10) by whichever writer committed those versions.
        #expect(try (1...total / 10).allSatisfy { try storage.exists(LogPath.checkpoint(Version(Int64($0 * 10)), .single).tablePath ?? "") })
    }

    @Test func concurrentCreatorsProduceOneTable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let outcomes = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let txn = Transaction(storage: LocalStorage(path: dir.path), readState: .newTable, operation: "CREATE TABLE")
            txn.updateMetadata(WriteFixtures.metadata())
            do { outcomes.add("\(try txn.commit())") } catch { outcomes.add("error \(error)") }
        }
        let committed = outcomes.all.filter { $0.hasPrefix("committed") }
        let conflicts = outcomes.all.filter { $0.hasPrefix("conflict") && $0.contains("changed the table") }
        #expect(committed.count == 1 && conflicts.count == 3, "\(outcomes.all)")
    }
}

/// A thread-safe list of messages collected from concurrent writers.
final class Failures: @unchecked Sendable {
    private var items: [String] = []
    private let lock = NSLock()
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

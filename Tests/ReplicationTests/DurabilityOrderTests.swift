import DeltaLog
import Foundation
import Replication
import Storage
import Testing

/// Replication's durability order through the storage API: data files are copied with deferred durability and
/// log files staged; one `publish` (which flushes everything first, by contract) then publishes the log in
/// version order. Nothing in `_delta_log` is written visibly before that flush.
@Suite struct DurabilityOrderTests {
    @Test func dataIsFlushedOnceBeforeTheLogIsPublished() throws {
        let src = MemoryStorage()
        _ = try ReplicatorTests.makeSource(src)
        let dst = RecordingStorage(MemoryStorage())
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        let events = dst.events
        let publishes = events.indices.filter { events[$0].hasPrefix("publish ") }
        #expect(publishes.count == 1 && !events.contains("sync"), "one flush, the publish's: \(events)")
        let publish = try #require(publishes.first)
        let copies = events.indices.filter { events[$0].hasPrefix("copy deferred ") }
        #expect(copies.count == 8, "every data file copied with deferred durability: \(events)")
        #expect(copies.allSatisfy { $0 < publish })
        let log = try src.list(prefix: "_delta_log/").map(\.path)  // commits only, in version order
        #expect(log.count >= 3)
        let staged = events.indices.filter { events[$0].hasPrefix("stage _delta_log/") }
        #expect(staged.count == log.count && staged.allSatisfy { $0 < publish }, "\(events)")
        let visibleLogWrites = events.indices.filter {
            events[$0].contains("_delta_log/") && !events[$0].hasPrefix("stage ") && !events[$0].hasPrefix("publish ")
        }
        #expect(visibleLogWrites.allSatisfy { $0 > publish }, "a log file was published before the data was durable: \(events)")
        // The batch is in version order.
        #expect(events[publish] == "publish " + log.joined(separator: ","))
    }

    @Test func immediateDurabilityWhenDeferralIsOff() throws {
        let src = MemoryStorage()
        _ = try ReplicatorTests.makeSource(src)
        let dst = RecordingStorage(MemoryStorage())
        var options = ReplicationTestKit.options()
        options.deferDataSync = false
        _ = try Replicator(source: src, target: dst, options: options).run()
        #expect(!dst.events.contains("sync"))
        #expect(dst.events.filter { $0.hasPrefix("copy immediate ") }.count == 8)
        #expect(dst.events.filter { $0.hasPrefix("publish ") }.count == 1)
    }
}

/// A storage that records its writes and syncs, in order.
final class RecordingStorage: Storage, @unchecked Sendable {
    let base: Storage
    private let lock = NSLock()
    private var log: [String] = []
    init(_ base: Storage) { self.base = base }
    var events: [String] { lock.lock(); defer { lock.unlock() }; return log }
    private func record(_ e: String) { lock.lock(); log.append(e); lock.unlock() }

    var rootURI: String { "recording:" + base.rootURI }
    func read(_ path: String) throws -> [UInt8] { try base.read(path) }
    func readRange(_ path: String, offset: Int64, length: Int) throws -> [UInt8] {
        try base.readRange(path, offset: offset, length: length)
    }
    func head(_ path: String) throws -> ObjectInfo { try base.head(path) }
    func list(prefix: String) throws -> [ObjectInfo] { try base.list(prefix: prefix) }
    func put(_ path: String, _ bytes: [UInt8]) throws { record("put " + path); try base.put(path, bytes) }
    func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws { record("putIfAbsent " + path); try base.putIfAbsent(path, bytes) }
    func delete(_ path: String) throws { record("delete " + path); try base.delete(path) }
    func copy(from source: Storage, sourcePath: String, to path: String) throws {
        try copy(from: source, sourcePath: sourcePath, to: path, durability: .immediate)
    }
    func copy(from source: Storage, sourcePath: String, to path: String, durability: WriteDurability) throws -> CopyReceipt {
        record("copy \(durability == .deferred ? "deferred" : "immediate") " + path)
        return try base.copy(from: source, sourcePath: sourcePath, to: path, durability: durability)
    }
    func sync() throws { record("sync"); try base.sync() }
    func stage(from source: Storage, sourcePath: String, to path: String, modifiedMillis: Int64?) throws -> StagedObject {
        record("stage " + path)
        return try base.stage(from: source, sourcePath: sourcePath, to: path, modifiedMillis: modifiedMillis)
    }
    func publish(_ staged: [StagedObject]) throws -> [PublishOutcome] {
        record("publish " + staged.map(\.path).joined(separator: ","))
        return try base.publish(staged)
    }
    func discard(_ staged: [StagedObject]) { record("discard"); base.discard(staged) }
}

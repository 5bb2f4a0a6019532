import DeltaLog
import Foundation
import Replication
import Storage
import Testing

/// Replication's durability order through the storage API: data files are copied with deferred durability,
/// made durable by one `sync()`, and only then does any log file get published.
@Suite struct DurabilityOrderTests {
    @Test func dataIsSyncedOnceBeforeTheLogIsPublished() throws {
        let src = MemoryStorage()
        _ = try ReplicatorTests.makeSource(src)
        let dst = RecordingStorage(MemoryStorage())
        _ = try Replicator(source: src, target: dst, options: ReplicationTestKit.options()).run()
        let events = dst.events
        let syncs = events.indices.filter { events[$0] == "sync" }
        #expect(syncs.count == 1)
        let sync = try #require(syncs.first)
        let copies = events.indices.filter { events[$0].hasPrefix("copy deferred ") }
        #expect(copies.count == 8, "every data file copied with deferred durability: \(events)")
        #expect(copies.allSatisfy { $0 < sync })
        let logWrites = events.indices.filter { events[$0].contains("_delta_log/") && !events[$0].hasPrefix("copy") }
        #expect(!logWrites.isEmpty)
        #expect(logWrites.allSatisfy { $0 > sync }, "a log file was published before the data was durable: \(events)")
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
    func copy(from source: Storage, sourcePath: String, to path: String, durability: WriteDurability) throws {
        record("copy \(durability == .deferred ? "deferred" : "immediate") " + path)
        try base.copy(from: source, sourcePath: sourcePath, to: path, durability: durability)
    }
    func sync() throws { record("sync"); try base.sync() }
}

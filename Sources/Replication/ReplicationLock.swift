import DeltaLog
import Foundation
import Storage

/// Who holds a replica's lock, as stored in `_deltactl/replicate.lock`.
public struct LockOwner: Equatable, Sendable {
    /// Process id of the holder.
    public var pid: Int32
    /// Host name of the holder.
    public var host: String
    /// A random token naming this acquisition.
    public var token: String
    /// When the lock was taken or last refreshed, in milliseconds since the epoch.
    public var heartbeatMillis: Int64

    var json: [UInt8] {
        Array(JSONWriter.serialize(.object([
            ("pid", .int(pid)), ("host", .string(host)), ("token", .string(token)), ("heartbeat", .int(heartbeatMillis)),
        ])).utf8)
    }

    init(pid: Int32, host: String, token: String, heartbeatMillis: Int64) {
        self.pid = pid; self.host = host; self.token = token; self.heartbeatMillis = heartbeatMillis
    }

    init?(bytes: [UInt8]) {
        guard let v = try? JSONParser.parse(bytes), let pid = v["pid"]?.int64Value, let host = v["host"]?.stringValue,
              let token = v["token"]?.stringValue, let hb = v["heartbeat"]?.int64Value else { return nil }
        self.init(pid: Int32(truncatingIfNeeded: pid), host: host, token: token, heartbeatMillis: hb)
    }

    var summary: String { "pid \(pid) on \(host), heartbeat \(Date(timeIntervalSince1970: Double(heartbeatMillis) / 1000))" }
}

/// A lease on a replica that keeps two replicate runs from interleaving. Taken with put-if-absent; refreshed by a
/// heartbeat; a lock is stale (and taken over) when its heartbeat is older than `staleAfter` seconds, or when it
/// was written on this host by a process that no longer exists. Unreadable lock files count as stale after the
/// timeout by their modification time.
public final class ReplicationLock: @unchecked Sendable {
    /// The store holding the lock.
    public let storage: Storage
    /// This acquisition's owner record.
    public private(set) var owner: LockOwner
    /// Seconds without heartbeat after which a lock is stale.
    public let staleAfter: Double
    private let mutex = NSLock()
    private var lastBeat = Date()

    private init(storage: Storage, owner: LockOwner, staleAfter: Double) {
        self.storage = storage; self.owner = owner; self.staleAfter = staleAfter
    }

    /// Takes the lock on `storage`, recovering a stale one; throws ``ReplicationError/locked(path:owner:)`` otherwise.
    public static func acquire(_ storage: Storage, staleAfter: Double = 300) throws -> ReplicationLock {
        let me = LockOwner(pid: getpid(), host: hostName(), token: UUID().uuidString, heartbeatMillis: nowMillis())
        for _ in 0..<3 {
            do {
                try storage.putIfAbsent(ReplicaLayout.lockPath, me.json)
                return ReplicationLock(storage: storage, owner: me, staleAfter: staleAfter)
            } catch StorageError.alreadyExists {
                let bytes: [UInt8]
                do { bytes = try storage.read(ReplicaLayout.lockPath) } catch StorageError.notFound { continue }
                let holder = LockOwner(bytes: bytes)
                if isStale(holder, storage: storage, staleAfter: staleAfter) {
                    // Re-read just before deleting so that a freshly taken lock is not removed.
                    if let again = try? storage.read(ReplicaLayout.lockPath), again != bytes { continue }
                    try storage.delete(ReplicaLayout.lockPath)
                    continue
                }
                throw ReplicationError.locked(path: ReplicaLayout.lockPath, owner: holder?.summary ?? "unreadable lock file")
            } catch let e as StorageError {
                throw ReplicationError.storage(e)
            }
        }
        throw ReplicationError.locked(path: ReplicaLayout.lockPath, owner: "contended")
    }

    static func isStale(_ holder: LockOwner?, storage: Storage, staleAfter: Double) -> Bool {
        let age: Double
        if let holder {
            if holder.host == hostName() && holder.pid != getpid() && kill(holder.pid, 0) != 0 && errno == ESRCH { return true }
            age = Double(nowMillis() - holder.heartbeatMillis) / 1000
        } else {
            guard let info = try? storage.head(ReplicaLayout.lockPath) else { return true }
            age = Double(nowMillis() - info.modifiedMillis) / 1000
        }
        return age > staleAfter
    }

    /// Refreshes the heartbeat when a quarter of the stale timeout has passed; throws if the lock was taken over.
    public func heartbeatIfDue() throws {
        mutex.lock(); defer { mutex.unlock() }
        guard Date().timeIntervalSince(lastBeat) > staleAfter / 4 else { return }
        try checkOwnership()
        owner.heartbeatMillis = Self.nowMillis()
        try wrapStorage { try storage.put(ReplicaLayout.lockPath, owner.json) }
        lastBeat = Date()
    }

    /// Throws ``ReplicationError/locked(path:owner:)`` when the lock file no longer names this acquisition.
    public func checkOwnership() throws {
        let current = try? storage.read(ReplicaLayout.lockPath)
        let holder = current.flatMap(LockOwner.init(bytes:))
        if holder?.token != owner.token {
            throw ReplicationError.locked(path: ReplicaLayout.lockPath, owner: holder?.summary ?? "lock lost")
        }
    }

    /// Releases the lock if this acquisition still holds it.
    public func release() throws {
        mutex.lock(); defer { mutex.unlock() }
        guard let current = try? storage.read(ReplicaLayout.lockPath), LockOwner(bytes: current)?.token == owner.token else { return }
        try wrapStorage { try storage.delete(ReplicaLayout.lockPath) }
    }

    static func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

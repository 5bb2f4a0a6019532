import Foundation

/// Wraps a ``Storage`` and fails the k-th write (put, putIfAbsent, copy, delete, stage, or one object of a
/// publish) with `.injectedFault`, to test that a failure at any point leaves a table consistent. A publish whose
/// k-th object fails publishes the objects before it (as a process dying between two links would) and discards
/// the rest.
public final class FaultInjectingStorage: Storage, @unchecked Sendable {
    /// The wrapped store.
    public let base: Storage
    /// The 1-based index of the write that fails; writes after it succeed again unless `failAllAfter` is set.
    public let failingWrite: Int
    /// When true, every write from `failingWrite` on fails (a full disk).
    public let failAllAfter: Bool
    private var writes = 0
    private let lock = NSLock()

    /// Wraps `base`, failing write number `failingWrite` (1-based).
    public init(_ base: Storage, failingWrite: Int, failAllAfter: Bool = false) {
        self.base = base
        self.failingWrite = failingWrite
        self.failAllAfter = failAllAfter
    }

    /// How many writes were attempted so far.
    public var writeCount: Int { lock.lock(); defer { lock.unlock() }; return writes }

    private func countWrite(_ op: String, _ path: String) throws {
        lock.lock()
        writes += 1
        let n = writes
        lock.unlock()
        if n == failingWrite || (failAllAfter && n > failingWrite) {
            throw StorageError.injectedFault(operation: op, path: path)
        }
    }

    public var rootURI: String { base.rootURI }
    public func read(_ path: String) throws -> [UInt8] { try base.read(path) }
    public func readRange(_ path: String, offset: Int64, length: Int) throws -> [UInt8] {
        try base.readRange(path, offset: offset, length: length)
    }
    public func head(_ path: String) throws -> ObjectInfo { try base.head(path) }
    public func list(prefix: String) throws -> [ObjectInfo] { try base.list(prefix: prefix) }
    public func list(prefix: String, startingAt: String) throws -> [ObjectInfo] {
        try base.list(prefix: prefix, startingAt: startingAt)
    }
    public func put(_ path: String, _ bytes: [UInt8]) throws { try countWrite("put", path); try base.put(path, bytes) }
    public func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws {
        try countWrite("putIfAbsent", path); try base.putIfAbsent(path, bytes)
    }
    public func delete(_ path: String) throws { try countWrite("delete", path); try base.delete(path) }
    public func copy(from source: Storage, sourcePath: String, to path: String) throws {
        try countWrite("copy", path); try base.copy(from: source, sourcePath: sourcePath, to: path)
    }
    @discardableResult
    public func copy(from source: Storage, sourcePath: String, to path: String, durability: WriteDurability) throws -> CopyReceipt {
        try countWrite("copy", path); return try base.copy(from: source, sourcePath: sourcePath, to: path, durability: durability)
    }
    public func sync() throws { try base.sync() }
    public func stage(from source: Storage, sourcePath: String, to path: String, modifiedMillis: Int64?) throws -> StagedObject {
        try countWrite("stage", path)
        return try base.stage(from: source, sourcePath: sourcePath, to: path, modifiedMillis: modifiedMillis)
    }
    public func publish(_ staged: [StagedObject]) throws -> [PublishOutcome] {
        // Each object counts as one write; the first failing one ends the batch.
        lock.lock()
        var failing: Int?
        for i in staged.indices {
            let n = writes + 1 + i
            if n == failingWrite || (failAllAfter && n > failingWrite) { failing = i; break }
        }
        writes += failing.map { $0 + 1 } ?? staged.count
        lock.unlock()
        guard let k = failing else { return try base.publish(staged) }
        _ = try base.publish(Array(staged[..<k]))
        base.discard(Array(staged[k...]))
        throw StorageError.injectedFault(operation: "publish", path: staged[k].path)
    }
    public func discard(_ staged: [StagedObject]) { base.discard(staged) }
}

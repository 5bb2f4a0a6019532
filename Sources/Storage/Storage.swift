/// A root of stored objects (a local folder today; S3 or Azure Blob later).
///
/// Contract, checked for every backend by the conformance suite in StorageTests:
/// - Paths are relative to the root, use `/`, and never contain `..`, empty segments or a leading `/`
///   (use ``StoragePath/validate(_:)``); backends refuse anything else with `.invalidPath`.
/// - `list(prefix:)` returns every object whose path starts with `prefix`, sorted by path (byte order),
///   recursively, without folders.
/// - `putIfAbsent` is atomic and exclusive: of several concurrent callers for one path exactly one succeeds,
///   the others get `.alreadyExists`; a reader never sees a partially written object.
/// - `put` atomically replaces (readers see the old or the new bytes, never a mix).
/// - `delete` is idempotent: deleting a missing object succeeds.
/// - A missing object is `.notFound(path:)` from `read`, `head` and `readRange`.
/// - `stage` + `publish` is put-if-absent for a batch: staged objects are invisible (not listed, not at their
///   path) until `publish` puts them in place one by one in the order given, each with put-if-absent semantics;
///   identical bytes already at a path count as published (`.alreadyPresent`), different bytes stop the batch
///   with `.alreadyExists`. Every staged object is gone (published or discarded) when `publish` returns or throws.
/// - Durability ("durable when it returns", "after `sync()`") is promised across a crash of the operating system
///   or a power loss, except by a root opened not to flush (``FlushPolicy/never``), which keeps only the atomicity
///   and ordering that other processes see.
public protocol Storage: Sendable {
    /// A human-readable URI of the root (`file:///data/table`), used in messages and lineage records.
    var rootURI: String { get }
    /// Reads a whole object.
    func read(_ path: String) throws -> [UInt8]
    /// Reads `length` bytes starting at `offset`.
    func readRange(_ path: String, offset: Int64, length: Int) throws -> [UInt8]
    /// Describes one object, or throws `.notFound`.
    func head(_ path: String) throws -> ObjectInfo
    /// Lists objects whose path starts with `prefix`, sorted by path.
    func list(prefix: String) throws -> [ObjectInfo]
    /// Lists objects whose path starts with `prefix` and sorts at or after `startingAt` (byte order), sorted by
    /// path: S3's `start-after` and the Delta log's "list from the checkpoint" (a table's log may hold 100,000s
    /// of old commits). The default filters ``list(prefix:)``; backends skip the rest cheaply.
    func list(prefix: String, startingAt: String) throws -> [ObjectInfo]
    /// Atomically writes or replaces an object.
    func put(_ path: String, _ bytes: [UInt8]) throws
    /// Atomically writes an object only if it does not exist; throws `.alreadyExists` otherwise.
    func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws
    /// Removes an object; succeeds if it is already absent.
    func delete(_ path: String) throws
    /// Copies an object from another storage (or this one) to `path`, replacing it atomically.
    /// Backends use the fastest means they have (locally a reflink, or one read-checksum-write pass; server-side
    /// copy remotely).
    func copy(from source: Storage, sourcePath: String, to path: String) throws
    /// Copies like ``copy(from:sourcePath:to:)`` with the given durability: `.deferred` copies are visible at once
    /// and durable after the next ``sync()``. Returns the size and CRC-32C of the bytes written (local roots compute
    /// it while copying). The default makes every copy immediately durable and reads the copy back to checksum it.
    @discardableResult
    func copy(from source: Storage, sourcePath: String, to path: String, durability: WriteDurability) throws -> CopyReceipt
    /// Makes every `.deferred` write made so far through this root durable. The default does nothing (for
    /// backends whose writes are durable when they return).
    func sync() throws
    /// Writes a copy of `sourcePath` to be published later at `path` by ``publish(_:)``: nothing is visible at
    /// `path` (nor listed) until then. `modifiedMillis` is the modification time the object gets where the store lets
    /// writers choose it (local files; ignored elsewhere). Staging is safe to run concurrently. The default keeps
    /// the bytes in memory.
    func stage(from source: Storage, sourcePath: String, to path: String, modifiedMillis: Int64?) throws -> StagedObject
    /// Publishes staged objects in the order given, each with put-if-absent semantics, and returns one outcome per
    /// object. Durability: before the first object appears, its content and every write made so far through this
    /// root (`.deferred` copies included) are durable, so a published name never points at content a crash could
    /// lose; all published names are durable when `publish` returns. On `.alreadyExists` (different bytes at a
    /// path) the objects before it stay published and the rest are discarded. The default syncs, then calls
    /// ``putIfAbsent(_:_:)`` for each object (each immediately durable, as object stores are).
    func publish(_ staged: [StagedObject]) throws -> [PublishOutcome]
    /// Drops staged objects that will not be published (after an error elsewhere). Never throws: leftovers of a
    /// failed discard are invisible to readers and listings.
    func discard(_ staged: [StagedObject])
}

extension Storage {
    /// Filters the full listing.
    public func list(prefix: String, startingAt: String) throws -> [ObjectInfo] {
        try list(prefix: prefix).filter { !StoragePath.precedes($0.path, startingAt) }
    }

    /// Whether an object exists.
    public func exists(_ path: String) throws -> Bool {
        do { _ = try head(path); return true } catch StorageError.notFound { return false }
    }

    /// Default copy: read whole and put. Backends override with streaming or server-side copy.
    public func copy(from source: Storage, sourcePath: String, to path: String) throws {
        try put(path, try source.read(sourcePath))
    }

    /// Default: an immediately durable ``copy(from:sourcePath:to:)`` (durability can only be stronger than asked),
    /// then a read-back for the receipt.
    @discardableResult
    public func copy(from source: Storage, sourcePath: String, to path: String, durability: WriteDurability) throws -> CopyReceipt {
        try copy(from: source, sourcePath: sourcePath, to: path)
        return try CopyReceipt.of(self, path)
    }

    /// Default: nothing to flush, every write was durable when it returned.
    public func sync() throws {}

    /// Default: the source's bytes, held in memory until ``publish(_:)``.
    public func stage(from source: Storage, sourcePath: String, to path: String, modifiedMillis: Int64?) throws -> StagedObject {
        try StoragePath.validate(path)
        let bytes = try source.read(sourcePath)
        return StagedObject(path: path, receipt: CopyReceipt(of: bytes), content: .bytes(bytes))
    }

    /// Default: ``sync()``, then ``putIfAbsent(_:_:)`` of each object in order (immediately durable each), comparing
    /// bytes when one exists.
    public func publish(_ staged: [StagedObject]) throws -> [PublishOutcome] {
        try sync()
        var outcomes: [PublishOutcome] = []
        for object in staged {
            guard case .bytes(let bytes) = object.content else {
                throw StorageError.io(operation: "publish", path: object.path, errno: 0,
                                      message: "staged by another kind of storage (\(rootURI) cannot publish it)")
            }
            outcomes.append(try publishBytes(object.path, bytes))
        }
        return outcomes
    }

    /// Default: nothing to remove (staged bytes live in memory).
    public func discard(_ staged: [StagedObject]) {}
}

extension Storage {
    /// Put-if-absent that accepts an object already holding exactly these bytes (a rerun after a crash):
    /// `.published` or `.alreadyPresent`; different bytes are `.alreadyExists` (someone else wrote there).
    public func publishBytes(_ path: String, _ bytes: [UInt8]) throws -> PublishOutcome {
        do {
            try putIfAbsent(path, bytes)
            return .published
        } catch StorageError.alreadyExists(let existing) {
            guard try read(path) == bytes else { throw StorageError.alreadyExists(path: existing) }
            return .alreadyPresent
        }
    }
}

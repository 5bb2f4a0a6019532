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
    /// Backends use the fastest means they have (copy_file_range locally, server-side copy remotely).
    func copy(from source: Storage, sourcePath: String, to path: String) throws
    /// Copies like ``copy(from:sourcePath:to:)`` with the given durability: `.deferred` copies are visible at once
    /// and durable after the next ``sync()``. The default implementation makes every copy immediately durable.
    func copy(from source: Storage, sourcePath: String, to path: String, durability: WriteDurability) throws
    /// Makes every `.deferred` write made so far through this root durable. The default does nothing (for
    /// backends whose writes are durable when they return).
    func sync() throws
}

extension Storage {
    /// Filters the full listing.
    public func list(prefix: String, startingAt: String) throws -> [ObjectInfo] {
        try list(prefix: prefix).filter { !StoragePath.bytewisePrecedes($0.path, startingAt) }
    }

    /// Whether an object exists.
    public func exists(_ path: String) throws -> Bool {
        do { _ = try head(path); return true } catch StorageError.notFound { return false }
    }

    /// Default copy: read whole and put. Backends override with streaming or server-side copy.
    public func copy(from source: Storage, sourcePath: String, to path: String) throws {
        try put(path, try source.read(sourcePath))
    }

    /// Default: an immediately durable ``copy(from:sourcePath:to:)`` (durability can only be stronger than asked).
    public func copy(from source: Storage, sourcePath: String, to path: String, durability: WriteDurability) throws {
        try copy(from: source, sourcePath: sourcePath, to: path)
    }

    /// Default: nothing to flush, every write was durable when it returned.
    public func sync() throws {}
}

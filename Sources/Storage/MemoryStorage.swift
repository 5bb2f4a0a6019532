import Foundation

/// An in-memory ``Storage`` for tests and dry runs. Thread-safe.
public final class MemoryStorage: Storage, @unchecked Sendable {
    private var objects: [String: [UInt8]] = [:]
    private let lock = NSLock()
    private var clock: Int64 = 0

    /// Creates an empty store.
    public init() {}

    public var rootURI: String { "memory://" }

    public func read(_ path: String) throws -> [UInt8] {
        try StoragePath.validate(path)
        lock.lock(); defer { lock.unlock() }
        guard let bytes = objects[path] else { throw StorageError.notFound(path: path) }
        return bytes
    }

    public func readRange(_ path: String, offset: Int64, length: Int) throws -> [UInt8] {
        let bytes = try read(path)
        guard offset >= 0, length >= 0, offset + Int64(length) <= Int64(bytes.count) else {
            throw StorageError.outOfRange(path: path, offset: offset, length: length, size: Int64(bytes.count))
        }
        return Array(bytes[Int(offset)..<Int(offset) + length])
    }

    public func head(_ path: String) throws -> ObjectInfo {
        let bytes = try read(path)
        return ObjectInfo(path: path, size: Int64(bytes.count), modifiedMillis: 0)
    }

    public func list(prefix: String) throws -> [ObjectInfo] {
        lock.lock(); defer { lock.unlock() }
        return objects.filter { $0.key.hasPrefix(prefix) }
            .map { ObjectInfo(path: $0.key, size: Int64($0.value.count), modifiedMillis: 0) }
            .sorted { StoragePath.precedes($0.path, $1.path) }
    }

    public func put(_ path: String, _ bytes: [UInt8]) throws {
        try StoragePath.validate(path)
        lock.lock(); defer { lock.unlock() }
        objects[path] = bytes
    }

    public func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws {
        try StoragePath.validate(path)
        lock.lock(); defer { lock.unlock() }
        if objects[path] != nil { throw StorageError.alreadyExists(path: path) }
        objects[path] = bytes
    }

    public func delete(_ path: String) throws {
        try StoragePath.validate(path)
        lock.lock(); defer { lock.unlock() }
        objects[path] = nil
    }
}

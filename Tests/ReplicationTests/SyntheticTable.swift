import DeltaLog
import Foundation
import Replication
import Storage
import TestSupport

/// Builds small Delta tables in any ``Storage`` for replication tests: commits made of real actions,
/// data files of random bytes (replication never parses them).
struct SyntheticTable {
    let storage: Storage
    private(set) var version: Int64 = -1
    static let schema = #"{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}"#

    init(_ storage: Storage) { self.storage = storage }

    /// Writes a data file of `size` random bytes.
    func writeData(_ path: String, size: Int = 64) throws {
        try storage.put(path, (0..<size).map { _ in UInt8.random(in: 0...255) })
    }

    static func add(_ path: String, size: Int64, rows: Int64) -> Action {
        .add(AddFile(path: path, size: size, modificationTime: 1_700_000_000_000, stats: #"{"numRecords":\#(rows)}"#))
    }

    static func remove(_ path: String) -> Action {
        .remove(RemoveFile(path: path, deletionTimestamp: 1_700_000_000_001, dataChange: true))
    }

    /// Commits the next version with `actions` (version 0 gets protocol and metadata first).
    @discardableResult
    mutating func commit(_ actions: [Action]) throws -> Int64 {
        version += 1
        var all: [Action] = [.commitInfo(.object([("operation", .string("WRITE"))]))]
        if version == 0 {
            all.append(.protocol(ProtocolAction(minReaderVersion: 1, minWriterVersion: 2)))
            all.append(.metaData(Metadata(id: "11111111-2222-3333-4444-555555555555", schemaString: Self.schema, createdTime: 1)))
        }
        all += actions
        let text = all.map(\.jsonLine).joined(separator: "\n") + "\n"
        try storage.putIfAbsent(Version(version).commitPath, Array(text.utf8))
        return version
    }

    /// Appends a version adding `count` new data files named `part-<version>-<i>.parquet` (optionally in `folder`).
    @discardableResult
    mutating func append(files count: Int, folder: String = "", size: Int = 64) throws -> [String] {
        var paths: [String] = []
        var actions: [Action] = []
        for i in 0..<count {
            let p = (folder.isEmpty ? "" : folder + "/") + "part-\(version + 1)-\(i).parquet"
            try writeData(DataFilePath.percentDecode(p), size: size)  // the log holds the URI-encoded form
            paths.append(p)
            actions.append(Self.add(p, size: Int64(size), rows: 10))
        }
        try commit(actions)
        return paths
    }
}

/// Helpers shared by replication tests.
enum ReplicationTestKit {
    /// The shared fixture table at `relative`, or nil (with a message) when the fixtures are absent.
    static func fixture(_ relative: String) -> String? {
        guard let root = ProjectPaths.sharedFixtures else {
            print("skipped: ../shared/fixtures is absent")
            return nil
        }
        return root + "/" + relative
    }

    /// Every object of a store with its bytes (to prove that nothing changed).
    static func snapshot(_ storage: Storage) throws -> [String: [UInt8]] {
        var all: [String: [UInt8]] = [:]
        for info in try storage.list(prefix: "") { all[info.path] = try storage.read(info.path) }
        return all
    }

    /// Options with a short lock timeout for tests.
    static func options(version: Int64? = nil, parallelism: Int = 4) -> ReplicationOptions {
        var o = ReplicationOptions()
        o.version = version
        o.parallelism = parallelism
        o.deltactlVersion = "test"
        return o
    }
}

import DeltaLog
import Foundation
import Storage

/// The replication record kept at `_deltactl/replication.json` in a replica: where it came from, which versions
/// it holds, when and by which deltactl each run happened, and the SHA-256 of every file copied.
public struct LineageRecord: Equatable, Sendable {
    /// One replicate run.
    public struct Run: Equatable, Sendable {
        /// Start time (ISO 8601, UTC).
        public var startedAt: String
        /// Versions replicated by the run.
        public var fromVersion: Int64
        /// Versions replicated by the run.
        public var toVersion: Int64
        /// Files and bytes copied by the run.
        public var filesCopied: Int
        /// Bytes copied by the run.
        public var bytesCopied: Int64
        /// The deltactl version that ran.
        public var deltactlVersion: String

        /// Creates a run entry.
        public init(startedAt: String, fromVersion: Int64, toVersion: Int64, filesCopied: Int, bytesCopied: Int64,
                    deltactlVersion: String) {
            self.startedAt = startedAt; self.fromVersion = fromVersion; self.toVersion = toVersion
            self.filesCopied = filesCopied; self.bytesCopied = bytesCopied; self.deltactlVersion = deltactlVersion
        }
    }

    /// A copied file's size and checksum.
    public struct FileEntry: Equatable, Sendable {
        /// Size in bytes.
        public var size: Int64
        /// Lowercase hex SHA-256.
        public var sha256: String

        /// Creates an entry.
        public init(size: Int64, sha256: String) { self.size = size; self.sha256 = sha256 }
    }

    /// The source root URI.
    public var sourceURI: String
    /// The table id (`metaData.id`).
    public var tableId: String?
    /// The earliest version the replica holds from the source.
    public var fromVersion: Int64
    /// The newest version replicated.
    public var toVersion: Int64
    /// Time of the last run (ISO 8601, UTC).
    public var replicatedAt: String
    /// The deltactl version of the last run.
    public var deltactlVersion: String
    /// All runs, oldest first.
    public var runs: [Run]
    /// Checksums of every file copied, by table-relative path.
    public var files: [String: FileEntry]

    /// The record's JSON: one top-level key per line and one file per line, so it reads well and diffs well.
    public var jsonText: String {
        func s(_ v: JSONValue) -> String { JSONWriter.serialize(v) }
        var out = "{\n"
        out += "  \"format\": 1,\n"
        out += "  \"source\": \(s(.string(sourceURI))),\n"
        out += "  \"tableId\": \(s(tableId.map { .string($0) } ?? .null)),\n"
        out += "  \"versions\": {\"from\": \(fromVersion), \"to\": \(toVersion)},\n"
        out += "  \"replicatedAt\": \(s(.string(replicatedAt))),\n"
        out += "  \"deltactlVersion\": \(s(.string(deltactlVersion))),\n"
        out += "  \"runs\": [\n"
        out += runs.map { r in
            "    " + s(.object([("startedAt", .string(r.startedAt)), ("fromVersion", .int(r.fromVersion)),
                                ("toVersion", .int(r.toVersion)), ("filesCopied", .int(r.filesCopied)),
                                ("bytesCopied", .int(r.bytesCopied)), ("deltactlVersion", .string(r.deltactlVersion))]))
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"files\": {\n"
        out += files.keys.sorted().map { k in
            let e = files[k]!
            return "    \(s(.string(k))): {\"size\": \(e.size), \"sha256\": \(s(.string(e.sha256)))}"
        }.joined(separator: ",\n")
        out += "\n  }\n}\n"
        return out
    }

    /// Parses a record; `file` locates errors.
    public init(bytes: [UInt8], file: String = ReplicaLayout.lineagePath) throws {
        let v: JSONValue
        do { v = try JSONParser.parse(bytes) } catch { throw ReplicationError.malformedLineage(file: file, reason: "\(error)") }
        guard let source = v["source"]?.stringValue, let from = v["versions"]?["from"]?.int64Value,
              let to = v["versions"]?["to"]?.int64Value else {
            throw ReplicationError.malformedLineage(file: file, reason: "source or versions missing")
        }
        sourceURI = source
        tableId = v["tableId"]?.stringValue
        fromVersion = from
        toVersion = to
        replicatedAt = v["replicatedAt"]?.stringValue ?? ""
        deltactlVersion = v["deltactlVersion"]?.stringValue ?? ""
        runs = (v["runs"]?.arrayValue ?? []).compactMap { r in
            guard let f = r["fromVersion"]?.int64Value, let t = r["toVersion"]?.int64Value else { return nil }
            return Run(startedAt: r["startedAt"]?.stringValue ?? "", fromVersion: f, toVersion: t,
                       filesCopied: Int(r["filesCopied"]?.int64Value ?? 0), bytesCopied: r["bytesCopied"]?.int64Value ?? 0,
                       deltactlVersion: r["deltactlVersion"]?.stringValue ?? "")
        }
        files = [:]
        for (k, e) in v["files"]?.objectValue ?? [] {
            guard let size = e["size"]?.int64Value, let sha = e["sha256"]?.stringValue else {
                throw ReplicationError.malformedLineage(file: file, reason: "entry for \(k) lacks size or sha256")
            }
            files[k] = FileEntry(size: size, sha256: sha)
        }
    }

    /// Creates a record.
    public init(sourceURI: String, tableId: String?, fromVersion: Int64, toVersion: Int64, replicatedAt: String,
                deltactlVersion: String, runs: [Run], files: [String: FileEntry]) {
        self.sourceURI = sourceURI; self.tableId = tableId; self.fromVersion = fromVersion; self.toVersion = toVersion
        self.replicatedAt = replicatedAt; self.deltactlVersion = deltactlVersion; self.runs = runs; self.files = files
    }

    /// Reads the record of a replica, nil when it has none.
    public static func load(from storage: Storage) throws -> LineageRecord? {
        do { return try LineageRecord(bytes: try storage.read(ReplicaLayout.lineagePath)) } catch StorageError.notFound {
            return nil
        } catch let e as StorageError { throw ReplicationError.storage(e) }
    }

    /// Now, as ISO 8601 UTC.
    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date())
    }
}

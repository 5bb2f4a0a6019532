import DeltaLog
import Foundation
import Storage

/// The replication record kept at `_deltactl/replication.json` in a replica: where it came from, which versions
/// it holds, when and by which deltactl each run happened, and the size and CRC-32C of every file copied.
///
/// Why CRC-32C and not SHA-256: the checksums are taken while the bytes are copied, and a cryptographic digest
/// costs as much as the copy itself (SHA-256 with CPU support: about 1.8 GB/s a core on the benchmark machine,
/// 55 ms of CPU per 100 MB, against about 10 GB/s, 10 ms, for CRC-32C; the copy itself is about 55 ms). What they
/// guard against is accidental damage (a truncated, zero-filled or bit-flipped file), which CRC-32C detects, and it
/// is the checksum object stores keep per object (S3 `x-amz-checksum-crc32c`, GCS), so a replica there can be
/// checked without reading it. They are not a tamper seal: whoever can rewrite a replica's files can rewrite this
/// record too (`deltactl verify` compares against the source itself). Records of format 1 carry SHA-256 digests;
/// they are read and kept as they are.
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
        /// CRC-32C of the content (format 2).
        public var crc32c: UInt32?
        /// Lowercase hex SHA-256 of the content (entries from format 1 records).
        public var sha256: String?

        /// Creates an entry with a CRC-32C.
        public init(size: Int64, crc32c: UInt32) { self.size = size; self.crc32c = crc32c }
        /// Creates an entry with a SHA-256 (format 1).
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
        out += "  \"format\": 2,\n"
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
            var entry = "{\"size\": \(e.size)"
            if let crc = e.crc32c { entry += ", \"crc32c\": \"\(CRC32C.hex(crc))\"" }
            if let sha = e.sha256 { entry += ", \"sha256\": \(s(.string(sha)))" }
            return "    \(s(.string(k))): \(entry)}"
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
            guard let size = e["size"]?.int64Value else {
                throw ReplicationError.malformedLineage(file: file, reason: "entry for \(k) lacks its size")
            }
            var entry = FileEntry(size: size, sha256: "")
            entry.sha256 = e["sha256"]?.stringValue
            if let text = e["crc32c"]?.stringValue {
                guard let crc = CRC32C.parse(hex: text) else {
                    throw ReplicationError.malformedLineage(file: file, reason: "entry for \(k) has a malformed crc32c '\(text)'")
                }
                entry.crc32c = crc
            }
            guard entry.crc32c != nil || entry.sha256 != nil else {
                throw ReplicationError.malformedLineage(file: file, reason: "entry for \(k) lacks a checksum (crc32c or sha256)")
            }
            files[k] = entry
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

    /// Now, as ISO 8601 UTC with milliseconds (`2026-01-02T03:04:05.678Z`).
    static func now() -> String { iso8601(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))) }

    /// A time (milliseconds since the epoch) as ISO 8601 UTC with milliseconds. Formatted by hand: Foundation's
    /// ISO8601DateFormatter loads ICU's date formatting, about 1.5 ms of a replicate run's start.
    static func iso8601(millis: Int64) -> String {
        var seconds = time_t(millis >= 0 ? millis / 1000 : (millis - 999) / 1000)
        let ms = Int(millis - Int64(seconds) * 1000)
        var t = tm()
        gmtime_r(&seconds, &t)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return pad(Int(t.tm_year) + 1900, 4) + "-" + pad(Int(t.tm_mon) + 1, 2) + "-" + pad(Int(t.tm_mday), 2) + "T"
            + pad(Int(t.tm_hour), 2) + ":" + pad(Int(t.tm_min), 2) + ":" + pad(Int(t.tm_sec), 2) + "." + pad(ms, 3) + "Z"
    }
}

import DeltaLog

/// The outcome of `check`: every problem found in one table, each naming the file, the version of the action
/// that references it, and what differs.
public struct TableCheckReport: Sendable {
    /// What kind of problem was found.
    public enum Kind: String, Sendable, CaseIterable {
        /// A data, deletion-vector or change-data file the log references does not exist.
        case missingFile
        /// A file's size differs from the size its `add` (or `cdc`) action records.
        case sizeMismatch
        /// A file exists but cannot be read (permissions, I/O).
        case unreadableFile
        /// A Parquet data file's footer cannot be decoded or does not fit the file.
        case parquetFooter
        /// A data file's footer row count differs from its `add` statistics' `numRecords`.
        case rowCount
        /// A deletion vector does not load, or does not match its descriptor or its data file.
        case deletionVector
        /// A checkpoint cannot be read, or disagrees with replaying the JSON commits up to its version.
        case checkpoint
        /// A path in the log is absolute or escapes the table root (never followed).
        case unsafePath
        /// The log itself is damaged: a commit cannot be parsed, commits are missing, a version cannot be rebuilt.
        case log
    }

    /// One problem.
    public struct Problem: Equatable, Sendable {
        /// What kind of problem.
        public var kind: Kind
        /// The table-relative path of the file concerned (a data file, a checkpoint, a commit).
        public var path: String
        /// The version of the action that references the file (or of the checkpoint or commit), when known.
        public var version: Int64?
        /// What differs, in words.
        public var detail: String

        /// Creates a problem.
        public init(_ kind: Kind, path: String, version: Int64?, _ detail: String) {
            self.kind = kind; self.path = path; self.version = version; self.detail = detail
        }
    }

    /// The table's root URI.
    public var table: String
    /// The version checked.
    public var version: Int64 = 0
    /// The earliest version the checks start from (0, or the oldest checkpoint the log can be rebuilt from).
    public var fromVersion: Int64 = 0
    /// Everything wrong; empty when the table is sound.
    public var problems: [Problem] = []
    /// Observations that are not problems (a checkpoint with no commits before it to compare against).
    public var notes: [String] = []
    /// Data, deletion-vector and change-data files checked for existence and size.
    public var filesChecked = 0
    /// Bytes of the files checked (their sizes; only footers and deletion vectors are read).
    public var bytes: Int64 = 0
    /// Parquet footers read.
    public var footersRead = 0
    /// Deletion vectors loaded.
    public var deletionVectorsChecked = 0
    /// Checkpoints (complete ones, each with its parts and sidecars) compared with the commits.
    public var checkpointsChecked = 0
    /// Commits parsed.
    public var commitsChecked = 0
    /// Seconds taken.
    public var seconds = 0.0

    /// True when no problem was found.
    public var ok: Bool { problems.isEmpty }

    /// Creates an empty report.
    public init(table: String) { self.table = table }

    /// The machine-readable report printed by `--json`.
    public var json: JSONValue {
        .object([
            ("table", .string(table)), ("ok", .bool(ok)), ("version", .int(version)), ("fromVersion", .int(fromVersion)),
            ("filesChecked", .int(Int64(filesChecked))), ("bytes", .int(bytes)), ("footersRead", .int(Int64(footersRead))),
            ("deletionVectorsChecked", .int(Int64(deletionVectorsChecked))),
            ("checkpointsChecked", .int(Int64(checkpointsChecked))), ("commitsChecked", .int(Int64(commitsChecked))),
            ("problems", .array(problems.map { p in
                .object([("kind", .string(p.kind.rawValue)), ("path", .string(p.path)),
                         ("version", p.version.map { .int($0) } ?? .null), ("detail", .string(p.detail))])
            })),
            ("notes", .array(notes.map { .string($0) })),
            ("seconds", .number(ReplicationReport.fmt(seconds))),
        ])
    }

    /// A human-readable report: one line per problem, then notes and a summary.
    public var text: String {
        var lines = problems.map { p in
            "PROBLEM \(p.kind.rawValue): \(p.path)" + (p.version.map { " (version \($0))" } ?? "") + ": \(p.detail)"
        }
        lines += notes.map { "note: \($0)" }
        let summary = "version \(version): \(filesChecked) files (\(bytes) bytes), \(footersRead) Parquet footers, "
            + "\(deletionVectorsChecked) deletion vectors, \(checkpointsChecked) checkpoints, \(commitsChecked) commits "
            + "(versions \(fromVersion)...\(version))"
        lines.append(ok ? "OK: \(table) \(summary)" : "FAILED: \(problems.count) problem(s) in \(table); checked \(summary)")
        return lines.joined(separator: "\n")
    }
}

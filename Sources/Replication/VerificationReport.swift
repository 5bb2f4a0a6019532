import DeltaLog

/// The outcome of `verify`: every difference found, with the file (or version) and what differs.
public struct VerificationReport: Sendable {
    /// One difference between source and replica.
    public struct Difference: Equatable, Sendable {
        /// The file (table-relative path) or `version N` the difference concerns.
        public var file: String
        /// What differs.
        public var what: String
    }

    /// Source root URI.
    public var source: String
    /// Replica root URI.
    public var replica: String
    /// Versions compared.
    public var fromVersion: Int64 = 0
    /// Versions compared.
    public var toVersion: Int64 = 0
    /// Everything that differs; empty when the replica matches.
    public var differences: [Difference] = []
    /// Log files compared byte for byte.
    public var logFilesChecked = 0
    /// Data, deletion-vector and change-data files compared by size and checksum.
    public var dataFilesChecked = 0
    /// Bytes hashed (both sides).
    public var bytesHashed: Int64 = 0
    /// Versions whose file and row counts were compared.
    public var versionsChecked = 0
    /// Versions whose row count is unknown on both sides (files without stats).
    public var versionsWithoutRowCounts = 0
    /// Seconds taken.
    public var seconds = 0.0

    /// True when the replica matches.
    public var ok: Bool { differences.isEmpty }

    /// Creates an empty report.
    public init(source: String, replica: String) { self.source = source; self.replica = replica }

    /// The machine-readable report printed by `--json`.
    public var json: JSONValue {
        .object([
            ("source", .string(source)), ("replica", .string(replica)), ("ok", .bool(ok)),
            ("fromVersion", .int(fromVersion)), ("toVersion", .int(toVersion)),
            ("logFilesChecked", .int(logFilesChecked)), ("dataFilesChecked", .int(dataFilesChecked)),
            ("bytesHashed", .int(bytesHashed)), ("versionsChecked", .int(versionsChecked)),
            ("versionsWithoutRowCounts", .int(versionsWithoutRowCounts)),
            ("differences", .array(differences.map { .object([("file", .string($0.file)), ("what", .string($0.what))]) })),
            ("seconds", .number(ReplicationReport.fmt(seconds))),
        ])
    }

    /// A human-readable summary; one line per difference.
    public var text: String {
        var lines = differences.map { "DIFFERS \($0.file): \($0.what)" }
        let summary = "\(logFilesChecked) log files, \(dataFilesChecked) data files (\(bytesHashed) bytes hashed), "
            + "\(versionsChecked) versions (versions \(fromVersion)...\(toVersion))"
        lines.append(ok ? "OK: the replica matches the source: \(summary)"
                        : "FAILED: \(differences.count) difference(s); checked \(summary)")
        if versionsWithoutRowCounts > 0 {
            lines.append("note: \(versionsWithoutRowCounts) version(s) have files without stats; their row counts were not compared")
        }
        return lines.joined(separator: "\n")
    }
}

import DeltaLog
import Foundation

/// File and byte counts.
public struct FileTally: Equatable, Sendable {
    /// Number of files.
    public var files = 0
    /// Number of bytes.
    public var bytes: Int64 = 0
    /// Creates an empty tally.
    public init() {}
    mutating func add(_ size: Int64) { files += 1; bytes += size }
    var json: JSONValue { .object([("files", .int(files)), ("bytes", .int(bytes))]) }
}

/// What a replicate run did (or, for a dry run, would do).
public struct ReplicationReport: Sendable {
    /// Source and target root URIs.
    public var source: String
    /// Target root URI.
    public var target: String
    /// Versions replicated.
    public var fromVersion: Int64
    /// Versions replicated.
    public var toVersion: Int64
    /// True when nothing was written.
    public var dryRun: Bool
    /// Data, deletion-vector and change-data files copied and skipped (already present with the right size).
    public var dataCopied = FileTally()
    /// Data files skipped.
    public var dataSkipped = FileTally()
    /// Log files published and skipped (already present with identical bytes).
    public var logCopied = FileTally()
    /// Log files skipped.
    public var logSkipped = FileTally()
    /// Paths copied (or to copy, in a dry run), in order.
    public var copiedPaths: [String] = []
    /// Referenced files the source lacks (reported, not fatal).
    public var missingInSource: [MissingFile] = []
    /// Checkpoints left out because they could not be read.
    public var skippedCheckpoints: [String] = []
    /// The version `_last_checkpoint` points to in the replica after the run.
    public var lastCheckpointVersion: Int64?
    /// Seconds spent planning, copying data, publishing the log, and in total.
    public var planSeconds = 0.0
    /// Seconds copying data files.
    public var dataSeconds = 0.0
    /// Seconds publishing log files.
    public var logSeconds = 0.0
    /// Seconds in total.
    public var totalSeconds = 0.0

    /// The machine-readable report printed by `--json`.
    public var json: JSONValue {
        .object([
            ("source", .string(source)), ("target", .string(target)), ("fromVersion", .int(fromVersion)),
            ("toVersion", .int(toVersion)), ("dryRun", .bool(dryRun)),
            ("dataFiles", .object([("copied", dataCopied.json), ("skipped", dataSkipped.json)])),
            ("logFiles", .object([("copied", logCopied.json), ("skipped", logSkipped.json)])),
            ("copied", .array(copiedPaths.map { .string($0) })),
            ("missingInSource", .array(missingInSource.map {
                .object([("path", .string($0.path)), ("role", .string($0.role.rawValue)), ("version", .int($0.version))])
            })),
            ("skippedCheckpoints", .array(skippedCheckpoints.map { .string($0) })),
            ("lastCheckpointVersion", lastCheckpointVersion.map { .int($0) } ?? .null),
            ("durations", .object([("planSeconds", .number(Self.fmt(planSeconds))), ("dataSeconds", .number(Self.fmt(dataSeconds))),
                                   ("logSeconds", .number(Self.fmt(logSeconds))), ("totalSeconds", .number(Self.fmt(totalSeconds)))])),
            ("dataBytesPerSecond", .number(Self.fmt(dataSeconds > 0 ? Double(dataCopied.bytes) / dataSeconds : 0))),
        ])
    }

    /// A human-readable summary.
    public var text: String {
        var lines: [String] = []
        let verb = dryRun ? "would copy" : "copied"
        lines.append("\(dryRun ? "plan" : "replicated") \(source) -> \(target), versions \(fromVersion)...\(toVersion)")
        if dryRun { lines += copiedPaths.map { "  copy \($0)" } }
        lines.append("data files: \(verb) \(dataCopied.files) (\(dataCopied.bytes) bytes), skipped \(dataSkipped.files) (\(dataSkipped.bytes) bytes)")
        lines.append("log files:  \(verb) \(logCopied.files) (\(logCopied.bytes) bytes), skipped \(logSkipped.files)")
        for m in missingInSource { lines.append("warning: \(m.path) (\(m.role.rawValue), version \(m.version)) is missing in the source; not copied") }
        for c in skippedCheckpoints { lines.append("warning: checkpoint \(c) could not be read and was left out (the commits cover it)") }
        if let v = lastCheckpointVersion { lines.append("_last_checkpoint -> version \(v)") }
        if !dryRun {
            let rate = dataSeconds > 0 ? Double(dataCopied.bytes) / dataSeconds / 1_000_000 : 0
            lines.append(String(format: "time: %.3fs (plan %.3fs, data %.3fs at %.1f MB/s, log %.3fs)",
                                totalSeconds, planSeconds, dataSeconds, rate, logSeconds))
        }
        return lines.joined(separator: "\n")
    }

    static func fmt(_ d: Double) -> String { String(format: "%.6f", d) }
}

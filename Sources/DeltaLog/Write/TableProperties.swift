/// Typed access to the table properties (`metaData.configuration`) that the write path honours
/// (PROTOCOL.md: Table Properties; Spark's `DeltaConfigs`). Unknown or malformed values fall back to the default.
public struct TableProperties: Sendable {
    /// The raw configuration map.
    public let configuration: [String: String]

    /// Wraps a configuration map.
    public init(_ configuration: [String: String]) { self.configuration = configuration }

    /// `delta.checkpointInterval`: a checkpoint is written after each commit whose version is a multiple (default 10).
    public var checkpointInterval: Int64 {
        guard let s = configuration["delta.checkpointInterval"], let v = Int64(s.trimmingSpaces), v > 0 else { return 10 }
        return v
    }

    /// `delta.appendOnly`: when true, removes with `dataChange` are refused.
    public var appendOnly: Bool { flag("delta.appendOnly") }

    /// `delta.checkpoint.writeStatsAsStruct` (spec default false): write `stats_parsed` and `partitionValues_parsed`.
    public var writeStatsAsStruct: Bool { flag("delta.checkpoint.writeStatsAsStruct") }

    /// `delta.checkpoint.writeStatsAsJson` (default true): write `add.stats` as a JSON string in checkpoints.
    public var writeStatsAsJson: Bool {
        configuration["delta.checkpoint.writeStatsAsJson"].map { $0.trimmingSpaces.lowercased() != "false" } ?? true
    }

    /// `delta.deletedFileRetentionDuration` in milliseconds (default 1 week): how long tombstones stay in checkpoints.
    public var deletedFileRetentionMillis: Int64 {
        Self.intervalMillis(configuration["delta.deletedFileRetentionDuration"]) ?? 7 * 86_400_000
    }

    /// `delta.logRetentionDuration` in milliseconds (default 30 days): how long log files are kept.
    public var logRetentionMillis: Int64 {
        Self.intervalMillis(configuration["delta.logRetentionDuration"]) ?? 30 * 86_400_000
    }

    /// `delta.enableExpiredLogCleanup` (default true).
    public var expiredLogCleanupEnabled: Bool {
        configuration["delta.enableExpiredLogCleanup"].map { $0.trimmingSpaces.lowercased() != "false" } ?? true
    }

    /// `delta.isolationLevel` (default WriteSerializable).
    public var isolationLevel: IsolationLevel {
        switch configuration["delta.isolationLevel"]?.trimmingSpaces.lowercased() {
        case "serializable": return .serializable
        case "snapshotisolation": return .snapshotIsolation
        default: return .writeSerializable
        }
    }

    /// Whether a boolean property is set to `true` (case-insensitive).
    public func flag(_ key: String) -> Bool { configuration[key]?.trimmingSpaces.lowercased() == "true" }

    /// Parses a Spark calendar interval such as `interval 7 days`, `30 days` or `interval 1 week 2 hours`
    /// into milliseconds; nil when the text is not a valid interval.
    public static func intervalMillis(_ text: String?) -> Int64? {
        guard let text else { return nil }
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.first == "interval" { words.removeFirst() }
        guard !words.isEmpty, words.count % 2 == 0 else { return nil }
        var total: Int64 = 0
        var i = 0
        while i < words.count {
            guard let n = Int64(words[i]) else { return nil }
            var unit = words[i + 1]
            if unit.hasSuffix("s") { unit.removeLast() }
            let scale: Int64
            switch unit {
            case "nanosecond": scale = 0
            case "microsecond": scale = 0
            case "millisecond": scale = 1
            case "second": scale = 1000
            case "minute": scale = 60_000
            case "hour": scale = 3_600_000
            case "day": scale = 86_400_000
            case "week": scale = 7 * 86_400_000
            default: return nil
            }
            let (product, overflow) = n.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            total = total &+ product
            i += 2
        }
        return total
    }
}

fileprivate extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

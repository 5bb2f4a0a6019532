import DeltaLog
import Storage

/// What a referenced file is to the table.
public enum FileRole: String, Sendable {
    /// A data file named by an `add` (live at some version in range).
    case data
    /// A data file named only by `remove` actions (a tombstone).
    case tombstone
    /// A deletion vector file.
    case deletionVector
    /// A change data file (`cdc`).
    case changeData
}

/// One data, deletion-vector or change-data file the replica must hold.
public struct DataFileItem: Equatable, Sendable {
    /// Path relative to the table root (decoded).
    public var path: String
    /// Size in the source, nil when the source lacks the file.
    public var size: Int64?
    /// The role (the strongest reference: data over deletion vector over change data over tombstone).
    public var role: FileRole
    /// The first version in range that references it.
    public var version: Int64
}

/// One file of `_delta_log` to publish, in order.
public struct LogFileItem: Equatable, Sendable {
    /// Path relative to the table root.
    public var path: String
    /// Size in the source.
    public var size: Int64
    /// The version it belongs to (nil for sidecars).
    public var version: Int64?
    /// Modification time in the source (milliseconds since the epoch): readers without in-commit timestamps take a
    /// commit's time from its file, so the replica keeps it where the store allows.
    public var modifiedMillis: Int64 = 0
}

/// A file the log references that the source does not have.
public struct MissingFile: Equatable, Sendable {
    /// Path relative to the table root.
    public var path: String
    /// The role of the reference.
    public var role: FileRole
    /// The first version referencing it.
    public var version: Int64
}

/// Everything `replicate` will copy from the source to reach version `toVersion`, and the table's state at every
/// version it covers (for verification).
public struct ReplicationPlan: Sendable {
    /// The source's root URI.
    public var sourceURI: String
    /// The table id (`metaData.id`) at `toVersion`.
    public var tableId: String?
    /// The earliest version the source can reconstruct (the first version replicated).
    public var fromVersion: Int64
    /// The target version.
    public var toVersion: Int64
    /// The source's latest version.
    public var latestVersion: Int64
    /// Log files in publish order (ascending version; a version's commit before its checkpoints, except that the
    /// starting checkpoint precedes everything; sidecars before the checkpoint naming them).
    public var logFiles: [LogFileItem]
    /// Data, deletion-vector and change-data files that exist in the source, sorted by path.
    public var dataFiles: [DataFileItem]
    /// Referenced files that the source lacks (vacuumed); none of them is live at `toVersion`.
    public var missingInSource: [MissingFile]
    /// Checkpoints in range left out because they could not be read (the commits cover their versions).
    public var skippedCheckpoints: [String]
    /// The table's state at each version from `fromVersion` to `toVersion`.
    public var states: [VersionState]
    /// The newest checkpoint in range (what the replica's `_last_checkpoint` will point to when it is the newest held).
    public var newestCheckpoint: LogSegment.Checkpoint?
    /// Sizes of every file in the source's `_delta_log` when it was planned (for the divergence check).
    var sourceLogSizes: [String: Int64] = [:]

    /// Total bytes of the data files.
    public var dataBytes: Int64 { dataFiles.reduce(0) { $0 + ($1.size ?? 0) } }
    /// Total bytes of the log files.
    public var logBytes: Int64 { logFiles.reduce(0) { $0 + $1.size } }
}

/// `protocol` action: the reader and writer versions and, from reader 3 / writer 7, the table features.
public struct ProtocolAction: Equatable, Sendable {
    public var minReaderVersion: Int32
    public var minWriterVersion: Int32
    /// Reader features (only when minReaderVersion >= 3).
    public var readerFeatures: [String]?
    /// Writer features (only when minWriterVersion >= 7).
    public var writerFeatures: [String]?

    public init(minReaderVersion: Int32, minWriterVersion: Int32, readerFeatures: [String]? = nil, writerFeatures: [String]? = nil) {
        self.minReaderVersion = minReaderVersion
        self.minWriterVersion = minWriterVersion
        self.readerFeatures = readerFeatures
        self.writerFeatures = writerFeatures
    }
}

/// The `format` of a metaData action.
public struct FormatSpec: Equatable, Sendable {
    public var provider: String
    public var options: [String: String]
    public init(provider: String = "parquet", options: [String: String] = [:]) {
        self.provider = provider
        self.options = options
    }
}

/// `metaData` action: table id, schema (as the JSON string the log holds), partition columns and configuration.
public struct Metadata: Equatable, Sendable {
    public var id: String
    public var name: String?
    public var description: String?
    public var format: FormatSpec
    /// The schema as a JSON string (parse it with `StructType(json:)`).
    public var schemaString: String
    public var partitionColumns: [String]
    public var configuration: [String: String]
    /// Creation time in milliseconds since the epoch.
    public var createdTime: Int64?

    public init(id: String, name: String? = nil, description: String? = nil, format: FormatSpec = FormatSpec(),
                schemaString: String, partitionColumns: [String] = [], configuration: [String: String] = [:],
                createdTime: Int64? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.format = format
        self.schemaString = schemaString
        self.partitionColumns = partitionColumns
        self.configuration = configuration
        self.createdTime = createdTime
    }
}

/// `add` action: a data file that is part of the table.
public struct AddFile: Equatable, Sendable {
    /// A URI relative to the table root (percent-encoded), or absolute.
    public var path: String
    /// Partition values by (physical) column name; nil is a null partition value.
    public var partitionValues: [String: String?]
    public var size: Int64
    public var modificationTime: Int64
    public var dataChange: Bool
    /// Statistics JSON string (numRecords, minValues, maxValues, nullCount, tightBounds).
    public var stats: String? {
        get { statsText?.string }
        set { statsText = newValue.map(StatsText.string) }
    }
    /// The statistics as held (see ``StatsText``).
    var statsText: StatsText?
    /// `numRecords` from the statistics, or nil when absent or not an integer (reads a checkpoint's bytes
    /// directly, without materialising ``stats``).
    public var numRecordsFromStats: Int64? { statsText?.numRecords }
    public var tags: [String: String?]?
    public var deletionVector: DeletionVectorDescriptor?
    public var baseRowId: Int64?
    public var defaultRowCommitVersion: Int64?
    public var clusteringProvider: String?
    /// Fields this version of deltactl does not know, kept as read.
    public var extra: [(String, JSONValue)]

    public init(path: String, partitionValues: [String: String?] = [:], size: Int64, modificationTime: Int64,
                dataChange: Bool = true, stats: String? = nil, tags: [String: String?]? = nil,
                deletionVector: DeletionVectorDescriptor? = nil, baseRowId: Int64? = nil,
                defaultRowCommitVersion: Int64? = nil, clusteringProvider: String? = nil,
                extra: [(String, JSONValue)] = []) {
        self.path = path
        self.partitionValues = partitionValues
        self.size = size
        self.modificationTime = modificationTime
        self.dataChange = dataChange
        self.statsText = stats.map(StatsText.string)
        self.tags = tags
        self.deletionVector = deletionVector
        self.baseRowId = baseRowId
        self.defaultRowCommitVersion = defaultRowCommitVersion
        self.clusteringProvider = clusteringProvider
        self.extra = extra
    }

    public static func == (a: AddFile, b: AddFile) -> Bool {
        a.path == b.path && a.partitionValues == b.partitionValues && a.size == b.size
            && a.modificationTime == b.modificationTime && a.dataChange == b.dataChange && a.stats == b.stats
            && a.tags == b.tags && a.deletionVector == b.deletionVector && a.baseRowId == b.baseRowId
            && a.defaultRowCommitVersion == b.defaultRowCommitVersion && a.clusteringProvider == b.clusteringProvider
            && JSONValue.object(a.extra) == JSONValue.object(b.extra)
    }
}

/// `remove` action: a logical deletion (tombstone) of a data file.
public struct RemoveFile: Equatable, Sendable {
    public var path: String
    public var deletionTimestamp: Int64?
    public var dataChange: Bool
    public var extendedFileMetadata: Bool?
    public var partitionValues: [String: String?]?
    public var size: Int64?
    public var stats: String?
    public var tags: [String: String?]?
    public var deletionVector: DeletionVectorDescriptor?
    public var baseRowId: Int64?
    public var defaultRowCommitVersion: Int64?
    public var extra: [(String, JSONValue)]

    public init(path: String, deletionTimestamp: Int64? = nil, dataChange: Bool = true,
                extendedFileMetadata: Bool? = nil, partitionValues: [String: String?]? = nil, size: Int64? = nil,
                stats: String? = nil, tags: [String: String?]? = nil, deletionVector: DeletionVectorDescriptor? = nil,
                baseRowId: Int64? = nil, defaultRowCommitVersion: Int64? = nil, extra: [(String, JSONValue)] = []) {
        self.path = path
        self.deletionTimestamp = deletionTimestamp
        self.dataChange = dataChange
        self.extendedFileMetadata = extendedFileMetadata
        self.partitionValues = partitionValues
        self.size = size
        self.stats = stats
        self.tags = tags
        self.deletionVector = deletionVector
        self.baseRowId = baseRowId
        self.defaultRowCommitVersion = defaultRowCommitVersion
        self.extra = extra
    }

    public static func == (a: RemoveFile, b: RemoveFile) -> Bool {
        a.path == b.path && a.deletionTimestamp == b.deletionTimestamp && a.dataChange == b.dataChange
            && a.extendedFileMetadata == b.extendedFileMetadata && a.partitionValues == b.partitionValues
            && a.size == b.size && a.stats == b.stats && a.tags == b.tags && a.deletionVector == b.deletionVector
            && a.baseRowId == b.baseRowId && a.defaultRowCommitVersion == b.defaultRowCommitVersion
            && JSONValue.object(a.extra) == JSONValue.object(b.extra)
    }
}

/// `cdc` action: a change-data file written by a commit.
public struct AddCDCFile: Equatable, Sendable {
    public var path: String
    public var partitionValues: [String: String?]
    public var size: Int64
    public var dataChange: Bool
    public var tags: [String: String?]?

    public init(path: String, partitionValues: [String: String?] = [:], size: Int64, dataChange: Bool = false,
                tags: [String: String?]? = nil) {
        self.path = path
        self.partitionValues = partitionValues
        self.size = size
        self.dataChange = dataChange
        self.tags = tags
    }
}

/// `txn` action: the last version an application (appId) committed, for idempotent writes.
public struct TransactionAction: Equatable, Sendable {
    public var appId: String
    public var version: Int64
    public var lastUpdated: Int64?
    public init(appId: String, version: Int64, lastUpdated: Int64? = nil) {
        self.appId = appId
        self.version = version
        self.lastUpdated = lastUpdated
    }
}

/// `domainMetadata` action.
public struct DomainMetadata: Equatable, Sendable {
    public var domain: String
    public var configuration: String
    public var removed: Bool
    public init(domain: String, configuration: String, removed: Bool = false) {
        self.domain = domain
        self.configuration = configuration
        self.removed = removed
    }
}

/// `checkpointMetadata` action (V2 checkpoints).
public struct CheckpointMetadata: Equatable, Sendable {
    public var version: Int64
    public var tags: [String: String]?
    public init(version: Int64, tags: [String: String]? = nil) {
        self.version = version
        self.tags = tags
    }
}

/// `sidecar` action (V2 checkpoints): a file under `_delta_log/_sidecars/` holding add and remove actions.
public struct SidecarFile: Equatable, Sendable {
    /// Path relative to `_delta_log/_sidecars/` (usually just a file name).
    public var path: String
    public var sizeInBytes: Int64
    public var modificationTime: Int64
    public var tags: [String: String]?
    public init(path: String, sizeInBytes: Int64, modificationTime: Int64, tags: [String: String]? = nil) {
        self.path = path
        self.sizeInBytes = sizeInBytes
        self.modificationTime = modificationTime
        self.tags = tags
    }
}

/// One action of a commit or checkpoint (PROTOCOL.md: Actions).
public enum Action: Equatable, Sendable {
    case `protocol`(ProtocolAction)
    case metaData(Metadata)
    case add(AddFile)
    case remove(RemoveFile)
    case cdc(AddCDCFile)
    case txn(TransactionAction)
    /// commitInfo is free-form: kept as the raw JSON object.
    case commitInfo(JSONValue)
    case domainMetadata(DomainMetadata)
    case checkpointMetadata(CheckpointMetadata)
    case sidecar(SidecarFile)
    /// An action type this deltactl does not know, kept with its key and body.
    case unknown(String, JSONValue)
}

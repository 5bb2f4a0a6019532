/// The one gate that decides, from the raw protocol and metadata, whether deltactl can read a table and how
/// (PROTOCOL.md: Protocol Evolution, Table Features, Column Mapping, Deletion Vectors, In-Commit Timestamps).
public struct TableConfiguration: Sendable {
    /// Column mapping modes (`delta.columnMapping.mode`).
    public enum ColumnMappingMode: String, Sendable {
        case none, name, id
    }

    /// The protocol in effect.
    public let protocolAction: ProtocolAction
    /// The metadata in effect.
    public let metadata: Metadata
    /// The parsed logical schema.
    public let schema: StructType

    /// Builds the configuration; throws `DeltaError.invalidSchema` when the schema string is unreadable.
    public init(protocol p: ProtocolAction, metadata: Metadata) throws {
        self.protocolAction = p
        self.metadata = metadata
        guard !metadata.schemaString.isEmpty else {
            throw DeltaError.invalidSchema(reason: "the metaData in effect (table \(metadata.id)) has no schemaString")
        }
        self.schema = try StructType(json: metadata.schemaString)
    }

    /// The reader features the protocol lists (reader version 3), or the ones implied by versions 1-2.
    public var readerFeatures: [TableFeature] {
        if protocolAction.minReaderVersion >= 3 { return (protocolAction.readerFeatures ?? []).map(TableFeature.init(name:)) }
        return protocolAction.minReaderVersion == 2 ? [.columnMapping] : []
    }

    /// The writer features the protocol lists (writer version 7).
    public var writerFeatures: [TableFeature] { (protocolAction.writerFeatures ?? []).map(TableFeature.init(name:)) }

    /// Throws `DeltaError.unsupportedFeature` naming the first reader feature (or reader version) deltactl cannot read.
    public func ensureReadable() throws {
        let v = protocolAction.minReaderVersion
        guard v >= 1 && v <= 3 else { throw DeltaError.unsupportedFeature("minReaderVersion \(v)", operation: "read") }
        for f in readerFeatures where !TableFeature.supportedForRead.contains(f) {
            throw DeltaError.unsupportedFeature(f.name, operation: "read")
        }
    }

    /// Whether the table declares `feature` as a reader or writer feature.
    public func has(_ feature: TableFeature) -> Bool { readerFeatures.contains(feature) || writerFeatures.contains(feature) }

    /// The column mapping mode (none unless the reader protocol allows it).
    public var columnMappingMode: ColumnMappingMode {
        let mode = metadata.configuration["delta.columnMapping.mode"].flatMap(ColumnMappingMode.init(rawValue:)) ?? .none
        return readerFeatures.contains(.columnMapping) || protocolAction.minReaderVersion == 2 ? mode : .none
    }

    /// Whether in-commit timestamps are on (`delta.enableInCommitTimestamps`).
    public var inCommitTimestampsEnabled: Bool {
        metadata.configuration["delta.enableInCommitTimestamps"]?.lowercased() == "true"
    }

    /// The first version with in-commit timestamps, when recorded.
    public var inCommitTimestampEnablementVersion: Version? {
        metadata.configuration["delta.inCommitTimestampEnablementVersion"].flatMap { Int64($0) }.map { Version($0) }
    }

    /// The physical name of a top-level field under the current column mapping mode.
    public func physicalName(of field: StructField) -> String {
        columnMappingMode == .none ? field.name : (field.physicalNameMetadata ?? field.name)
    }

    /// The logical partition columns.
    public var partitionColumns: [String] { metadata.partitionColumns }
}

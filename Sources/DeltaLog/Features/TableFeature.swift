/// A table feature by name (PROTOCOL.md: Table Features). Unknown names are kept so that gating can name them.
public enum TableFeature: Hashable, Sendable, CustomStringConvertible {
    case appendOnly, invariants, checkConstraints, changeDataFeed, generatedColumns, columnMapping, identityColumns
    case deletionVectors, rowTracking, timestampNtz, domainMetadata, v2Checkpoint, icebergCompatV1, icebergCompatV2
    case clustering, vacuumProtocolCheck, inCommitTimestamp, typeWidening, typeWideningPreview, variantType
    case variantTypePreview, variantShredding, variantShreddingPreview, collationsPreview, checkpointProtection
    case allowColumnDefaults
    /// A feature this deltactl does not know.
    case unknown(String)

    private static let byName: [String: TableFeature] = [
        "appendOnly": .appendOnly, "invariants": .invariants, "checkConstraints": .checkConstraints,
        "changeDataFeed": .changeDataFeed, "generatedColumns": .generatedColumns, "columnMapping": .columnMapping,
        "identityColumns": .identityColumns, "deletionVectors": .deletionVectors, "rowTracking": .rowTracking,
        "timestampNtz": .timestampNtz, "domainMetadata": .domainMetadata, "v2Checkpoint": .v2Checkpoint,
        "icebergCompatV1": .icebergCompatV1, "icebergCompatV2": .icebergCompatV2, "clustering": .clustering,
        "vacuumProtocolCheck": .vacuumProtocolCheck, "inCommitTimestamp": .inCommitTimestamp,
        "typeWidening": .typeWidening, "typeWidening-preview": .typeWideningPreview, "variantType": .variantType,
        "variantType-preview": .variantTypePreview, "variantShredding": .variantShredding,
        "variantShredding-preview": .variantShreddingPreview, "collations-preview": .collationsPreview,
        "checkpointProtection": .checkpointProtection, "allowColumnDefaults": .allowColumnDefaults,
    ]

    /// The feature named `name` as it appears in `readerFeatures`/`writerFeatures`.
    public init(name: String) { self = Self.byName[name] ?? .unknown(name) }

    /// The feature's protocol name.
    public var name: String {
        if case .unknown(let n) = self { return n }
        return Self.byName.first { $0.value == self }?.key ?? "?"
    }

    public var description: String { name }

    /// The reader features this deltactl can read correctly.
    public static let supportedForRead: Set<TableFeature> = [
        .columnMapping, .deletionVectors, .timestampNtz, .v2Checkpoint, .vacuumProtocolCheck, .typeWidening,
        .typeWideningPreview,
    ]
}

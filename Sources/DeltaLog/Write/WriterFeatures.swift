/// The writer side of the table-features gate (PROTOCOL.md: Table Features, Writer Requirements): which protocol a
/// new table needs, and whether deltactl may commit a given set of actions to an existing table. Pure: no I/O.
public enum WriterFeatures {
    /// Writer features deltactl can honour when committing. Features not listed are refused by name.
    /// `invariants`, `checkConstraints`, `generatedColumns`, `identityColumns` and `changeDataFeed` are accepted
    /// only while inactive; `inCommitTimestamp` is honoured by ``Transaction`` (see ``check(protocol:metadata:removesData:)``).
    public static let supported: Set<String> = [
        "appendOnly", "invariants", "checkConstraints", "columnMapping", "changeDataFeed", "generatedColumns",
        "identityColumns", "deletionVectors", "domainMetadata", "timestampNtz", "vacuumProtocolCheck", "v2Checkpoint",
        "inCommitTimestamp",
    ]

    /// The features a legacy writer version (1 to 6) implies (PROTOCOL.md: Table Features, legacy versions).
    public static func legacyFeatures(writerVersion: Int32) -> [String] {
        var f: [String] = []
        if writerVersion >= 2 { f += ["appendOnly", "invariants"] }
        if writerVersion >= 3 { f += ["checkConstraints"] }
        if writerVersion >= 4 { f += ["changeDataFeed", "generatedColumns"] }
        if writerVersion >= 5 { f += ["columnMapping"] }
        if writerVersion >= 6 { f += ["identityColumns"] }
        return f
    }

    /// The writer features a protocol declares (explicitly from writer 7, implied by the version below).
    public static func declared(_ p: ProtocolAction) -> [String] {
        p.minWriterVersion >= 7 ? (p.writerFeatures ?? []) : legacyFeatures(writerVersion: p.minWriterVersion)
    }

    /// Throws unless deltactl can commit to a table with this protocol and metadata.
    /// - Parameter removesData: whether the commit removes files with `dataChange` (matters for appendOnly and CDF).
    public static func check(protocol p: ProtocolAction, metadata: Metadata?, removesData: Bool,
                             operation: String = "write") throws {
        guard p.minWriterVersion <= 7 else {
            throw DeltaError.unsupportedFeature("writer version \(p.minWriterVersion)", operation: operation)
        }
        let config = TableProperties(metadata?.configuration ?? [:])
        let schema = metadata?.schemaString ?? ""
        for feature in declared(p) {
            guard supported.contains(feature) else { throw DeltaError.unsupportedFeature(feature, operation: operation) }
            switch feature {
            case "invariants" where schema.contains("delta.invariants"):
                throw DeltaError.unsupportedFeature(
                    "invariants", operation: operation + " (the schema declares column invariants that deltactl cannot enforce yet)")
            case "checkConstraints":
                if let key = metadata?.configuration.keys.sorted().first(where: { $0.hasPrefix("delta.constraints.") }) {
                    throw DeltaError.unsupportedFeature(
                        "checkConstraints", operation: operation + " (constraint '\(key)' cannot be enforced by deltactl yet)")
                }
            case "generatedColumns" where schema.contains("delta.generationExpression"):
                throw DeltaError.unsupportedFeature("generatedColumns", operation: operation + " (the schema has generated columns)")
            case "identityColumns" where schema.contains("delta.identity"):
                throw DeltaError.unsupportedFeature("identityColumns", operation: operation + " (the schema has identity columns)")
            case "changeDataFeed" where removesData && config.flag("delta.enableChangeDataFeed"):
                throw DeltaError.unsupportedFeature(
                    "changeDataFeed", operation: operation + " (removing data needs change-data files, which deltactl does not write)")
            default: break
            }
        }
        if removesData && config.appendOnly && declared(p).contains("appendOnly") {
            throw DeltaError.writeRefused(
                reason: "the table is append-only (delta.appendOnly=true): files cannot be removed with dataChange=true")
        }
    }

    /// The lowest protocol a new table needs (PROTOCOL.md: Table Features): 1/2 by default; 2/5 for column mapping;
    /// 3/7 with explicit feature lists when a feature without a legacy version (deletion vectors, timestampNtz,
    /// domain metadata, ...) is asked for.
    /// - Parameters:
    ///   - metadata: the table's metadata (its configuration enables legacy features such as column mapping).
    ///   - readerFeatures: extra reader-writer features asked for (e.g. `deletionVectors`, `timestampNtz`).
    ///   - writerFeatures: extra writer-only features (e.g. `domainMetadata`).
    public static func minimumProtocol(for metadata: Metadata, readerFeatures: [String] = [],
                                       writerFeatures: [String] = []) -> ProtocolAction {
        let config = TableProperties(metadata.configuration)
        let mapping = metadata.configuration["delta.columnMapping.mode"].map { $0.lowercased() } ?? "none"
        let columnMapping = mapping == "name" || mapping == "id"
        var reader: Int32 = columnMapping ? 2 : 1
        var writer: Int32 = 2
        if metadata.configuration.keys.contains(where: { $0.hasPrefix("delta.constraints.") }) { writer = max(writer, 3) }
        if config.flag("delta.enableChangeDataFeed") { writer = max(writer, 4) }
        if columnMapping { writer = max(writer, 5) }
        if readerFeatures.isEmpty && writerFeatures.isEmpty { return ProtocolAction(minReaderVersion: reader, minWriterVersion: writer) }
        // Table features: list every legacy feature the versions above implied, then the new ones.
        var writerList = legacyFeatures(writerVersion: writer).filter { f in
            switch f {
            case "appendOnly", "invariants": return true
            case "checkConstraints": return writer >= 3
            case "changeDataFeed": return config.flag("delta.enableChangeDataFeed")
            case "columnMapping": return columnMapping
            default: return false
            }
        }
        var readerList: [String] = columnMapping ? ["columnMapping"] : []
        for f in readerFeatures where !readerList.contains(f) { readerList.append(f) }
        for f in readerFeatures + writerFeatures where !writerList.contains(f) { writerList.append(f) }
        writer = 7
        reader = readerList.isEmpty ? 1 : 3
        return ProtocolAction(minReaderVersion: reader, minWriterVersion: writer,
                              readerFeatures: reader >= 3 ? readerList : nil, writerFeatures: writerList)
    }
}

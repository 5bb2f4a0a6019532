import Parquet

/// The Parquet schema of a classic checkpoint (PROTOCOL.md: Checkpoint Schema): one optional struct column per
/// action type (txn, add, remove, metaData, protocol, domainMetadata), maps as MAP<string,string>, lists as
/// LIST<string>. With `delta.checkpoint.writeStatsAsStruct`, `add` also carries `stats_parsed` and
/// `partitionValues_parsed`, typed by the table schema (physical names under column mapping).
enum CheckpointSchema {
    static func string(_ name: String, _ rep: FieldRepetitionType = .optional) -> SchemaNode {
        .primitive(name, .byteArray, repetition: rep, logicalType: .string, convertedType: .utf8)
    }
    static func int64(_ name: String) -> SchemaNode { .primitive(name, .int64) }
    static func int32(_ name: String) -> SchemaNode { .primitive(name, .int32) }
    static func bool(_ name: String) -> SchemaNode { .primitive(name, .boolean) }
    static func stringMap(_ name: String) -> SchemaNode { .map(name, key: string("key", .required), value: string("value")) }
    static func stringList(_ name: String) -> SchemaNode { .list(name, element: string("element")) }

    static var deletionVector: SchemaNode {
        .group("deletionVector", children: [string("storageType"), string("pathOrInlineDv"), int32("offset"),
                                            int32("sizeInBytes"), int64("cardinality")])
    }

    /// The top-level fields. `parsed` adds stats_parsed / partitionValues_parsed built from `typed`.
    static func fields(writeStatsAsJson: Bool, parsed: ParsedStatsLayout?) -> [SchemaNode] {
        var add: [SchemaNode] = [string("path"), stringMap("partitionValues"), int64("size"), int64("modificationTime"),
                                 bool("dataChange")]
        if writeStatsAsJson { add.append(string("stats")) }
        add += [stringMap("tags"), deletionVector, int64("baseRowId"), int64("defaultRowCommitVersion"),
                string("clusteringProvider")]
        if let parsed {
            if let stats = parsed.statsNode { add.append(stats) }
            if let pv = parsed.partitionNode { add.append(pv) }
        }
        return [
            .group("txn", children: [string("appId"), int64("version"), int64("lastUpdated")]),
            .group("add", children: add),
            .group("remove", children: [string("path"), int64("deletionTimestamp"), bool("dataChange"),
                                        bool("extendedFileMetadata"), stringMap("partitionValues"), int64("size"),
                                        stringMap("tags"), deletionVector, int64("baseRowId"),
                                        int64("defaultRowCommitVersion")]),
            .group("metaData", children: [
                string("id"), string("name"), string("description"),
                .group("format", children: [string("provider"), stringMap("options")]),
                string("schemaString"), stringList("partitionColumns"), stringMap("configuration"), int64("createdTime"),
            ]),
            .group("protocol", children: [int32("minReaderVersion"), int32("minWriterVersion"),
                                          stringList("readerFeatures"), stringList("writerFeatures")]),
            .group("domainMetadata", children: [string("domain"), string("configuration"), bool("removed")]),
        ]
    }

    static func dv(_ d: DeletionVectorDescriptor?) -> CheckpointValue {
        guard let d else { return .null }
        return .group([.string(d.storageType), .string(d.pathOrInlineDv), d.offset.map { .int32($0) } ?? .null,
                       .int32(d.sizeInBytes), .int64(d.cardinality)])
    }

    /// The row of one action (exactly one top-level column set), matching ``fields(writeStatsAsJson:parsed:)``.
    static func row(_ action: Action, writeStatsAsJson: Bool, parsed: ParsedStatsLayout?) throws -> [CheckpointValue] {
        var row = [CheckpointValue](repeating: .null, count: 6)
        switch action {
        case .txn(let t):
            row[0] = .group([.string(t.appId), .int64(t.version), .int64(t.lastUpdated)])
        case .add(let a):
            var g: [CheckpointValue] = [.string(a.path), .stringMap(a.partitionValues), .int64(a.size),
                                        .int64(a.modificationTime), .bool(a.dataChange)]
            if writeStatsAsJson { g.append(.string(a.stats)) }
            g += [.stringMap(a.tags), dv(a.deletionVector), .int64(a.baseRowId), .int64(a.defaultRowCommitVersion),
                  .string(a.clusteringProvider)]
            if let parsed {
                if parsed.statsNode != nil { g.append(parsed.statsValue(a.stats)) }
                if parsed.partitionNode != nil { g.append(parsed.partitionValue(a.partitionValues)) }
            }
            row[1] = .group(g)
        case .remove(let r):
            row[2] = .group([.string(r.path), .int64(r.deletionTimestamp), .bool(r.dataChange), .bool(r.extendedFileMetadata),
                             .stringMap(r.partitionValues), .int64(r.size), .stringMap(r.tags), dv(r.deletionVector),
                             .int64(r.baseRowId), .int64(r.defaultRowCommitVersion)])
        case .metaData(let m):
            row[3] = .group([.string(m.id), .string(m.name), .string(m.description),
                             .group([.string(m.format.provider), .stringMap(m.format.options.mapValues { Optional($0) })]),
                             .string(m.schemaString), .list(m.partitionColumns.map { .string($0) }),
                             .stringMap(m.configuration.mapValues { Optional($0) }), .int64(m.createdTime)])
        case .protocol(let p):
            row[4] = .group([.int32(p.minReaderVersion), .int32(p.minWriterVersion),
                             p.readerFeatures.map { .list($0.map { .string($0) }) } ?? .null,
                             p.writerFeatures.map { .list($0.map { .string($0) }) } ?? .null])
        case .domainMetadata(let d):
            row[5] = .group([.string(d.domain), .string(d.configuration), .bool(d.removed)])
        default:
            throw DeltaError.invalidCheckpoint(file: "<checkpoint>", reason: "a classic checkpoint cannot hold \(action.json)")
        }
        return row
    }
}

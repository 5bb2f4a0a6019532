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

    /// A struct of the present (non-nil) fields, in the order given (the schema's); absent fields read as null.
    static func strukt(_ pairs: [(String, ParquetValue?)]) -> ParquetValue {
        .structure(pairs.compactMap { name, value in value.map { ParquetField(name, $0) } })
    }

    /// A string map (null values kept), or nil.
    static func stringMap(_ m: [String: String?]?) -> ParquetValue? {
        guard let m else { return nil }
        return .map(m.keys.sorted().map { k in ParquetMapEntry(key: .string(k), value: (m[k] ?? nil).map { .string($0) } ?? .null) })
    }

    static func dv(_ d: DeletionVectorDescriptor?) -> ParquetValue? {
        guard let d else { return nil }
        return strukt([("storageType", .string(d.storageType)), ("pathOrInlineDv", .string(d.pathOrInlineDv)),
                       ("offset", d.offset.map { .int32($0) }), ("sizeInBytes", .int32(d.sizeInBytes)),
                       ("cardinality", .int64(d.cardinality))])
    }

    /// The record of one action (only its own top-level column is present), matching
    /// ``fields(writeStatsAsJson:parsed:)``.
    static func row(_ action: Action, writeStatsAsJson: Bool, parsed: ParsedStatsLayout?) throws -> ParquetValue {
        func i64(_ v: Int64?) -> ParquetValue? { v.map { .int64($0) } }
        func str(_ v: String?) -> ParquetValue? { v.map { .string($0) } }
        func bool(_ v: Bool?) -> ParquetValue? { v.map { .bool($0) } }
        func strings(_ v: [String]?) -> ParquetValue? { v.map { .list($0.map { .string($0) }) } }
        let column: String
        let value: ParquetValue
        switch action {
        case .txn(let t):
            column = "txn"
            value = strukt([("appId", .string(t.appId)), ("version", .int64(t.version)), ("lastUpdated", i64(t.lastUpdated))])
        case .add(let a):
            column = "add"
            var f: [(String, ParquetValue?)] = [
                ("path", .string(a.path)), ("partitionValues", stringMap(a.partitionValues)), ("size", .int64(a.size)),
                ("modificationTime", .int64(a.modificationTime)), ("dataChange", .bool(a.dataChange)),
                ("stats", writeStatsAsJson ? str(a.stats) : nil), ("tags", stringMap(a.tags)), ("deletionVector", dv(a.deletionVector)),
                ("baseRowId", i64(a.baseRowId)), ("defaultRowCommitVersion", i64(a.defaultRowCommitVersion)),
                ("clusteringProvider", str(a.clusteringProvider)),
            ]
            if let parsed {
                if parsed.statsNode != nil { f.append(("stats_parsed", parsed.statsValue(a.stats))) }
                if parsed.partitionNode != nil { f.append(("partitionValues_parsed", parsed.partitionValue(a.partitionValues))) }
            }
            value = strukt(f)
        case .remove(let r):
            column = "remove"
            value = strukt([("path", .string(r.path)), ("deletionTimestamp", i64(r.deletionTimestamp)),
                            ("dataChange", .bool(r.dataChange)), ("extendedFileMetadata", bool(r.extendedFileMetadata)),
                            ("partitionValues", stringMap(r.partitionValues)), ("size", i64(r.size)),
                            ("tags", stringMap(r.tags)), ("deletionVector", dv(r.deletionVector)),
                            ("baseRowId", i64(r.baseRowId)), ("defaultRowCommitVersion", i64(r.defaultRowCommitVersion))])
        case .metaData(let m):
            column = "metaData"
            value = strukt([("id", .string(m.id)), ("name", str(m.name)), ("description", str(m.description)),
                            ("format", strukt([("provider", .string(m.format.provider)),
                                               ("options", stringMap(m.format.options.mapValues { Optional($0) }))])),
                            ("schemaString", .string(m.schemaString)), ("partitionColumns", strings(m.partitionColumns)),
                            ("configuration", stringMap(m.configuration.mapValues { Optional($0) })),
                            ("createdTime", i64(m.createdTime))])
        case .protocol(let p):
            column = "protocol"
            value = strukt([("minReaderVersion", .int32(p.minReaderVersion)), ("minWriterVersion", .int32(p.minWriterVersion)),
                            ("readerFeatures", strings(p.readerFeatures)), ("writerFeatures", strings(p.writerFeatures))])
        case .domainMetadata(let d):
            column = "domainMetadata"
            value = strukt([("domain", .string(d.domain)), ("configuration", .string(d.configuration)),
                            ("removed", .bool(d.removed))])
        default:
            throw DeltaError.invalidCheckpoint(file: "<checkpoint>", reason: "a classic checkpoint cannot hold \(action.json)")
        }
        return .structure([ParquetField(column, value)])
    }
}

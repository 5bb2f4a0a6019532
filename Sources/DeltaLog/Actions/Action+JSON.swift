/// Conversion between ``Action`` values and the JSON of commit lines (PROTOCOL.md: Actions).
/// Writing emits fields in a fixed order; reading keeps unknown fields of add and remove in `extra`.
extension Action {
    /// Decodes one commit line's JSON object into an action. `file` and `line` locate errors.
    public init(json: JSONValue, file: String = "<commit>", line: Int? = nil) throws {
        guard case .object(let members) = json, members.count == 1, let (key, body) = members.first else {
            // Spark writes exactly one action per line; tolerate extra keys by taking the first known one.
            guard case .object(let members) = json, let first = members.first else {
                throw DeltaError.invalidAction(file: file, line: line, reason: "a commit line must be a JSON object with one action")
            }
            self = try Action(key: first.0, body: first.1, file: file, line: line)
            return
        }
        self = try Action(key: key, body: body, file: file, line: line)
    }

    init(key: String, body: JSONValue, file: String, line: Int?) throws {
        let r = FieldReader(body: body, action: key, file: file, line: line)
        switch key {
        case "protocol":
            self = .protocol(ProtocolAction(
                minReaderVersion: Int32(try r.int("minReaderVersion")),
                minWriterVersion: Int32(try r.int("minWriterVersion")),
                readerFeatures: try r.optionalStrings("readerFeatures"),
                writerFeatures: try r.optionalStrings("writerFeatures")))
        case "metaData":
            let format = body["format"]
            self = .metaData(Metadata(
                id: try r.string("id"), name: try r.optionalString("name"), description: try r.optionalString("description"),
                format: FormatSpec(provider: format?["provider"]?.stringValue ?? "parquet",
                                   options: Self.stringMap(format?["options"]).compactMapValues { $0 }),
                // Some writers (Databricks DLT) omit schemaString in a metaData that a later one supersedes:
                // read it as empty; TableConfiguration refuses it only if it is the metadata in effect.
                schemaString: try r.optionalString("schemaString") ?? "",
                partitionColumns: try r.optionalStrings("partitionColumns") ?? [],
                configuration: Self.stringMap(body["configuration"]).compactMapValues { $0 },
                createdTime: try r.optionalInt("createdTime")))
        case "add":
            let known: Set<String> = ["path", "partitionValues", "size", "modificationTime", "dataChange", "stats", "tags",
                                      "deletionVector", "baseRowId", "defaultRowCommitVersion", "clusteringProvider"]
            self = .add(AddFile(
                path: try r.string("path"), partitionValues: Self.stringMap(body["partitionValues"]),
                size: try r.int("size"), modificationTime: try r.optionalInt("modificationTime") ?? 0,
                dataChange: try r.optionalBool("dataChange") ?? true, stats: try r.optionalString("stats"),
                tags: body["tags"].flatMap { $0.isNull ? nil : Self.stringMap($0) },
                deletionVector: try Self.deletionVector(body["deletionVector"], r),
                baseRowId: try r.optionalInt("baseRowId"), defaultRowCommitVersion: try r.optionalInt("defaultRowCommitVersion"),
                clusteringProvider: try r.optionalString("clusteringProvider"),
                extra: (body.objectValue ?? []).filter { !known.contains($0.0) }))
        case "remove":
            let known: Set<String> = ["path", "deletionTimestamp", "dataChange", "extendedFileMetadata", "partitionValues",
                                      "size", "stats", "tags", "deletionVector", "baseRowId", "defaultRowCommitVersion"]
            self = .remove(RemoveFile(
                path: try r.string("path"), deletionTimestamp: try r.optionalInt("deletionTimestamp"),
                dataChange: try r.optionalBool("dataChange") ?? true, extendedFileMetadata: try r.optionalBool("extendedFileMetadata"),
                partitionValues: body["partitionValues"].flatMap { $0.isNull ? nil : Self.stringMap($0) },
                size: try r.optionalInt("size"), stats: try r.optionalString("stats"),
                tags: body["tags"].flatMap { $0.isNull ? nil : Self.stringMap($0) },
                deletionVector: try Self.deletionVector(body["deletionVector"], r),
                baseRowId: try r.optionalInt("baseRowId"), defaultRowCommitVersion: try r.optionalInt("defaultRowCommitVersion"),
                extra: (body.objectValue ?? []).filter { !known.contains($0.0) }))
        case "cdc":
            self = .cdc(AddCDCFile(
                path: try r.string("path"), partitionValues: Self.stringMap(body["partitionValues"]),
                size: try r.int("size"), dataChange: try r.optionalBool("dataChange") ?? false,
                tags: body["tags"].flatMap { $0.isNull ? nil : Self.stringMap($0) }))
        case "txn":
            self = .txn(TransactionAction(appId: try r.string("appId"), version: try r.int("version"),
                                          lastUpdated: try r.optionalInt("lastUpdated")))
        case "commitInfo":
            self = .commitInfo(body)
        case "domainMetadata":
            self = .domainMetadata(DomainMetadata(domain: try r.string("domain"), configuration: try r.optionalString("configuration") ?? "",
                                                  removed: try r.optionalBool("removed") ?? false))
        case "checkpointMetadata":
            self = .checkpointMetadata(CheckpointMetadata(
                version: try r.int("version"), tags: body["tags"].map { Self.stringMap($0).compactMapValues { $0 } }))
        case "sidecar":
            self = .sidecar(SidecarFile(
                path: try r.string("path"), sizeInBytes: try r.int("sizeInBytes"),
                modificationTime: try r.optionalInt("modificationTime") ?? 0,
                tags: body["tags"].map { Self.stringMap($0).compactMapValues { $0 } }))
        default:
            self = .unknown(key, body)
        }
    }

    static func stringMap(_ value: JSONValue?) -> [String: String?] {
        guard let members = value?.objectValue else { return [:] }
        var map: [String: String?] = [:]
        for (k, v) in members {
            switch v {
            case .string(let s): map[k] = .some(s)
            case .null: map[k] = .some(nil)
            case .number(let n): map[k] = .some(n)
            case .bool(let b): map[k] = .some(b ? "true" : "false")
            default: map[k] = .some(JSONWriter.serialize(v))
            }
        }
        return map
    }

    static func deletionVector(_ value: JSONValue?, _ r: FieldReader) throws -> DeletionVectorDescriptor? {
        guard let value, !value.isNull else { return nil }
        let d = FieldReader(body: value, action: r.action + ".deletionVector", file: r.file, line: r.line)
        return DeletionVectorDescriptor(
            storageType: try d.string("storageType"), pathOrInlineDv: try d.string("pathOrInlineDv"),
            offset: try d.optionalInt("offset").map { Int32(truncatingIfNeeded: $0) },
            sizeInBytes: Int32(truncatingIfNeeded: try d.int("sizeInBytes")), cardinality: try d.int("cardinality"))
    }

    /// The action as a one-line JSON object (`{"add":{...}}`), as written into commit files.
    public var json: JSONValue {
        switch self {
        case .protocol(let p):
            var m: [(String, JSONValue)] = [("minReaderVersion", .int(p.minReaderVersion)), ("minWriterVersion", .int(p.minWriterVersion))]
            if let f = p.readerFeatures { m.append(("readerFeatures", .array(f.map { .string($0) }))) }
            if let f = p.writerFeatures { m.append(("writerFeatures", .array(f.map { .string($0) }))) }
            return .object([("protocol", .object(m))])
        case .metaData(let md):
            var m: [(String, JSONValue)] = [("id", .string(md.id))]
            if let n = md.name { m.append(("name", .string(n))) }
            if let d = md.description { m.append(("description", .string(d))) }
            m.append(("format", .object([("provider", .string(md.format.provider)),
                                         ("options", Self.mapJSON(md.format.options.mapValues { Optional($0) }))])))
            m.append(("schemaString", .string(md.schemaString)))
            m.append(("partitionColumns", .array(md.partitionColumns.map { .string($0) })))
            m.append(("configuration", Self.mapJSON(md.configuration.mapValues { Optional($0) })))
            if let c = md.createdTime { m.append(("createdTime", .int(c))) }
            return .object([("metaData", .object(m))])
        case .add(let a):
            var m: [(String, JSONValue)] = [("path", .string(a.path)), ("partitionValues", Self.mapJSON(a.partitionValues)),
                                            ("size", .int(a.size)), ("modificationTime", .int(a.modificationTime)),
                                            ("dataChange", .bool(a.dataChange))]
            if let s = a.stats { m.append(("stats", .string(s))) }
            if let t = a.tags { m.append(("tags", Self.mapJSON(t))) }
            if let dv = a.deletionVector { m.append(("deletionVector", Self.dvJSON(dv))) }
            if let v = a.baseRowId { m.append(("baseRowId", .int(v))) }
            if let v = a.defaultRowCommitVersion { m.append(("defaultRowCommitVersion", .int(v))) }
            if let v = a.clusteringProvider { m.append(("clusteringProvider", .string(v))) }
            m += a.extra
            return .object([("add", .object(m))])
        case .remove(let r):
            var m: [(String, JSONValue)] = [("path", .string(r.path))]
            if let v = r.deletionTimestamp { m.append(("deletionTimestamp", .int(v))) }
            m.append(("dataChange", .bool(r.dataChange)))
            if let v = r.extendedFileMetadata { m.append(("extendedFileMetadata", .bool(v))) }
            if let v = r.partitionValues { m.append(("partitionValues", Self.mapJSON(v))) }
            if let v = r.size { m.append(("size", .int(v))) }
            if let v = r.stats { m.append(("stats", .string(v))) }
            if let v = r.tags { m.append(("tags", Self.mapJSON(v))) }
            if let dv = r.deletionVector { m.append(("deletionVector", Self.dvJSON(dv))) }
            if let v = r.baseRowId { m.append(("baseRowId", .int(v))) }
            if let v = r.defaultRowCommitVersion { m.append(("defaultRowCommitVersion", .int(v))) }
            m += r.extra
            return .object([("remove", .object(m))])
        case .cdc(let c):
            var m: [(String, JSONValue)] = [("path", .string(c.path)), ("partitionValues", Self.mapJSON(c.partitionValues)),
                                            ("size", .int(c.size)), ("dataChange", .bool(c.dataChange))]
            if let t = c.tags { m.append(("tags", Self.mapJSON(t))) }
            return .object([("cdc", .object(m))])
        case .txn(let t):
            var m: [(String, JSONValue)] = [("appId", .string(t.appId)), ("version", .int(t.version))]
            if let v = t.lastUpdated { m.append(("lastUpdated", .int(v))) }
            return .object([("txn", .object(m))])
        case .commitInfo(let body):
            return .object([("commitInfo", body)])
        case .domainMetadata(let d):
            return .object([("domainMetadata", .object([("domain", .string(d.domain)), ("configuration", .string(d.configuration)),
                                                        ("removed", .bool(d.removed))]))])
        case .checkpointMetadata(let c):
            var m: [(String, JSONValue)] = [("version", .int(c.version))]
            if let t = c.tags { m.append(("tags", Self.mapJSON(t.mapValues { Optional($0) }))) }
            return .object([("checkpointMetadata", .object(m))])
        case .sidecar(let s):
            var m: [(String, JSONValue)] = [("path", .string(s.path)), ("sizeInBytes", .int(s.sizeInBytes)),
                                            ("modificationTime", .int(s.modificationTime))]
            if let t = s.tags { m.append(("tags", Self.mapJSON(t.mapValues { Optional($0) }))) }
            return .object([("sidecar", .object(m))])
        case .unknown(let key, let body):
            return .object([(key, body)])
        }
    }

    /// The action as one compact JSON line (without the newline).
    public var jsonLine: String { JSONWriter.serialize(json) }

    static func mapJSON(_ map: [String: String?]) -> JSONValue {
        .object(map.keys.sorted().map { k in (k, map[k]!.map { JSONValue.string($0) } ?? .null) })
    }

    static func dvJSON(_ dv: DeletionVectorDescriptor) -> JSONValue {
        var m: [(String, JSONValue)] = [("storageType", .string(dv.storageType)), ("pathOrInlineDv", .string(dv.pathOrInlineDv))]
        if let o = dv.offset { m.append(("offset", .int(o))) }
        m.append(("sizeInBytes", .int(dv.sizeInBytes)))
        m.append(("cardinality", .int(dv.cardinality)))
        return .object(m)
    }
}

/// Reads typed fields of one action body, throwing `DeltaError.invalidAction` with location on a bad field.
struct FieldReader {
    let body: JSONValue
    let action: String
    let file: String
    let line: Int?

    func fail(_ field: String, _ what: String) -> DeltaError {
        .invalidAction(file: file, line: line, reason: "\(action).\(field) \(what)")
    }
    func string(_ f: String) throws -> String {
        guard let v = body[f] else { throw fail(f, "is missing") }
        guard let s = v.stringValue else { throw fail(f, "must be a string") }
        return s
    }
    func optionalString(_ f: String) throws -> String? {
        guard let v = body[f], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw fail(f, "must be a string") }
        return s
    }
    func int(_ f: String) throws -> Int64 {
        guard let v = body[f] else { throw fail(f, "is missing") }
        guard let i = v.int64Value else { throw fail(f, "must be an integer") }
        return i
    }
    func optionalInt(_ f: String) throws -> Int64? {
        guard let v = body[f], !v.isNull else { return nil }
        guard let i = v.int64Value else { throw fail(f, "must be an integer") }
        return i
    }
    func optionalBool(_ f: String) throws -> Bool? {
        guard let v = body[f], !v.isNull else { return nil }
        guard let b = v.boolValue else { throw fail(f, "must be a boolean") }
        return b
    }
    func optionalStrings(_ f: String) throws -> [String]? {
        guard let v = body[f], !v.isNull else { return nil }
        guard let a = v.arrayValue else { throw fail(f, "must be an array") }
        return try a.map { guard let s = $0.stringValue else { throw fail(f, "must hold strings") }; return s }
    }
}

import Parquet

/// Direct decoding of checkpoint `add` and `remove` structs into actions, without the JSON detour (the hot part
/// of a checkpoint). Returns nil for anything unusual (unknown fields, wrong types), and the caller falls back to
/// the JSON path, which reports precise errors.
extension ParquetCheckpointDecoder {
    static func addFile(_ fields: [ParquetField]) -> AddFile? {
        var path: String?, size: Int64?, mtime: Int64 = 0, dataChange = true, stats: String?
        var pv: [String: String?] = [:], tags: [String: String?]?, dv: DeletionVectorDescriptor?
        var baseRowId: Int64?, drcv: Int64?, clustering: String?
        var statsParsed: ParquetValue?
        for f in fields {
            let v = f.value
            switch f.name {
            case "path": guard case .string(let s) = v else { return nil }; path = s
            case "size": guard let n = int(v) else { return nil }; size = n
            case "modificationTime": if !v.isNull { guard let n = int(v) else { return nil }; mtime = n }
            case "dataChange": if case .bool(let b) = v { dataChange = b } else if !v.isNull { return nil }
            case "stats": if case .string(let s) = v { stats = s } else if !v.isNull { return nil }
            case "partitionValues": if !v.isNull { guard let m = stringMap(v) else { return nil }; pv = m }
            case "tags": if !v.isNull { guard let m = stringMap(v) else { return nil }; tags = m }
            case "deletionVector": if !v.isNull { guard let d = deletionVector(v) else { return nil }; dv = d }
            case "baseRowId": if !v.isNull { guard let n = int(v) else { return nil }; baseRowId = n }
            case "defaultRowCommitVersion": if !v.isNull { guard let n = int(v) else { return nil }; drcv = n }
            case "clusteringProvider": if case .string(let s) = v { clustering = s } else if !v.isNull { return nil }
            case "stats_parsed": statsParsed = v
            case "partitionValues_parsed": continue
            default: if !v.isNull { return nil }
            }
        }
        if stats == nil, let statsParsed, !statsParsed.isNull { stats = JSONWriter.serialize(json(statsParsed)) }
        guard let path, let size else { return nil }
        return AddFile(path: path, partitionValues: pv, size: size, modificationTime: mtime, dataChange: dataChange,
                       stats: stats, tags: tags, deletionVector: dv, baseRowId: baseRowId,
                       defaultRowCommitVersion: drcv, clusteringProvider: clustering)
    }

    static func removeFile(_ fields: [ParquetField]) -> RemoveFile? {
        var r = RemoveFile(path: "")
        var hasPath = false
        for f in fields {
            let v = f.value
            if v.isNull { continue }
            switch f.name {
            case "path": guard case .string(let s) = v else { return nil }; r.path = s; hasPath = true
            case "deletionTimestamp": guard let n = int(v) else { return nil }; r.deletionTimestamp = n
            case "dataChange": guard case .bool(let b) = v else { return nil }; r.dataChange = b
            case "extendedFileMetadata": guard case .bool(let b) = v else { return nil }; r.extendedFileMetadata = b
            case "partitionValues": guard let m = stringMap(v) else { return nil }; r.partitionValues = m
            case "size": guard let n = int(v) else { return nil }; r.size = n
            case "stats": guard case .string(let s) = v else { return nil }; r.stats = s
            case "tags": guard let m = stringMap(v) else { return nil }; r.tags = m
            case "deletionVector": guard let d = deletionVector(v) else { return nil }; r.deletionVector = d
            case "baseRowId": guard let n = int(v) else { return nil }; r.baseRowId = n
            case "defaultRowCommitVersion": guard let n = int(v) else { return nil }; r.defaultRowCommitVersion = n
            case "stats_parsed", "partitionValues_parsed": continue
            default: return nil
            }
        }
        return hasPath ? r : nil
    }

    private static func int(_ v: ParquetValue) -> Int64? {
        switch v {
        case .int64(let n): return n
        case .int32(let n): return Int64(n)
        default: return nil
        }
    }

    private static func stringMap(_ v: ParquetValue) -> [String: String?]? {
        guard case .map(let entries) = v else { return nil }
        var m: [String: String?] = [:]
        m.reserveCapacity(entries.count)
        for e in entries {
            guard case .string(let k) = e.key else { return nil }
            switch e.value {
            case .string(let s): m[k] = .some(s)
            case .null: m[k] = .some(nil)
            default: return nil
            }
        }
        return m
    }

    private static func deletionVector(_ v: ParquetValue) -> DeletionVectorDescriptor? {
        guard case .string(let t)? = v["storageType"], case .string(let p)? = v["pathOrInlineDv"],
              let size = v["sizeInBytes"].flatMap(int), let card = v["cardinality"].flatMap(int),
              let size32 = Int32(exactly: size) else { return nil }
        let offset = v["offset"].flatMap(int).flatMap { Int32(exactly: $0) }
        return DeletionVectorDescriptor(storageType: t, pathOrInlineDv: p, offset: offset, sizeInBytes: size32, cardinality: card)
    }
}

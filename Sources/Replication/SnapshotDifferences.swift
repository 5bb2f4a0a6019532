import DeltaLog

/// What differs between two snapshots of the same version reached two ways (a checkpoint read alone, and the JSON
/// commits replayed): PROTOCOL.md, Checkpoints: a checkpoint holds "the complete replay of all actions up to and
/// including the checkpointed version". Compared: protocol (features as sets), metadata, domain metadata, and the
/// active files by path with their size, partition values and deletion vector. Not compared: statistics (a
/// checkpoint may keep them as a struct, or drop them), tombstones (expired ones are dropped), txn and commitInfo.
/// Pure.
enum SnapshotDifferences {
    /// The differences, as sentences about `candidate` ("the checkpoint") against `reference` (named by
    /// `referenceName`, e.g. "the commits"). At most `limit` file-level differences are spelled out; the rest are
    /// counted in a last sentence.
    static func between(_ candidate: Snapshot, _ reference: Snapshot, referenceName: String, limit: Int = 20) -> [String] {
        var out: [String] = []
        let (p, q) = (candidate.protocolAction, reference.protocolAction)
        if p.minReaderVersion != q.minReaderVersion || p.minWriterVersion != q.minWriterVersion
            || Set(p.readerFeatures ?? []) != Set(q.readerFeatures ?? []) || Set(p.writerFeatures ?? []) != Set(q.writerFeatures ?? []) {
            out.append("protocol differs: \(describe(p)) here, \(describe(q)) in \(referenceName)")
        }
        if candidate.metadata != reference.metadata {
            out.append("metaData differs from \(referenceName) in: \(metadataFields(candidate.metadata, reference.metadata).joined(separator: ", "))")
        }
        let (d, e) = (candidate.domainMetadata, reference.domainMetadata)
        for domain in Set(d.keys).union(e.keys).sorted() where d[domain]?.configuration != e[domain]?.configuration {
            out.append(d[domain] == nil ? "lacks domain metadata '\(domain)' that \(referenceName) have"
                       : e[domain] == nil ? "has domain metadata '\(domain)' that \(referenceName) do not"
                       : "domain metadata '\(domain)' differs from \(referenceName)")
        }

        var theirs: [String: AddFile] = [:]
        for f in reference.activeFiles { theirs[DataFilePath(uri: f.path).decoded] = f }
        var fileDifferences: [String] = []
        var seen = Set<String>()
        for f in candidate.activeFilesByPath {
            let key = DataFilePath(uri: f.path).decoded
            seen.insert(key)
            guard let other = theirs[key] else {
                fileDifferences.append("has add \(key), which is not live in \(referenceName)"); continue
            }
            if f.size != other.size {
                fileDifferences.append("add \(key) has size \(f.size), \(referenceName) say \(other.size)")
            }
            if f.partitionValues != other.partitionValues {
                fileDifferences.append("add \(key) has partition values \(text(f.partitionValues)), \(referenceName) say \(text(other.partitionValues))")
            }
            if f.deletionVector != other.deletionVector {
                fileDifferences.append("add \(key) has deletion vector \(text(f.deletionVector)), \(referenceName) say \(text(other.deletionVector))")
            }
        }
        for f in reference.activeFilesByPath where !seen.contains(DataFilePath(uri: f.path).decoded) {
            fileDifferences.append("lacks add \(DataFilePath(uri: f.path).decoded), which is live in \(referenceName)")
        }
        out += fileDifferences.prefix(limit)
        if fileDifferences.count > limit {
            out.append("and \(fileDifferences.count - limit) more file differences (\(candidate.numFiles) live files here, "
                       + "\(reference.numFiles) in \(referenceName))")
        }
        return out
    }

    private static func describe(_ p: ProtocolAction) -> String {
        var s = "reader \(p.minReaderVersion)/writer \(p.minWriterVersion)"
        if let r = p.readerFeatures { s += " reader features [\(r.sorted().joined(separator: ","))]" }
        if let w = p.writerFeatures { s += " writer features [\(w.sorted().joined(separator: ","))]" }
        return s
    }

    private static func metadataFields(_ a: Metadata, _ b: Metadata) -> [String] {
        var fields: [String] = []
        if a.id != b.id { fields.append("id (\(a.id) vs \(b.id))") }
        if a.name != b.name { fields.append("name") }
        if a.description != b.description { fields.append("description") }
        if a.format != b.format { fields.append("format") }
        if a.schemaString != b.schemaString { fields.append("schemaString") }
        if a.partitionColumns != b.partitionColumns { fields.append("partitionColumns") }
        if a.configuration != b.configuration {
            let keys = Set(a.configuration.keys).union(b.configuration.keys).filter { a.configuration[$0] != b.configuration[$0] }
            fields.append("configuration (\(keys.sorted().joined(separator: ", ")))")
        }
        if a.createdTime != b.createdTime { fields.append("createdTime") }
        return fields
    }

    private static func text(_ values: [String: String?]) -> String {
        "{" + values.keys.sorted().map { k in "\(k)=\(values[k].flatMap { $0 } ?? "null")" }.joined(separator: ", ") + "}"
    }

    private static func text(_ dv: DeletionVectorDescriptor?) -> String {
        guard let dv else { return "none" }
        return "\(dv.storageType):\(dv.pathOrInlineDv)@\(dv.offset.map(String.init) ?? "-") (\(dv.sizeInBytes) bytes, \(dv.cardinality) rows)"
    }
}

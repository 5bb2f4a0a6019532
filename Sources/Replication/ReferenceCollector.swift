import DeltaLog

/// Collects the files that log actions reference (add, remove, cdc and their deletion vectors), resolved to
/// table-relative storage paths, with the strongest role and the first version referencing each. Refuses unsafe
/// paths and paths into the log or deltactl's own folders.
struct ReferenceCollector {
    struct Reference { var role: FileRole; var version: Int64; var size: Int64? }
    private(set) var files: [String: Reference] = [:]

    mutating func collect(_ actions: [Action], version: Int64, file: String) throws {
        for action in actions {
            switch action {
            case .add(let a):
                try note(a.path, .data, version, file, size: a.size)
                try noteDV(a.deletionVector, version, file)
            case .remove(let r):
                try note(r.path, .tombstone, version, file)
                try noteDV(r.deletionVector, version, file)
            case .cdc(let c):
                try note(c.path, .changeData, version, file, size: c.size)
            default: break
            }
        }
    }

    private mutating func noteDV(_ dv: DeletionVectorDescriptor?, _ version: Int64, _ file: String) throws {
        guard let dv, let path = try TablePath.deletionVectorFile(dv, version: version, file: file) else { return }
        try insert(path, .deletionVector, version, file)
    }

    private mutating func note(_ logPath: String, _ role: FileRole, _ version: Int64, _ file: String, size: Int64? = nil) throws {
        try insert(try TablePath.resolve(logPath, version: version, file: file), role, version, file, size: size)
    }

    private mutating func insert(_ path: String, _ role: FileRole, _ version: Int64, _ file: String, size: Int64? = nil) throws {
        if path.hasPrefix(LogFolders.log) || path.hasPrefix(ReplicaLayout.folder) {
            throw ReplicationError.unsafePath(path: path, version: version, file: file)
        }
        if var existing = files[path] {
            if Self.strength(role) > Self.strength(existing.role) { existing.role = role }
            existing.version = min(existing.version, version)
            if existing.size == nil { existing.size = size }
            files[path] = existing
        } else {
            files[path] = Reference(role: role, version: version, size: size)
        }
    }

    static func strength(_ r: FileRole) -> Int {
        switch r {
        case .data: return 3
        case .deletionVector: return 2
        case .changeData: return 1
        case .tombstone: return 0
        }
    }
}

/// Where deltactl keeps its own files in a replica (ignored by Delta readers: the folder name starts with `_`).
public enum ReplicaLayout {
    /// The folder, with trailing slash.
    public static let folder = "_deltactl/"
    /// The lock (lease) file that keeps two replicate runs apart.
    public static let lockPath = "_deltactl/replicate.lock"
    /// The lineage record.
    public static let lineagePath = "_deltactl/replication.json"
}

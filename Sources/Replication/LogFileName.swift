/// The kinds of files in `_delta_log` that replication cares about (PROTOCOL.md: File Types), parsed from a
/// path relative to the table root. Pure: no I/O.
public enum LogFileName: Equatable, Sendable {
    /// `_delta_log/<v>.json`.
    case commit(version: Int64)
    /// `_delta_log/<v>.crc` (version checksum file).
    case checksum(version: Int64)
    /// `_delta_log/<v>.checkpoint.parquet` (classic; V1 or V2 spec).
    case classicCheckpoint(version: Int64)
    /// `_delta_log/<v>.checkpoint.<part>.<parts>.parquet`.
    case multiPartCheckpoint(version: Int64, part: Int, parts: Int)
    /// `_delta_log/<v>.checkpoint.<uuid>.json|parquet` (V2 spec, may reference sidecars).
    case uuidCheckpoint(version: Int64, uuid: String, isJSON: Bool)
    /// `_delta_log/<x>.<y>.compacted.json` (log compaction).
    case compaction(from: Int64, to: Int64)
    /// `_delta_log/_sidecars/<name>.parquet`.
    case sidecar(name: String)
    /// `_delta_log/_last_checkpoint`.
    case lastCheckpoint

    /// The log folder, relative to the table root.
    public static let logFolder = "_delta_log/"
    /// The sidecar folder, relative to the table root.
    public static let sidecarFolder = "_delta_log/_sidecars/"

    /// Parses a table-relative path; nil for anything that is not one of the kinds above.
    public init?(path: String) {
        guard path.hasPrefix(Self.logFolder) else { return nil }
        let name = path.dropFirst(Self.logFolder.count)
        if name == "_last_checkpoint" { self = .lastCheckpoint; return }
        if name.hasPrefix("_sidecars/") {
            let file = name.dropFirst("_sidecars/".count)
            guard !file.contains("/"), file.hasSuffix(".parquet") else { return nil }
            self = .sidecar(name: String(file)); return
        }
        if name.contains("/") { return nil }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let version = Self.version(parts[0]) else { return nil }
        switch parts.count {
        case 2 where parts[1] == "json": self = .commit(version: version)
        case 2 where parts[1] == "crc": self = .checksum(version: version)
        case 3 where parts[1] == "checkpoint" && parts[2] == "parquet": self = .classicCheckpoint(version: version)
        case 4 where parts[1] == "checkpoint" && (parts[3] == "json" || parts[3] == "parquet"):
            guard Self.isUUID(parts[2]) else { return nil }
            self = .uuidCheckpoint(version: version, uuid: String(parts[2]), isJSON: parts[3] == "json")
        case 4 where parts[2] == "compacted" && parts[3] == "json":
            guard let to = Self.version(parts[1]), to > version else { return nil }
            self = .compaction(from: version, to: to)
        case 5 where parts[1] == "checkpoint" && parts[4] == "parquet":
            guard parts[2].utf8.count == 10, parts[3].utf8.count == 10,
                  let part = Int(parts[2]), let count = Int(parts[3]), part >= 1, part <= count else { return nil }
            self = .multiPartCheckpoint(version: version, part: part, parts: count)
        default: return nil
        }
    }

    /// The version a commit, checksum or checkpoint belongs to (the end version of a compaction).
    public var version: Int64? {
        switch self {
        case .commit(let v), .checksum(let v), .classicCheckpoint(let v), .multiPartCheckpoint(let v, _, _),
             .uuidCheckpoint(let v, _, _):
            return v
        case .compaction(_, let to): return to
        case .sidecar, .lastCheckpoint: return nil
        }
    }

    /// Whether this is a checkpoint file (any kind).
    public var isCheckpoint: Bool {
        switch self {
        case .classicCheckpoint, .multiPartCheckpoint, .uuidCheckpoint: return true
        default: return false
        }
    }

    static func version(_ s: Substring) -> Int64? {
        guard s.utf8.count == 20, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int64(s)
    }

    static func isUUID(_ s: Substring) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 36 else { return false }
        for (i, c) in u.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 { if c != 45 { return false }; continue }
            let hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
            if !hex { return false }
        }
        return true
    }

    /// The 20-digit zero-padded form of a version.
    public static func padded(_ v: Int64) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, 20 - s.count)) + s
    }
}

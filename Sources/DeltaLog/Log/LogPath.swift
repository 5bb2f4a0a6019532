/// The kind of one file under `_delta_log`, parsed from its name once (PROTOCOL.md: Delta Log Entries,
/// Checkpoints, Log Compaction Files, Version Checksum File, Last Checkpoint File). Nothing downstream inspects
/// log file names as strings.
public enum LogPath: Equatable, Hashable, Sendable {
    /// How a checkpoint is laid out.
    public enum CheckpointLayout: Equatable, Hashable, Sendable {
        /// `n.checkpoint.parquet` (classic, or a V2 checkpoint with a classic name).
        case single
        /// `n.checkpoint.o.p.parquet`: part `part` (1-based) of `of` parts.
        case multiPart(part: Int, of: Int)
        /// `n.checkpoint.<uuid>.json|parquet`: a V2 checkpoint's top-level file.
        case uuid(String, CheckpointFormat)
    }

    /// The file format of a UUID-named checkpoint.
    public enum CheckpointFormat: String, Equatable, Hashable, Sendable {
        case json
        case parquet
    }

    /// `n.json`: the commit of version n.
    case commit(Version)
    /// A checkpoint (or one part of one) of version n.
    case checkpoint(Version, CheckpointLayout)
    /// `x.y.compacted.json`: the reconciled actions of commits x through y.
    case compaction(from: Version, to: Version)
    /// `n.crc`: the version checksum of version n.
    case checksum(Version)
    /// `_last_checkpoint`.
    case lastCheckpoint
    /// A file under `_delta_log/_sidecars/` (V2 checkpoint sidecar), by its name.
    case sidecar(String)
    /// Anything else (temporary files, `_commits/`, foreign files): ignored by readers.
    case unknown

    /// Parses a path relative to the table root (`_delta_log/00000000000000000003.json`) or to the log folder
    /// (`00000000000000000003.json`).
    public init(path: String) {
        // On the UTF-8 bytes: a listing parses every name of the log, and Substring searches cost more than the
        // rest of the parse.
        var copy = path
        self = copy.withUTF8 { LogPath(bytes: UnsafeRawBufferPointer($0)) }
    }

    private init(bytes all: UnsafeRawBufferPointer) {
        var rel = all[...]
        if rel.starts(with: "_delta_log/".utf8) { rel = rel.dropFirst("_delta_log/".utf8.count) }
        if rel.starts(with: "_sidecars/".utf8) {
            let name = rel.dropFirst("_sidecars/".utf8.count)
            self = name.isEmpty || name.contains(UInt8(ascii: "/")) ? .unknown
                : .sidecar(String(decoding: UnsafeRawBufferPointer(rebasing: name), as: UTF8.self))
            return
        }
        if rel.contains(UInt8(ascii: "/")) { self = .unknown; return }
        if rel.elementsEqual("_last_checkpoint".utf8) { self = .lastCheckpoint; return }
        self = LogPath.parseVersioned(Array(rel))
    }

    /// The version this file belongs to (the end version for a compaction), or nil.
    public var version: Version? {
        switch self {
        case .commit(let v), .checkpoint(let v, _), .checksum(let v): return v
        case .compaction(_, let to): return to
        case .lastCheckpoint, .sidecar, .unknown: return nil
        }
    }

    /// The file name inside `_delta_log/` for this kind (inverse of parsing; nil for `.unknown`).
    public var fileName: String? {
        switch self {
        case .commit(let v): return v.paddedName + ".json"
        case .checkpoint(let v, .single): return v.paddedName + ".checkpoint.parquet"
        case .checkpoint(let v, .multiPart(let part, let of)):
            return v.paddedName + ".checkpoint." + Self.pad(part, 10) + "." + Self.pad(of, 10) + ".parquet"
        case .checkpoint(let v, .uuid(let id, let format)): return v.paddedName + ".checkpoint." + id + "." + format.rawValue
        case .compaction(let a, let b): return a.paddedName + "." + b.paddedName + ".compacted.json"
        case .checksum(let v): return v.paddedName + ".crc"
        case .lastCheckpoint: return "_last_checkpoint"
        case .sidecar(let name): return "_sidecars/" + name
        case .unknown: return nil
        }
    }

    /// The path relative to the table root (`_delta_log/...`), nil for `.unknown`.
    public var tablePath: String? { fileName.map { "_delta_log/" + $0 } }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Parses `<20 digits>.<rest>` names.
    private static func parseVersioned(_ b: [UInt8]) -> LogPath {
        guard b.count > 21, let v = digits(b, 0, 20), b[20] == UInt8(ascii: ".") else { return .unknown }
        let version = Version(v)
        let rest = b[21...]
        if rest.elementsEqual("json".utf8) { return .commit(version) }
        if rest.elementsEqual("crc".utf8) { return .checksum(version) }
        if rest.elementsEqual("checkpoint.parquet".utf8) { return .checkpoint(version, .single) }
        // x.y.compacted.json
        if rest.count == 20 + ".compacted.json".count, let to = digits(b, 21, 20),
           b[41...].elementsEqual(".compacted.json".utf8) {
            return to >= v ? .compaction(from: version, to: Version(to)) : .unknown
        }
        let prefix = "checkpoint.".utf8
        guard rest.starts(with: prefix) else { return .unknown }
        let tail = Array(rest.dropFirst(prefix.count))
        // o.p.parquet with 10-digit part numbers
        if tail.count == 10 + 1 + 10 + ".parquet".count, let part = digits(tail, 0, 10), tail[10] == UInt8(ascii: "."),
           let of = digits(tail, 11, 10), tail[21...].elementsEqual(".parquet".utf8) {
            guard part >= 1, of >= 1, part <= of, of <= Int64(Int32.max) else { return .unknown }
            return .checkpoint(version, .multiPart(part: Int(part), of: Int(of)))
        }
        // <uuid>.json | <uuid>.parquet
        for format in [CheckpointFormat.json, .parquet] {
            let ext = Array(("." + format.rawValue).utf8)
            guard tail.count > ext.count, tail.suffix(ext.count).elementsEqual(ext) else { continue }
            let id = tail.dropLast(ext.count)
            guard id.allSatisfy({ isUUIDChar($0) }), !id.isEmpty else { return .unknown }
            return .checkpoint(version, .uuid(String(decoding: id, as: UTF8.self), format))
        }
        return .unknown
    }

    private static func isUUIDChar(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c == UInt8(ascii: "-")
    }

    private static func digits<C: Collection>(_ b: C, _ start: Int, _ count: Int) -> Int64?
    where C.Element == UInt8, C.Index == Int {
        guard b.startIndex + start + count <= b.endIndex else { return nil }
        var n: Int64 = 0
        for i in (b.startIndex + start)..<(b.startIndex + start + count) {
            let c = b[i]
            guard c >= 48 && c <= 57 else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(c - 48))
            guard !o1, !o2 else { return nil }
            n = s
        }
        return n
    }
}

/// A listed log file: its parsed kind plus what the listing said (path relative to the table root, size, time).
public struct LogFile: Equatable, Hashable, Sendable {
    /// The parsed kind.
    public var kind: LogPath
    /// The path relative to the table root (`_delta_log/...`).
    public var path: String
    /// Size in bytes.
    public var size: Int64
    /// Modification time in milliseconds since the epoch (the commit timestamp of a commit file).
    public var modifiedMillis: Int64

    /// Creates a log file entry.
    public init(kind: LogPath, path: String, size: Int64, modifiedMillis: Int64) {
        self.kind = kind
        self.path = path
        self.size = size
        self.modifiedMillis = modifiedMillis
    }

    /// Builds entries from a storage listing of `_delta_log/`.
    public init(_ info: ObjectInfoLike) {
        self.init(kind: LogPath(path: info.path), path: info.path, size: info.size, modifiedMillis: info.modifiedMillis)
    }

    /// The version this file belongs to, if any.
    public var version: Version? { kind.version }
}

/// What a listing entry provides (Storage's `ObjectInfo` conforms).
public protocol ObjectInfoLike {
    /// Path relative to the table root.
    var path: String { get }
    /// Size in bytes.
    var size: Int64 { get }
    /// Modification time in milliseconds since the epoch.
    var modifiedMillis: Int64 { get }
}

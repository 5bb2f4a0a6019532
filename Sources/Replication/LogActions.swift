import DeltaLog
import Storage

/// Parses newline-delimited JSON log files (commits, JSON checkpoints) into actions. Pure.
public enum LogActions {
    static let fileActionKeys: Set<String> = ["add", "remove", "cdc", "sidecar"]

    /// Decodes every non-empty line of `bytes`; `file` locates errors (with line and byte offset). Uses DeltaLog's
    /// fast commit parser, and falls back to a line-by-line decode that keeps undecodable non-file actions raw.
    public static func parse(_ bytes: [UInt8], file: String) throws -> [Action] {
        if let fast = try? CommitFileParser.parse(bytes, file: file) { return fast }
        return try parseLeniently(bytes, file: file)
    }

    /// The line-by-line decode: file actions must decode; other actions that do not are kept as `.unknown`.
    static func parseLeniently(_ bytes: [UInt8], file: String) throws -> [Action] {
        var actions: [Action] = []
        var start = 0
        var line = 0
        let n = bytes.count
        try bytes.withUnsafeBytes { raw in
            while start < n {
                var end = start
                while end < n && raw[end] != 10 { end += 1 }
                line += 1
                var lineEnd = end
                if lineEnd > start && raw[lineEnd - 1] == 13 { lineEnd -= 1 }
                var blank = true
                for i in start..<lineEnd where raw[i] != 32 && raw[i] != 9 { blank = false; break }
                if !blank {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start..<lineEnd])
                    let json: JSONValue
                    do { json = try JSONParser.parse(slice) } catch let e as JSONParseError {
                        throw ReplicationError.malformedLog(
                            file: file, reason: "line \(line), byte offset \(start + e.byteOffset): \(e.reason)")
                    }
                    do { actions.append(try Action(json: json, file: file, line: line)) } catch let e as DeltaError {
                        // File actions decide what is copied: they must decode. Others (a metaData without a
                        // schemaString in old logs) are kept raw: replication copies the log byte for byte.
                        guard let (key, body) = json.objectValue?.first, !fileActionKeys.contains(key) else {
                            throw ReplicationError.malformedLog(file: file, reason: e.description)
                        }
                        actions.append(.unknown(key, body))
                    }
                }
                start = end + 1
            }
        }
        return actions
    }
}

/// Reads the actions of one checkpoint file (a single part or a V2 top-level file, without following sidecars)
/// or of one sidecar. The replication planner needs them for the earliest checkpoint's files and for the sidecars
/// a V2 checkpoint references.
public protocol CheckpointReader: Sendable {
    /// The actions stored in `path` (a checkpoint part, a V2 checkpoint or a sidecar) of `storage`.
    func actions(of path: String, in storage: Storage) throws -> [Action]
}

/// A ``CheckpointReader`` for JSON checkpoints (UUID-named V2 `.json`); Parquet checkpoints need a Parquet-capable
/// reader and are refused by name.
public struct JSONCheckpointReader: CheckpointReader {
    /// Creates the reader.
    public init() {}

    public func actions(of path: String, in storage: Storage) throws -> [Action] {
        guard path.hasSuffix(".json") else {
            throw ReplicationError.unreadableCheckpoint(file: path, reason: "Parquet checkpoints need the Parquet checkpoint reader")
        }
        return try LogActions.parse(try wrapStorage { try storage.read(path) }, file: path)
    }
}

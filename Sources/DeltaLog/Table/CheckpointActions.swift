import Storage

/// Reads the actions of a checkpoint (PROTOCOL.md: Checkpoints): classic single and multi-part Parquet files,
/// V2 top-level files (JSON or Parquet) and their sidecars under `_delta_log/_sidecars/`. Batches are handed to
/// the caller one file at a time so that memory stays bounded.
struct CheckpointActions {
    let storage: Storage

    func forEachBatch(of checkpoint: LogSegment.Checkpoint, _ body: ([Action]) throws -> Void) throws {
        for file in checkpoint.files {
            let actions = try readFile(file.path, kind: file.kind)
            try body(actions)
            for case .sidecar(let sidecar) in actions {
                let decoded = DataFilePath.percentDecode(sidecar.path)
                guard !decoded.contains("/"), !decoded.isEmpty, decoded != "..", decoded != "." else {
                    throw DeltaError.invalidCheckpoint(file: file.path, reason: "sidecar path '\(sidecar.path)' is not a file name")
                }
                let path = "_delta_log/_sidecars/" + decoded
                try body(try readFile(path, kind: .sidecar(decoded)))
            }
        }
    }

    private func readFile(_ path: String, kind: LogPath) throws -> [Action] {
        let bytes: [UInt8]
        do { bytes = try storage.read(path) } catch {
            throw DeltaError.invalidCheckpoint(file: path, reason: "unreadable (\(error))")
        }
        if Self.isJSON(kind, path: path) {
            do { return try CommitFileParser.parse(bytes, file: path) } catch let e as DeltaError {
                throw DeltaError.invalidCheckpoint(file: path, reason: "\(e)")
            }
        }
        return try ParquetCheckpointDecoder.decode(bytes, file: path)
    }

    /// V2 top-level checkpoints and sidecars may be JSON (commit-line format); everything else is Parquet.
    private static func isJSON(_ kind: LogPath, path: String) -> Bool {
        switch kind {
        case .checkpoint(_, .uuid(_, .json)): return true
        case .sidecar: return path.hasSuffix(".json")
        default: return false
        }
    }
}

import Parquet
import Storage

/// Reads the actions of a checkpoint (PROTOCOL.md: Checkpoints): classic single and multi-part Parquet files,
/// V2 top-level files (JSON or Parquet) and their sidecars under `_delta_log/_sidecars/`. Batches are handed to
/// the caller one file at a time so that memory stays bounded.
struct CheckpointActions {
    let storage: Storage

    func forEachBatch(of checkpoint: LogSegment.Checkpoint, _ body: (consuming CheckpointBatch) throws -> Void) throws {
        for file in checkpoint.files {
            let batch = try readFile(file.path, kind: file.kind, size: file.size)
            let sidecars = batch.others.compactMap { a -> SidecarFile? in
                if case .sidecar(let s) = a { return s }
                return nil
            }
            try body(batch)
            for sidecar in sidecars {
                let decoded = DataFilePath.percentDecode(sidecar.path)
                guard !decoded.contains("/"), !decoded.isEmpty, decoded != "..", decoded != "." else {
                    throw DeltaError.invalidCheckpoint(file: file.path, reason: "sidecar path '\(sidecar.path)' is not a file name")
                }
                let path = "_delta_log/_sidecars/" + decoded
                try body(try readFile(path, kind: .sidecar(decoded), size: nil))
            }
        }
    }

    private func readFile(_ path: String, kind: LogPath, size: Int64?) throws -> CheckpointBatch {
        if !Self.isJSON(kind, path: path) {
            // Parquet: decoded in place from a mapping (local files), else read by column chunk through ranged
            // reads; never copied whole into memory.
            let source: ParquetByteSource
            do {
                if let mappable = storage as? MappableStorage {
                    source = MappedByteSource(file: try mappable.mapFile(path))
                } else {
                    source = StorageByteSource(storage: storage, path: path, size: Int(try size ?? storage.head(path).size))
                }
            } catch {
                throw DeltaError.invalidCheckpoint(file: path, reason: "unreadable (\(error))")
            }
            do { return try ParquetCheckpointDecoder.decodeBatch(source, file: path) } catch let e as DeltaError {
                throw e
            } catch {
                throw DeltaError.invalidCheckpoint(file: path, reason: "\(error)")
            }
        }
        let bytes: [UInt8]
        do { bytes = try storage.read(path) } catch {
            throw DeltaError.invalidCheckpoint(file: path, reason: "unreadable (\(error))")
        }
        do {
            return CheckpointBatch(try CommitFileParser.parse(bytes, file: path))
        } catch let e as DeltaError {
            throw DeltaError.invalidCheckpoint(file: path, reason: "\(e)")
        }
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

import DeltaLog
import Storage

/// Writes a replica's `_delta_log/_last_checkpoint` for the newest complete checkpoint the replica holds
/// (PROTOCOL.md: Last Checkpoint File Schema). The source's file is reused byte for byte only when it describes
/// that same checkpoint (same version, same parts, the V2 file it names present); otherwise a new one is made
/// from the checkpoint's contents.
struct LastCheckpointWriter {
    let source: Storage
    let target: Storage
    let reader: CheckpointReader
    static let path = "_delta_log/_last_checkpoint"

    /// Writes the file when it changes; returns the version it points to (nil when the replica has no checkpoint, or
    /// none whose actions can be counted: the file is only a hint, readers list the log).
    func update() throws -> Int64? {
        let inventory = LogInventory(listing: try wrapStorage { try target.list(prefix: LogFolders.log) })
        guard let newest = inventory.newestCheckpoint(atOrBefore: Int64.max) else { return nil }
        let sets = inventory.checkpoints[newest.version.rawValue] ?? [newest]
        var bytes = sourceFile(for: sets)
        for set in sets where bytes == nil { bytes = try? generated(set, inventory: inventory).jsonBytes }
        guard let bytes else { return nil }
        if let current = try? target.read(Self.path), current == bytes { return newest.version.rawValue }
        try wrapStorage { try target.put(Self.path, bytes) }
        return newest.version.rawValue
    }

    /// The source's `_last_checkpoint` when it names one of `sets`.
    private func sourceFile(for sets: [LogSegment.Checkpoint]) -> [UInt8]? {
        guard let bytes = try? source.read(Self.path), let hint = try? LastCheckpoint(bytes: bytes),
              hint.version == sets.first?.version else { return nil }
        if let v2 = hint.v2Checkpoint?["path"]?.stringValue {
            return sets.contains { $0.path == LogFolders.log + v2 } ? bytes : nil
        }
        return sets.contains { $0.parts == hint.parts && !$0.isUUIDNamed } ? bytes : nil
    }

    /// A new record for `set`: version, size (action count, sidecars included), parts, sizeInBytes, numOfAddFiles.
    private func generated(_ set: LogSegment.Checkpoint, inventory: LogInventory) throws -> LastCheckpoint {
        var actions: [Action] = []
        for f in set.files { actions += try reader.actions(of: f.path, in: target) }
        var sidecarBytes: Int64 = 0
        for case .sidecar(let s) in actions {
            let name = s.path.split(separator: "/").last.map(String.init) ?? s.path
            actions += try reader.actions(of: LogFolders.sidecars + name, in: target)
            sidecarBytes += inventory.sidecar(named: name)?.size ?? 0
        }
        let adds = actions.reduce(Int64(0)) { n, a in if case .add = a { return n + 1 }; return n }
        return LastCheckpoint(version: set.version, size: Int64(actions.count), parts: set.parts,
                              sizeInBytes: set.sizeInBytes + sidecarBytes, numOfAddFiles: adds)
    }
}

import DeltaLog
import Storage

/// Writes a replica's `_delta_log/_last_checkpoint` for the newest complete checkpoint the replica holds
/// (PROTOCOL.md: Last Checkpoint File Schema). The source's file is reused byte for byte only when it describes
/// that same checkpoint; otherwise a new one is made from the checkpoint's contents.
struct LastCheckpointWriter {
    let source: Storage
    let target: Storage
    let reader: CheckpointReader
    static let path = "_delta_log/_last_checkpoint"

    /// Writes the file when it changes; returns the version it points to (nil when the replica has no checkpoint, or
    /// none whose actions can be counted).
    func update() throws -> Int64? {
        let inventory = LogInventory(listing: try wrapStorage { try target.list(prefix: LogFileName.logFolder) })
        guard let newest = inventory.newestCheckpoint(atOrBefore: Int64.max) else { return nil }
        let sets = inventory.checkpoints[newest.version] ?? [newest]
        var bytes = sourceFile(for: sets, inventory: inventory)
        if bytes == nil {
            for set in sets where bytes == nil { bytes = try? generated(set, inventory: inventory) }
        }
        // Without a readable checkpoint the file is left as it is: it is only a hint, and readers list the log.
        guard let bytes else { return nil }
        if let current = try? target.read(Self.path), current == bytes { return newest.version }
        try wrapStorage { try target.put(Self.path, bytes) }
        return newest.version
    }

    /// The source's `_last_checkpoint` when it names one of `sets` (same version, same parts, V2 file present).
    private func sourceFile(for sets: [CheckpointFiles], inventory: LogInventory) -> [UInt8]? {
        guard let bytes = try? source.read(Self.path), let json = try? JSONParser.parse(bytes),
              let version = json["version"]?.int64Value, version == sets.first?.version, json["size"]?.int64Value != nil else {
            return nil
        }
        let parts = json["parts"]?.int64Value.map(Int.init)
        if let v2 = json["v2Checkpoint"]?["path"]?.stringValue {
            return sets.contains { $0.files[0].path == LogFileName.logFolder + v2 } ? bytes : nil
        }
        return sets.contains { $0.parts == parts && !$0.isUUIDNamed } ? bytes : nil
    }

    /// A new `_last_checkpoint` for `set`: version, size (action count), parts, sizeInBytes, numOfAddFiles.
    private func generated(_ set: CheckpointFiles, inventory: LogInventory) throws -> [UInt8] {
        var actions: [Action] = []
        for f in set.files { actions += try reader.actions(of: f.path, in: target) }
        var sidecarBytes: Int64 = 0
        for case .sidecar(let s) in actions {
            let name = s.path.split(separator: "/").last.map(String.init) ?? s.path
            actions += try reader.actions(of: LogFileName.sidecarFolder + name, in: target)
            sidecarBytes += inventory.sidecars[name]?.size ?? 0
        }
        let adds = actions.reduce(0) { n, a in if case .add = a { return n + 1 }; return n }
        var fields: [(String, JSONValue)] = [("version", .int(set.version)), ("size", .int(actions.count))]
        if let p = set.parts { fields.append(("parts", .int(p))) }
        fields.append(("sizeInBytes", .int(set.sizeInBytes + sidecarBytes)))
        fields.append(("numOfAddFiles", .int(adds)))
        return Array(JSONWriter.serialize(.object(fields)).utf8)
    }
}

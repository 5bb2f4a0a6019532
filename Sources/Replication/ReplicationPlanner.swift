import DeltaLog
import Storage

/// Computes a ``ReplicationPlan`` from a source table: which log files (commits, checksums, checkpoints, sidecars,
/// compactions) and which data, deletion-vector and change-data files make up versions `fromVersion...toVersion`.
/// Reads only the source (through ``Storage``), so it runs against `MemoryStorage` in tests.
public struct ReplicationPlanner {
    /// The table to plan from.
    public let source: Storage
    /// Reads checkpoints and sidecars (JSON ones built in; Parquet ones through the Delta log reader).
    public let checkpointReader: CheckpointReader

    /// Threads reading and parsing commits.
    public var parallelism: Int

    /// Creates a planner for `source`.
    public init(source: Storage, checkpointReader: CheckpointReader = DeltaCheckpointReader(), parallelism: Int = 2) {
        self.source = source
        self.checkpointReader = checkpointReader
        self.parallelism = parallelism
    }

    /// Plans replication up to `version` (the latest when nil).
    public func plan(version: Int64? = nil) throws -> ReplicationPlan {
        let logListing = try wrapStorage { try source.list(prefix: LogFolders.log) }
        let inventory = LogInventory(listing: logListing)
        guard let latest = inventory.latestVersion else { throw ReplicationError.notATable(location: source.rootURI) }
        let target = version ?? latest
        guard target >= 0, target <= latest else { throw ReplicationError.versionNotFound(requested: target, latest: latest) }
        guard let from = inventory.earliestReconstructible(upTo: target) else {
            throw ReplicationError.notReconstructible(
                version: target, reason: "commits are missing and no checkpoint at or before it is followed by contiguous commits")
        }
        let fromCheckpoint = from > 0 || inventory.commit(0) == nil

        var refs = ReferenceCollector()
        var replay = TableReplay()
        var states: [VersionState] = []
        var sidecarsOf: [String: [String]] = [:]  // checkpoint first-file path -> sidecar paths
        var skipped: [String] = []

        if fromCheckpoint {
            let sets = (inventory.checkpoints[from] ?? []).sorted { rank($0) < rank($1) }
            var loaded = false
            var lastError: Error?
            for set in sets where !loaded {
                do {
                    let (actions, sidecars) = try readCheckpoint(set, inventory: inventory)
                    try refs.collect(actions, version: from, file: set.path)
                    replay.apply(actions)
                    sidecarsOf[set.path] = sidecars
                    loaded = true
                } catch let e as ReplicationError {
                    if case .unsafePath = e { throw e }
                    lastError = e
                }
            }
            guard loaded else {
                throw lastError ?? ReplicationError.notReconstructible(version: from, reason: "no readable checkpoint")
            }
            states.append(replay.state(version: from))
            // The starting version's own commit, when kept, is copied too: the files it names (its change data,
            // its tombstones) belong to the replica (the checkpoint already holds its effect on the state).
            if let info = inventory.commit(from) {
                try refs.collect(try LogActions.parse(try wrapStorage { try source.read(info.path) }, file: info.path),
                                 version: from, file: info.path)
            }
        }
        let firstCommit = fromCheckpoint ? from + 1 : 0
        if firstCommit <= target {
            var infos: [LogFile] = []
            for v in firstCommit...target {
                guard let info = inventory.commit(v) else { throw ReplicationError.notReconstructible(version: v, reason: "commit missing") }
                infos.append(info)
            }
            // Commits are read and parsed in parallel, a window at a time (bounded memory), and applied in order.
            let window = 256
            var start = 0
            while start < infos.count {
                let chunk = Array(infos[start..<min(start + window, infos.count)])
                let parsed = ParallelResults<[Action]>(count: chunk.count)
                let src = source
                try Parallel.run(count: chunk.count, parallelism: parallelism) { i in
                    parsed.set(i, .success(try LogActions.parse(try wrapStorage { try src.read(chunk[i].path) }, file: chunk[i].path)))
                }
                for (i, info) in chunk.enumerated() {
                    let v = firstCommit + Int64(start + i)
                    let actions = try parsed.value(i)
                    try refs.collect(actions, version: v, file: info.path)
                    replay.apply(actions)
                    states.append(replay.state(version: v))
                }
                start += window
            }
        }

        // Sidecars of every other checkpoint in range; unreadable V2 checkpoints are left out (commits cover them).
        var checkpointsInRange: [Int64: [LogSegment.Checkpoint]] = [:]
        for (v, sets) in inventory.checkpoints where v >= from && v <= target {
            for set in sets {
                if sidecarsOf[set.path] != nil { checkpointsInRange[v, default: []].append(set); continue }
                let state = states[Int(v - from)]
                let mayHaveSidecars = set.isUUIDNamed
                    || (set.parts == nil && (state.protocolAction?.readerFeatures ?? []).contains("v2Checkpoint"))
                if !mayHaveSidecars { checkpointsInRange[v, default: []].append(set); continue }
                do {
                    let top = try checkpointReader.actions(of: set.path, in: source)
                    sidecarsOf[set.path] = try sidecarPaths(top, file: set.path, inventory: inventory)
                    checkpointsInRange[v, default: []].append(set)
                } catch let e as ReplicationError {
                    if case .unsafePath = e { throw e }
                    if v == from && fromCheckpoint { throw e }
                    skipped.append(set.path)
                }
            }
        }

        // Publish order.
        var logFiles: [LogFileItem] = []
        func addCheckpoints(_ v: Int64) {
            for set in (checkpointsInRange[v] ?? []).sorted(by: { $0.files[0].path < $1.files[0].path }) {
                for sidecar in sidecarsOf[set.path] ?? [] {
                    if let info = inventory.sidecar(named: String(sidecar.dropFirst(LogFolders.sidecars.count))),
                       !logFiles.contains(where: { $0.path == sidecar }) {
                        logFiles.append(LogFileItem(path: info.path, size: info.size, version: nil, modifiedMillis: info.modifiedMillis))
                    }
                }
                for f in set.files { logFiles.append(LogFileItem(path: f.path, size: f.size, version: v, modifiedMillis: f.modifiedMillis)) }
            }
        }
        for v in from...target {
            let startsHere = v == from && fromCheckpoint
            if startsHere { addCheckpoints(v) }
            if let c = inventory.commit(v) { logFiles.append(LogFileItem(path: c.path, size: c.size, version: v, modifiedMillis: c.modifiedMillis)) }
            if let c = inventory.checksum(v) { logFiles.append(LogFileItem(path: c.path, size: c.size, version: v, modifiedMillis: c.modifiedMillis)) }
            for comp in inventory.compactions where comp.to == v && comp.from >= from {
                logFiles.append(LogFileItem(path: comp.file.path, size: comp.file.size, version: v, modifiedMillis: comp.file.modifiedMillis))
            }
            if !startsHere { addCheckpoints(v) }
        }

        // Data files: sizes from one listing of the source; what is live at the target must exist.
        var sizes: [String: Int64] = [:]
        for info in try wrapStorage({ try source.list(prefix: "") }) where !info.path.hasPrefix(LogFolders.log) {
            sizes[info.path] = info.size
        }
        var required = Set<String>()
        for file in replay.liveFiles {
            required.insert(try TablePath.resolve(file.path, version: target, file: "version \(target)"))
            if let dv = file.deletionVector, let p = try TablePath.deletionVectorFile(dv, version: target, file: "version \(target)") {
                required.insert(p)
            }
        }
        var dataFiles: [DataFileItem] = []
        var missing: [MissingFile] = []
        for (path, ref) in refs.files.sorted(by: { $0.key < $1.key }) {
            if let size = sizes[path] {
                if let expected = ref.size, expected != size {
                    throw ReplicationError.damagedSourceFile(path: path, expected: expected, actual: size, version: ref.version)
                }
                dataFiles.append(DataFileItem(path: path, size: size, role: ref.role, version: ref.version))
            } else if required.contains(path) {
                throw ReplicationError.missingSourceFile(path: path, version: target)
            } else {
                missing.append(MissingFile(path: path, role: ref.role, version: ref.version))
            }
        }
        let newest = inventory.checkpoints.keys.filter { $0 >= from && $0 <= target && checkpointsInRange[$0] != nil }.max()
        var plan = ReplicationPlan(
            sourceURI: source.rootURI, tableId: replay.metadata?.id, fromVersion: from, toVersion: target,
            latestVersion: latest, logFiles: logFiles, dataFiles: dataFiles, missingInSource: missing,
            skippedCheckpoints: skipped, states: states,
            newestCheckpoint: newest.flatMap { checkpointsInRange[$0]?.first })
        for info in logListing { plan.sourceLogSizes[info.path] = info.size }
        return plan
    }

    /// Which checkpoint of the starting version to read first: JSON V2 (readable without Parquet), then classic,
    /// then multi-part, then Parquet V2.
    private func rank(_ c: LogSegment.Checkpoint) -> Int {
        if c.isJSON { return 0 }
        if c.isUUIDNamed { return 3 }
        return c.parts == nil ? 1 : 2
    }

    /// Reads a whole checkpoint (all parts, and the sidecars of a V2 one); returns its actions and sidecar paths.
    private func readCheckpoint(_ set: LogSegment.Checkpoint, inventory: LogInventory) throws -> ([Action], [String]) {
        var actions: [Action] = []
        for f in set.files { actions += try checkpointReader.actions(of: f.path, in: source) }
        let sidecars = try sidecarPaths(actions, file: set.path, inventory: inventory)
        for s in sidecars { actions += try checkpointReader.actions(of: s, in: source) }
        return (actions, sidecars)
    }

    /// The table-relative paths of the sidecars a V2 checkpoint names (they must live in `_delta_log/_sidecars`).
    private func sidecarPaths(_ actions: [Action], file: String, inventory: LogInventory) throws -> [String] {
        var paths: [String] = []
        for case .sidecar(let s) in actions {
            let sidecarPath = DataFilePath(uri: s.path)
            guard !sidecarPath.isAbsolute else { throw ReplicationError.unsafePath(path: s.path, version: nil, file: file) }
            let decoded = sidecarPath.decoded
            let name = decoded.hasPrefix(LogFolders.sidecars) ? String(decoded.dropFirst(LogFolders.sidecars.count)) : decoded
            guard !name.contains("/"), (try? StoragePath.validate(name)) != nil else {
                throw ReplicationError.unsafePath(path: s.path, version: nil, file: file)
            }
            guard inventory.sidecar(named: name) != nil else {
                throw ReplicationError.unreadableCheckpoint(file: file, reason: "sidecar \(name) is missing")
            }
            paths.append(LogFolders.sidecars + name)
        }
        return paths
    }
}

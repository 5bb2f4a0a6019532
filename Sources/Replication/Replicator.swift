import DeltaLog
import Foundation
import Storage

/// Settings of a replicate run.
public struct ReplicationOptions: Sendable {
    /// The version to replicate up to (the source's latest when nil).
    public var version: Int64?
    /// Plan and report without writing.
    public var dryRun = false
    /// Concurrent data-file copies.
    public var parallelism = 8
    /// Seconds without heartbeat after which another run's lock is taken over.
    public var lockStaleAfter: Double = 300
    /// The deltactl version recorded in the lineage record.
    public var deltactlVersion = "unknown"
    /// Reads checkpoints and sidecars.
    public var checkpointReader: CheckpointReader = DeltaCheckpointReader()
    /// Between two local roots, copy data files without a per-file fsync and make them durable with one barrier
    /// before the log is published (see ``LocalBulkCopier``); otherwise every copy is durable on its own.
    public var deferDataSync = true
    /// Receives progress of the data copy (throttled).
    public var progress: (@Sendable (ProgressSnapshot) -> Void)?

    /// Default options.
    public init() {}
}

/// Replicates a Delta table file-for-file from one storage root to another, up to a version:
/// data files first (in parallel), then log files in ascending version with put-if-absent, `_last_checkpoint`
/// last, then the lineage record. Refuses a diverged replica before writing anything.
public struct Replicator {
    /// The source table's root.
    public let source: Storage
    /// The replica's root.
    public let target: Storage
    /// Settings.
    public let options: ReplicationOptions

    /// Creates a replicator.
    public init(source: Storage, target: Storage, options: ReplicationOptions = ReplicationOptions()) {
        self.source = source; self.target = target; self.options = options
    }

    /// Runs the replication (or the dry run) and reports what it did.
    public func run() throws -> ReplicationReport {
        let started = Date()
        let startedISO = LineageRecord.now()
        try Self.checkSeparate(source, target)
        let plan = try ReplicationPlanner(source: source, checkpointReader: options.checkpointReader).plan(version: options.version)
        var report = ReplicationReport(source: source.rootURI, target: target.rootURI, fromVersion: plan.fromVersion,
                                       toVersion: plan.toVersion, dryRun: options.dryRun)
        report.missingInSource = plan.missingInSource
        report.skippedCheckpoints = plan.skippedCheckpoints
        report.planSeconds = Date().timeIntervalSince(started)

        let lock = options.dryRun ? nil : try ReplicationLock.acquire(target, staleAfter: options.lockStaleAfter)
        defer { try? lock?.release() }

        var existing: [String: Int64] = [:]
        for info in try wrapStorage({ try target.list(prefix: "") }) { existing[info.path] = info.size }
        try DivergenceCheck(source: source, target: target, targetSizes: existing).run(plan: plan)

        // Files present with the right size are skipped when the lineage record vouches for them (same size, and
        // a checksum from the run that copied them); others (left by an interrupted run) are compared by SHA-256.
        // An unreadable record vouches for nothing (every present file is then checked) and is rewritten at the end.
        let lineage = (try? LineageRecord.load(from: target)) ?? nil
        var dataJobs: [DataJob] = []
        for d in plan.dataFiles {
            if existing[d.path] != d.size {
                dataJobs.append(DataJob(item: d, check: false))
            } else if lineage?.files[d.path]?.size == d.size {
                report.dataSkipped.add(d.size ?? 0)
            } else {
                dataJobs.append(DataJob(item: d, check: true))
            }
        }
        let logToCopy = plan.logFiles.filter { existing[$0.path] == nil }
        for l in plan.logFiles where existing[l.path] != nil { report.logSkipped.add(l.size) }
        report.copiedPaths = dataJobs.filter { !$0.check }.map(\.item.path) + logToCopy.map(\.path)

        if options.dryRun {
            for j in dataJobs {
                if j.check { report.dataSkipped.add(j.item.size ?? 0) } else { report.dataCopied.add(j.item.size ?? 0) }
            }
            for l in logToCopy { report.logCopied.add(l.size) }
            report.lastCheckpointVersion = plan.newestCheckpoint?.version.rawValue
            report.totalSeconds = Date().timeIntervalSince(started)
            return report
        }
        guard let lock else { return report }
        let hashes = HashBook()

        // 1. Data, deletion-vector and change-data files, in parallel; durable before any commit names them.
        let dataStart = Date()
        let meter = ProgressMeter(totalFiles: dataJobs.count, totalBytes: dataJobs.reduce(0) { $0 + ($1.item.size ?? 0) },
                                  sink: options.progress)
        let (src, dst, jobs) = (source, target, dataJobs)
        let local = LocalBulkCopier(source: source, target: target)
        let bulk = options.deferDataSync ? local : nil
        try Parallel.run(count: dataJobs.count, parallelism: options.parallelism) { i in
            let job = jobs[i]
            let size = job.item.size ?? 0
            if job.check {
                let a = try wrapStorage { try FileHasher.sha256(src, job.item.path, size: size) }
                let b = try wrapStorage { try FileHasher.sha256(dst, job.item.path, size: size) }
                if a == b {
                    hashes.set(job.item.path, size: size, sha: b, copied: false)
                    meter.advance(bytes: size)
                    return
                }
            }
            let copied: (size: Int64, sha256: String)
            if let bulk {
                copied = try bulk.copy(job.item.path)
            } else {
                try wrapStorage { try dst.copy(from: src, sourcePath: job.item.path, to: job.item.path) }
                let info = try wrapStorage { try dst.head(job.item.path) }
                copied = (info.size, try wrapStorage { try FileHasher.sha256(dst, job.item.path, size: info.size) })
            }
            guard copied.size == size else {
                throw ReplicationError.storage(.io(operation: "copy", path: job.item.path, errno: 0,
                                                   message: "copied \(copied.size) bytes, expected \(size) (the source changed?)"))
            }
            hashes.set(job.item.path, size: size, sha: copied.sha256, copied: true)
            meter.advance(bytes: size)
            try lock.heartbeatIfDue()
        }
        if let bulk, !dataJobs.isEmpty { try bulk.barrier() }
        for j in dataJobs {
            if hashes.wasCopied(j.item.path) { report.dataCopied.add(j.item.size ?? 0) } else { report.dataSkipped.add(j.item.size ?? 0) }
        }
        report.dataSeconds = Date().timeIntervalSince(dataStart)

        // 2. Log files in publish order, each with put-if-absent.
        let logStart = Date()
        for item in logToCopy {
            let bytes = try wrapStorage { try source.read(item.path) }
            do {
                try target.putIfAbsent(item.path, bytes)
                report.logCopied.add(Int64(bytes.count))
            } catch StorageError.alreadyExists {
                let present = try wrapStorage { try target.read(item.path) }
                guard present == bytes else {
                    throw ReplicationError.diverged(version: item.version, file: item.path,
                                                    reason: "a different file appeared in the replica during the run")
                }
                report.logSkipped.add(Int64(bytes.count))
            } catch let e as StorageError { throw ReplicationError.storage(e) }
            hashes.set(item.path, size: Int64(bytes.count), sha: FileHasher.sha256(bytes), copied: true)
            try lock.heartbeatIfDue()
        }

        // Commit times: readers without in-commit timestamps date a version by its commit file's modification time.
        if let local {
            var held: [String: Int64] = [:]
            for info in try wrapStorage({ try target.list(prefix: LogFolders.log) }) { held[info.path] = info.modifiedMillis }
            for item in plan.logFiles where item.modifiedMillis > 0 && held[item.path] != item.modifiedMillis {
                try local.setModificationTime(item.path, millis: item.modifiedMillis)
            }
        }

        // 3. `_last_checkpoint` for the newest checkpoint the replica holds.
        report.lastCheckpointVersion = try LastCheckpointWriter(source: source, target: target,
                                                                reader: options.checkpointReader).update()
        report.logSeconds = Date().timeIntervalSince(logStart)

        // 4. The lineage record.
        try lock.checkOwnership()
        try writeLineage(plan: plan, report: report, lineage: lineage, hashes: hashes, startedAt: startedISO)
        report.totalSeconds = Date().timeIntervalSince(started)
        return report
    }

    /// Refuses a replica that is the source, or inside it, or that contains it.
    static func checkSeparate(_ source: Storage, _ target: Storage) throws {
        let overlap: Bool
        if let a = source as? LocalStorage, let b = target as? LocalStorage {
            let (x, y) = (a.rootPath == "/" ? "/" : a.rootPath + "/", b.rootPath == "/" ? "/" : b.rootPath + "/")
            overlap = x.hasPrefix(y) || y.hasPrefix(x)
        } else {
            overlap = (source as AnyObject) === (target as AnyObject)
        }
        if overlap { throw ReplicationError.overlappingLocations(source: source.rootURI, target: target.rootURI) }
    }

    private func writeLineage(plan: ReplicationPlan, report: ReplicationReport, lineage: LineageRecord?, hashes: HashBook,
                              startedAt: String) throws {
        var record = lineage ?? LineageRecord(
            sourceURI: source.rootURI, tableId: plan.tableId, fromVersion: plan.fromVersion, toVersion: plan.toVersion,
            replicatedAt: startedAt, deltactlVersion: options.deltactlVersion, runs: [], files: [:])
        var files = record.files
        for (path, entry) in hashes.all { files[path] = entry }
        // Files present from an interrupted earlier run carry no checksum yet: hash what the replica holds.
        for d in plan.dataFiles where files[d.path] == nil {
            let size = d.size ?? 0
            files[d.path] = .init(size: size, sha256: try wrapStorage { try FileHasher.sha256(target, d.path, size: size) })
        }
        for l in plan.logFiles where files[l.path] == nil {
            files[l.path] = .init(size: l.size, sha256: FileHasher.sha256(try wrapStorage { try target.read(l.path) }))
        }
        record.sourceURI = source.rootURI
        record.tableId = plan.tableId
        record.fromVersion = min(record.runs.isEmpty ? plan.fromVersion : record.fromVersion, plan.fromVersion)
        record.toVersion = max(record.runs.isEmpty ? plan.toVersion : record.toVersion, plan.toVersion)
        record.replicatedAt = startedAt
        record.deltactlVersion = options.deltactlVersion
        record.runs.append(.init(startedAt: startedAt, fromVersion: plan.fromVersion, toVersion: plan.toVersion,
                                 filesCopied: report.dataCopied.files + report.logCopied.files,
                                 bytesCopied: report.dataCopied.bytes + report.logCopied.bytes,
                                 deltactlVersion: options.deltactlVersion))
        record.files = files
        try wrapStorage { try target.put(ReplicaLayout.lineagePath, Array(record.jsonText.utf8)) }
    }
}

/// One data file to copy, or (`check`) to compare by checksum first because no lineage entry vouches for it.
struct DataJob: Sendable {
    var item: DataFileItem
    var check: Bool
}

/// Thread-safe collection of file checksums made during a run, and which files were copied.
final class HashBook: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: LineageRecord.FileEntry] = [:]
    private var copiedPaths = Set<String>()
    func set(_ path: String, size: Int64, sha: String, copied: Bool) {
        lock.lock(); entries[path] = .init(size: size, sha256: sha); if copied { copiedPaths.insert(path) }; lock.unlock()
    }
    func wasCopied(_ path: String) -> Bool { lock.lock(); defer { lock.unlock() }; return copiedPaths.contains(path) }
    var all: [String: LineageRecord.FileEntry] { lock.lock(); defer { lock.unlock() }; return entries }
}

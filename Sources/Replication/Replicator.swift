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
    /// Seconds after which a temporary file left anywhere in the replica (by a killed run: staged log files are
    /// temporary files until published, copies are until complete) is removed by the next run; the files of a writer
    /// known to be gone (a process of this host that no longer exists) are removed at once.
    public var temporaryFileGrace: Double = 60
    /// The deltactl version recorded in the lineage record.
    public var deltactlVersion = "unknown"
    /// Reads checkpoints and sidecars.
    public var checkpointReader: CheckpointReader = DeltaCheckpointReader()
    /// Copy data files with ``WriteDurability/deferred`` durability and make them durable with the one flush that
    /// starts ``Storage/publish(_:)`` (or one ``Storage/sync()`` when no log file is new), before the log names them
    /// (local roots skip a flush per file); otherwise every copy is durable on its own.
    public var deferDataSync = true
    /// Receives progress of the data copy (throttled).
    public var progress: (@Sendable (ProgressSnapshot) -> Void)?

    /// Default options.
    public init() {}
}

/// Replicates a Delta table file-for-file from one storage root to another, up to a version: data files copied and
/// log files staged (in parallel), then one flush and the log files published in ascending version with
/// put-if-absent (``Storage/publish(_:)``), `_last_checkpoint` after them, then the lineage record. Refuses a
/// diverged replica before writing anything.
///
/// Crash safety: nothing names a data file before it is durable (the flush precedes the first published log
/// file); log files appear one by one in version order, each complete, so a reader sees version k complete or
/// not at all; `_last_checkpoint` is written only for a checkpoint already published. A run killed at any point
/// leaves a replica readable at some version (or not yet a table) plus, at most, unreferenced data files and
/// unlisted temporary files; the next run skips what is complete (sizes, then the lineage record or a byte
/// comparison) and converges. Checksums (CRC-32C) come from the copy itself: no file is read twice.
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
        let readers = max(1, min(options.parallelism, ProcessInfo.processInfo.activeProcessorCount))
        let plan = try ReplicationPlanner(source: source, checkpointReader: options.checkpointReader, parallelism: readers)
            .plan(version: options.version)
        var report = ReplicationReport(source: source.rootURI, target: target.rootURI, fromVersion: plan.fromVersion,
                                       toVersion: plan.toVersion, dryRun: options.dryRun)
        report.missingInSource = plan.missingInSource
        report.skippedCheckpoints = plan.skippedCheckpoints
        report.planSeconds = Date().timeIntervalSince(started)

        let lock = options.dryRun ? nil : try ReplicationLock.acquire(target, staleAfter: options.lockStaleAfter)
        defer { try? lock?.release() }
        if lock != nil, let local = target as? LocalStorage {  // what killed runs left: staged log files, partial copies
            local.removeStaleTemporaryFiles(under: "", olderThan: options.temporaryFileGrace)
        }

        var existing: [String: Int64] = [:]
        for info in try wrapStorage({ try target.list(prefix: "") }) { existing[info.path] = info.size }
        try DivergenceCheck(source: source, target: target, targetSizes: existing).run(plan: plan)

        // Files present with the right size are skipped when the lineage record vouches for them (same size, and
        // a checksum from the run that copied them); others (left by an interrupted run) are compared byte for byte
        // with the source.
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
        let book = ChecksumBook()

        // 1. In parallel: data, deletion-vector and change-data files copied (visible, durable only after step 2's
        //    flush: no commit names them yet) and log files staged (invisible until published). Data first, so the
        //    big files start early and the small log files fill the end.
        let dataStart = Date()
        let meter = ProgressMeter(totalFiles: dataJobs.count, totalBytes: dataJobs.reduce(0) { $0 + ($1.item.size ?? 0) },
                                  sink: options.progress)
        let (src, dst, jobs, logItems) = (source, target, dataJobs, logToCopy)
        let durability: WriteDurability = options.deferDataSync ? .deferred : .immediate
        let staged = StagedSlots(count: logItems.count)
        do {
            try Parallel.run(count: jobs.count + logItems.count, parallelism: options.parallelism) { i in
                if i >= jobs.count {
                    let item = logItems[i - jobs.count]
                    let object = try wrapStorage {
                        try dst.stage(from: src, sourcePath: item.path, to: item.path,
                                      modifiedMillis: item.modifiedMillis > 0 ? item.modifiedMillis : nil)
                    }
                    staged.set(i - jobs.count, object)
                    try Self.expectSize(object.receipt.size, item.size, item.path)
                    try lock.heartbeatIfDue()
                    return
                }
                let job = jobs[i]
                let size = job.item.size ?? 0
                if job.check, let crc = try wrapStorage({ try FileHasher.sameContent(src, dst, job.item.path, size: size) }) {
                    book.set(job.item.path, .init(size: size, crc32c: crc), copied: false)
                    meter.advance(bytes: size)
                    return
                }
                let receipt = try wrapStorage {
                    try dst.copy(from: src, sourcePath: job.item.path, to: job.item.path, durability: durability)
                }
                try Self.expectSize(receipt.size, size, job.item.path)
                book.set(job.item.path, .init(size: size, crc32c: receipt.crc32c), copied: true)
                meter.advance(bytes: size)
                try lock.heartbeatIfDue()
            }
        } catch {
            target.discard(staged.all)
            throw error
        }
        for j in dataJobs {
            if book.wasCopied(j.item.path) { report.dataCopied.add(j.item.size ?? 0) } else { report.dataSkipped.add(j.item.size ?? 0) }
        }
        report.dataSeconds = Date().timeIntervalSince(dataStart)

        // 2. One flush makes the copied data and the staged log files durable, then the log files appear in publish
        //    order, each with put-if-absent (see `Storage.publish`): a reader sees version k complete or not at all.
        let logStart = Date()
        let objects = staged.all
        do { try lock.checkOwnership() } catch { target.discard(objects); throw error }  // still ours before the log changes
        if objects.isEmpty {
            if durability == .deferred, !dataJobs.isEmpty { try wrapStorage { try target.sync() } }
        } else {
            let outcomes: [PublishOutcome]
            do {
                outcomes = try target.publish(objects)
            } catch StorageError.alreadyExists(let path) {
                throw ReplicationError.diverged(version: LogPath(path: path).version?.rawValue, file: path,
                                                reason: "a different file appeared in the replica during the run")
            } catch let e as StorageError { throw ReplicationError.storage(e) }
            for (object, outcome) in zip(objects, outcomes) {
                if outcome == .published { report.logCopied.add(object.receipt.size) } else { report.logSkipped.add(object.receipt.size) }
                book.set(object.path, .init(size: object.receipt.size, crc32c: object.receipt.crc32c), copied: true)
            }
        }

        // Commit times: readers without in-commit timestamps date a version by its commit file's modification time.
        // Files this run published were staged with their source's time; others (from interrupted or older runs)
        // are checked here.
        if let local = target as? LocalStorage, report.logCopied.files < plan.logFiles.count {
            var held: [String: Int64] = [:]
            for info in try wrapStorage({ try target.list(prefix: LogFolders.log) }) { held[info.path] = info.modifiedMillis }
            for item in plan.logFiles where item.modifiedMillis > 0 && held[item.path] != item.modifiedMillis {
                try wrapStorage { try local.setModificationTime(item.path, millis: item.modifiedMillis) }
            }
        }

        // 3. `_last_checkpoint` for the newest checkpoint the replica holds.
        report.lastCheckpointVersion = try LastCheckpointWriter(source: source, target: target,
                                                                reader: options.checkpointReader).update()
        report.logSeconds = Date().timeIntervalSince(logStart)

        // 4. The lineage record.
        try lock.checkOwnership()
        try writeLineage(plan: plan, report: report, lineage: lineage, book: book, startedAt: startedISO)
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

    /// Refuses a copy whose size is not the one planned (the source changed under the run).
    static func expectSize(_ copied: Int64, _ expected: Int64, _ path: String) throws {
        guard copied == expected else {
            throw ReplicationError.storage(.io(operation: "copy", path: path, errno: 0,
                                               message: "copied \(copied) bytes, expected \(expected) (the source changed?)"))
        }
    }

    private func writeLineage(plan: ReplicationPlan, report: ReplicationReport, lineage: LineageRecord?, book: ChecksumBook,
                              startedAt: String) throws {
        var record = lineage ?? LineageRecord(
            sourceURI: source.rootURI, tableId: plan.tableId, fromVersion: plan.fromVersion, toVersion: plan.toVersion,
            replicatedAt: startedAt, deltactlVersion: options.deltactlVersion, runs: [], files: [:])
        var files = record.files
        for (path, entry) in book.all { files[path] = entry }
        // Files present from an interrupted earlier run carry no checksum yet: checksum what the replica holds.
        for path in plan.dataFiles.map(\.path) + plan.logFiles.map(\.path) where files[path] == nil {
            let receipt = try wrapStorage { try CopyReceipt.of(target, path) }
            files[path] = .init(size: receipt.size, crc32c: receipt.crc32c)
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

/// Thread-safe collection of the checksums made during a run, and which files were copied.
final class ChecksumBook: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: LineageRecord.FileEntry] = [:]
    private var copiedPaths = Set<String>()
    func set(_ path: String, _ entry: LineageRecord.FileEntry, copied: Bool) {
        lock.lock(); entries[path] = entry; if copied { copiedPaths.insert(path) }; lock.unlock()
    }
    func wasCopied(_ path: String) -> Bool { lock.lock(); defer { lock.unlock() }; return copiedPaths.contains(path) }
    var all: [String: LineageRecord.FileEntry] { lock.lock(); defer { lock.unlock() }; return entries }
}

/// The log files staged by the parallel copy, by publish position (thread-safe).
final class StagedSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [StagedObject?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ object: StagedObject) { lock.lock(); slots[i] = object; lock.unlock() }
    /// The staged objects in publish order (all of them once every staging job has succeeded).
    var all: [StagedObject] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
}

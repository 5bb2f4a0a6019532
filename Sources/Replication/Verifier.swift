import DeltaLog
import Foundation
import Storage

/// Checks that a replica matches its source up to a version: identical log bytes, every referenced file present
/// with identical size and checksum (CRC-32C by default, or SHA-256: ``VerificationChecksum``; computed in parallel), the same protocol, metadata and schema, and the same
/// number of files and rows at every version. The replica's log is replayed independently of the source's.
public struct Verifier {
    /// The source table.
    public let source: Storage
    /// The replica.
    public let replica: Storage
    /// The version to verify up to (the replica's latest when nil).
    public let version: Int64?
    /// Concurrent hashing jobs.
    public let parallelism: Int
    /// Reads checkpoints and sidecars.
    public let checkpointReader: CheckpointReader
    /// How many of the newest versions are compared through full snapshots (each loads the table at that version).
    public var maxSnapshotVersions = 50
    /// The checksum data files are compared by.
    public var checksum: VerificationChecksum

    /// Creates a verifier.
    public init(source: Storage, replica: Storage, version: Int64? = nil, parallelism: Int = 8,
                checkpointReader: CheckpointReader = DeltaCheckpointReader(), checksum: VerificationChecksum = .crc32c) {
        self.source = source; self.replica = replica; self.version = version
        self.parallelism = parallelism; self.checkpointReader = checkpointReader; self.checksum = checksum
    }

    /// Runs the checks. Differences are reported, not thrown; errors reading the source are thrown.
    public func run() throws -> VerificationReport {
        let started = Date()
        let inventory = LogInventory(listing: try wrapStorage { try replica.list(prefix: LogFolders.log) })
        var report = VerificationReport(source: source.rootURI, replica: replica.rootURI)
        guard let replicaLatest = inventory.latestVersion else {
            report.differences.append(.init(file: "_delta_log", what: "the replica has no Delta log"))
            return report
        }
        let target = version ?? replicaLatest
        let planner = ReplicationPlanner(source: source, checkpointReader: checkpointReader)
        let plan = try planner.plan(version: target)
        report.fromVersion = plan.fromVersion
        report.toVersion = target
        var replicaPlan: ReplicationPlan?
        do {
            replicaPlan = try ReplicationPlanner(source: replica, checkpointReader: checkpointReader).plan(version: target)
        } catch {
            report.differences.append(.init(file: "_delta_log", what: "the replica cannot be read at version \(target): \(error)"))
        }

        // Log files: identical bytes.
        for item in plan.logFiles {
            let mine = try wrapStorage { try source.read(item.path) }
            let theirs: [UInt8]
            do { theirs = try replica.read(item.path) } catch StorageError.notFound {
                report.differences.append(.init(file: item.path, what: "missing in the replica")); continue
            } catch let e as StorageError { throw ReplicationError.storage(e) }
            report.logFilesChecked += 1
            if case .commit = LogPath(path: item.path),
               let theirInfo = try? replica.head(item.path), item.modifiedMillis > 0, theirInfo.modifiedMillis > 0,
               theirInfo.modifiedMillis / 1000 != item.modifiedMillis / 1000 {
                report.differences.append(.init(file: item.path, what: "modification time differs (timestamp time travel would differ)"))
            }
            if let offset = DivergenceCheck.firstDifference(mine, theirs) {
                report.differences.append(.init(
                    file: item.path, what: mine.count == theirs.count ? "bytes differ from byte offset \(offset)"
                        : "size differs: source \(mine.count) bytes, replica \(theirs.count) bytes"))
            }
        }

        // Data files: size and checksum, in parallel.
        let found = DifferenceBook()
        let files = plan.dataFiles
        let (src, dst, checksum) = (source, replica, checksum)
        try Parallel.run(count: files.count, parallelism: parallelism) { i in
            let item = files[i]
            let size = item.size ?? 0
            let info: ObjectInfo
            do { info = try dst.head(item.path) } catch StorageError.notFound {
                found.add(.init(file: item.path, what: "missing in the replica")); return
            } catch let e as StorageError { throw ReplicationError.storage(e) }
            if info.size != size {
                found.add(.init(file: item.path, what: "size differs: source \(size) bytes, replica \(info.size) bytes")); return
            }
            let a = try wrapStorage { try checksum.of(src, item.path, size: size) }
            let b = try wrapStorage { try checksum.of(dst, item.path, size: size) }
            found.hashed(size)
            if a != b { found.add(.init(file: item.path, what: "\(checksum.label) differs: source \(a), replica \(b)")) }
        }
        report.differences += found.all.sorted { $0.file < $1.file }
        report.dataFilesChecked = files.count
        report.bytesHashed = found.bytes * 2

        // Table state: protocol, metadata, schema, files and rows per version.
        if let replicaPlan { compareStates(plan, replicaPlan, &report) }
        checkLastCheckpoint(inventory, &report)
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Compares the table at each version (the newest `maxSnapshotVersions` of the range) through the snapshot API
    /// of both sides: protocol, metadata, schema, live files and rows (stats, or Parquet footers when stats are
    /// missing). Versions the snapshot API refuses on the source (unsupported reader features) fall back to the
    /// planner's replay of both logs.
    private func compareStates(_ a: ReplicationPlan, _ b: ReplicationPlan, _ report: inout VerificationReport) {
        let srcTable = DeltaTable(storage: source), dstTable = DeltaTable(storage: replica)
        let replayed = Dictionary(b.states.map { ($0.version, $0) }, uniquingKeysWith: { x, _ in x })
        let first = max(a.fromVersion, a.toVersion - Int64(maxSnapshotVersions) + 1, b.fromVersion)
        guard first <= a.toVersion else { return }
        for v in first...a.toVersion {
            report.versionsChecked += 1
            let label = "version \(v)"
            let s: Snapshot
            do { s = try srcTable.snapshot(at: Version(v)) } catch {
                if let mine = a.states.first(where: { $0.version == v }), let theirs = replayed[v] {
                    compareReplay(mine, theirs, &report)
                }
                continue
            }
            let r: Snapshot
            do { r = try dstTable.snapshot(at: Version(v)) } catch {
                report.differences.append(.init(file: label, what: "the replica cannot be read at this version: \(error)")); continue
            }
            if s.protocolAction != r.protocolAction { report.differences.append(.init(file: label, what: "protocol differs")) }
            if s.metadata.id != r.metadata.id { report.differences.append(.init(file: label, what: "table id differs")) }
            if s.schema != r.schema { report.differences.append(.init(file: label, what: "schema differs")) }
            if s.metadata != r.metadata { report.differences.append(.init(file: label, what: "metadata differs")) }
            if s.numFiles != r.numFiles {
                report.differences.append(.init(file: label, what: "live files: source \(s.numFiles), replica \(r.numFiles)"))
            }
            switch (try? srcTable.numRecords(s), try? dstTable.numRecords(r)) {
            case (nil, nil): report.versionsWithoutRowCounts += 1
            case let (x, y) where x != y:
                report.differences.append(.init(file: label, what: "rows: source \(x.map(String.init) ?? "unknown"), replica \(y.map(String.init) ?? "unreadable")"))
            default: break
            }
        }
    }

    /// Compares the planner's replayed states (used where the snapshot API refuses the table).
    private func compareReplay(_ s: VersionState, _ r: VersionState, _ report: inout VerificationReport) {
        let label = "version \(s.version)"
        if s.protocolAction != r.protocolAction { report.differences.append(.init(file: label, what: "protocol differs")) }
        if s.metadata?.schemaString != r.metadata?.schemaString { report.differences.append(.init(file: label, what: "schema differs")) }
        if s.metadata != r.metadata { report.differences.append(.init(file: label, what: "metadata differs")) }
        if s.fileCount != r.fileCount {
            report.differences.append(.init(file: label, what: "live files: source \(s.fileCount), replica \(r.fileCount)"))
        }
        switch (s.numRecords, r.numRecords) {
        case (nil, nil): report.versionsWithoutRowCounts += 1
        case let (x, y) where x != y:
            report.differences.append(.init(file: label, what: "rows: source \(x.map(String.init) ?? "unknown"), replica \(y.map(String.init) ?? "unknown")"))
        default: break
        }
    }

    private func checkLastCheckpoint(_ inventory: LogInventory, _ report: inout VerificationReport) {
        let path = LogFolders.log + "_last_checkpoint"
        guard inventory.listing.hasLastCheckpoint, let bytes = try? replica.read(path) else { return }
        guard let hint = try? LastCheckpoint(bytes: bytes) else {
            report.differences.append(.init(file: path, what: "not a valid _last_checkpoint")); return
        }
        if inventory.checkpoints[hint.version.rawValue] == nil {
            report.differences.append(.init(file: path, what: "points to version \(hint.version), which has no complete checkpoint in the replica"))
        }
    }
}

/// Thread-safe list of differences found by parallel jobs.
final class DifferenceBook: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [VerificationReport.Difference] = []
    private var hashedBytes: Int64 = 0
    func add(_ d: VerificationReport.Difference) { lock.lock(); items.append(d); lock.unlock() }
    func hashed(_ n: Int64) { lock.lock(); hashedBytes += n; lock.unlock() }
    var all: [VerificationReport.Difference] { lock.lock(); defer { lock.unlock() }; return items }
    var bytes: Int64 { lock.lock(); defer { lock.unlock() }; return hashedBytes }
}

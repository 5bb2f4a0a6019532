import DeltaLog
import Foundation
import Storage

/// `check`: one table's integrity at a version, reading the log, the Parquet footers and the deletion vectors but
/// no data pages. Finds, and reports every one of (see ``TableCheckReport/Kind``):
/// - checkpoints (classic, multi-part, V2 with sidecars) that cannot be read or disagree with replaying the JSON
///   commits up to their version (``CheckpointChain``);
/// - commits that cannot be parsed and versions that cannot be rebuilt;
/// - paths in the log that are absolute or escape the table root (``LogScan``);
/// - live data files, deletion-vector files and change-data files of the kept commits that are missing or have
///   another size than their action says; unreadable Parquet footers; footer row counts that differ from the
///   `numRecords` statistic; deletion vectors that do not load or do not match their descriptor (``FileChecks``).
///
/// Problems are reported, not thrown. Thrown: the location is not a table, the version does not exist, the table
/// needs a reader feature deltactl does not support (`DeltaError.unsupportedFeature`, named), or the log cannot be
/// listed.
public struct TableCheck {
    /// The table.
    public let storage: Storage
    /// The version to check (the latest when nil).
    public let version: Int64?
    /// Concurrent footer and deletion-vector reads.
    public let parallelism: Int

    /// Creates a check of the table at `storage`.
    public init(storage: Storage, version: Int64? = nil, parallelism: Int = 8) {
        self.storage = storage
        self.version = version
        self.parallelism = max(1, parallelism)
    }

    /// Runs every check and returns the report.
    public func run() throws -> TableCheckReport {
        let started = Date()
        var report = TableCheckReport(table: storage.rootURI)
        let inventory = LogInventory(listing: try wrapStorage { try storage.list(prefix: LogFolders.log) })
        guard let latest = inventory.latestVersion else { throw DeltaError.notATable(location: storage.rootURI) }
        let target = version ?? latest
        guard target >= 0, target <= latest else {
            throw DeltaError.versionNotFound(requested: target, earliest: inventory.listing.earliestVersion?.rawValue, latest: latest)
        }
        report.version = target
        guard let from = inventory.earliestReconstructible(upTo: target) else {
            report.problems.append(.init(.log, path: LogFolders.log, version: target,
                                         "version \(target) cannot be rebuilt: commits are missing and no checkpoint at or before it is followed by all the commits up to it"))
            return finished(report, started)
        }
        report.fromVersion = from

        let table = DeltaTable(storage: storage, parallelism: min(parallelism, 4))
        let snapshot = CheckpointChain(table: table, inventory: inventory, from: from, target: target).run(&report)
        let live = Set((snapshot?.activeFiles ?? []).map { DataFilePath(uri: $0.path).decoded })
        var scan = LogScan(storage: storage, inventory: inventory, versions: from...target, live: live, report: &report)
        if let snapshot {
            try snapshot.configuration.ensureReadable()
            try FileChecks(table: table, parallelism: parallelism).run(snapshot, scan: &scan, report: &report)
        }
        return finished(report, started)
    }

    private func finished(_ report: TableCheckReport, _ started: Date) -> TableCheckReport {
        var r = report
        r.seconds = Date().timeIntervalSince(started)
        return r
    }
}

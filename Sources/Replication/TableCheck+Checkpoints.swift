import DeltaLog
import Storage

/// Checks every complete checkpoint from the starting version to the target against the JSON commits, and
/// rebuilds the table at the target from the commits (PROTOCOL.md: Checkpoints, Action Reconciliation).
///
/// The chain: each checkpoint at version c is read alone (all parts, or a V2 file and its sidecars) and compared
/// with the state that replaying the commits gives at c, starting from the newest checkpoint already shown to agree
/// with the commits (or from version 0). Agreement is transitive, so every checkpoint is held to the commits from
/// version 0 while each commit is replayed about once. When the log starts at a checkpoint (older commits cleaned
/// up), that checkpoint is the unverified start; a second checkpoint of the same version is compared with it.
struct CheckpointChain {
    let table: DeltaTable
    let inventory: LogInventory
    let from: Int64
    let target: Int64

    /// Where a replay starts: a checkpoint (nil: version 0, from the commits) and its version.
    private struct Base {
        var checkpoint: LogSegment.Checkpoint?
        var version: Int64
        var name: String { checkpoint.map { "checkpoint \($0.path) and the commits after it" } ?? "the commits" }
    }

    /// Runs the checks, appending problems and notes; returns the table at `target` as the commits give it (nil when
    /// it cannot be rebuilt, which is reported).
    func run(_ report: inout TableCheckReport) -> Snapshot? {
        let listing = inventory.listing
        var base: Base? = from == 0 && inventory.commit(0) != nil ? Base(checkpoint: nil, version: -1) : nil
        var newest: (version: Int64, snapshot: Snapshot)?
        var chainBroken = false
        let byVersion = Dictionary(grouping: listing.completeCheckpoints) { $0.version.rawValue }  // preference order kept
        for c in byVersion.keys.filter({ $0 >= from && $0 <= target }).sorted() {
            var reference: (snapshot: Snapshot, name: String)?
            if let b = base {
                do { reference = (try replay(from: b, to: c), b.name) } catch {
                    report.problems.append(Self.problem(error, version: c))
                    base = nil
                    chainBroken = true
                }
            }
            var agreeing: (checkpoint: LogSegment.Checkpoint, snapshot: Snapshot)?
            for cp in byVersion[c] ?? [] {
                report.checkpointsChecked += 1
                let label = cp.files.count > 1 ? " (part 1 of \(cp.files.count))" : ""
                let s: Snapshot
                do {
                    s = try table.snapshot(of: LogSegment(version: Version(c), checkpoint: cp, commits: []), listing: listing)
                } catch {
                    report.problems.append(.init(.checkpoint, path: cp.path, version: c, "cannot be read\(label): \(error)"))
                    continue
                }
                if let against = reference ?? agreeing.map({ ($0.snapshot, "checkpoint \($0.checkpoint.path)") }) {
                    let differences = SnapshotDifferences.between(s, against.snapshot, referenceName: against.name)
                    for d in differences { report.problems.append(.init(.checkpoint, path: cp.path, version: c, d + label)) }
                    if differences.isEmpty && agreeing == nil { agreeing = (cp, s) }
                } else {
                    let why = chainBroken ? "the commits before it cannot be replayed (see the problems above)"
                        : "it starts the log (the commits before it were cleaned up)"
                    report.notes.append("checkpoint \(cp.path) was read in full but not compared with commits: \(why)")
                    agreeing = (cp, s)
                }
            }
            if let agreeing { base = Base(checkpoint: agreeing.checkpoint, version: c) }
            if let s = reference?.snapshot ?? agreeing?.snapshot { newest = (c, s) }
        }
        if let newest, newest.version == target { return newest.snapshot }
        guard let b = base else {
            if !chainBroken {  // otherwise the failing commit or checkpoint is already named
                report.problems.append(.init(.log, path: LogFolders.log, version: target,
                                             "version \(target) cannot be rebuilt: no readable checkpoint is followed by readable commits up to it"))
            }
            return nil
        }
        do { return try replay(from: b, to: target) } catch {
            report.problems.append(Self.problem(error, version: target))
            return nil
        }
    }

    /// The table at `version` from a base and the commits after it.
    private func replay(from base: Base, to version: Int64) throws -> Snapshot {
        var commits: [LogFile] = []
        if base.version < version {
            for v in (base.version + 1)...version {
                guard let commit = inventory.commit(v) else { throw DeltaError.missingCommits(from: v, to: v) }
                commits.append(commit)
            }
        }
        let segment = try LogSegment(version: Version(version), checkpoint: base.checkpoint, commits: commits)
        return try table.snapshot(of: segment, listing: inventory.listing)
    }

    /// A replay failure as a problem naming the file (a commit or a checkpoint) where it was found.
    static func problem(_ error: Error, version: Int64) -> TableCheckReport.Problem {
        switch error {
        case DeltaError.malformedLog(let file, _, _, _), DeltaError.invalidAction(let file, _, _):
            return .init(.log, path: file, version: LogPath(path: file).version?.rawValue ?? version, "\(error)")
        case DeltaError.invalidCheckpoint(let file, _):
            return .init(.checkpoint, path: file, version: LogPath(path: file).version?.rawValue ?? version, "\(error)")
        default:
            return .init(.log, path: LogFolders.log, version: version, "version \(version) cannot be rebuilt: \(error)")
        }
    }
}

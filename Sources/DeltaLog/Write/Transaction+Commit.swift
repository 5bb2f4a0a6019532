import Foundation
import Storage

extension Transaction {
    /// Commits the staged actions: validates the writer protocol, skips an already-committed app transaction,
    /// then tries put-if-absent at the next version; on losing the race it reads the winning commits, applies the
    /// conflict rules and retries at the following version after a jittered back-off.
    /// Storage failures other than a lost race are thrown as `DeltaError.storage`; the table then stays at a
    /// consistent version (the commit either fully landed or not at all) and the caller may retry (use
    /// ``setAppTransaction(appId:version:)`` to make such retries idempotent).
    public func commit(retry policy: RetryPolicy = .standard) throws -> CommitOutcome {
        try validate()
        for t in appTransactions {
            if let have = readState.appTransactions[t.appId], have >= t.version {
                return .alreadyCommitted(appId: t.appId, tableAppVersion: have)
            }
        }
        var attemptVersion = readState.version?.next ?? Version(0)
        var winners: [[Action]] = []
        let ictEnabled = inCommitTimestampsEnabled(effectiveMetadata, effectiveProtocol)
        // In-commit timestamps increase strictly: each is at least the previous commit's plus one millisecond.
        var previousICT: Int64? = nil
        if ictEnabled, let v = readState.version, let bytes = try readCommitIfPresent(v) {
            previousICT = Self.inCommitTimestamp(of: try CommitFile.decode(bytes, file: v.commitPath))
        }
        for attempt in 1...policy.maxAttempts {
            let clock = now()
            let ict = ictEnabled ? max(clock, (previousICT ?? clock - 1) + 1) : nil
            let actions = self.actions(timestamp: clock, inCommitTimestamp: ict)
            do {
                try publishCommit(CommitFile.encode(actions), at: attemptVersion)
                let report = runPostCommit(version: attemptVersion, actions: actions, winners: winners)
                return .committed(version: attemptVersion, attempts: attempt, postCommit: report)
            } catch StorageError.alreadyExists {
                // Lost the race: read every winner from attemptVersion on, and check each against this transaction.
                var v = attemptVersion
                while let bytes = try readCommitIfPresent(v) {
                    let winnerActions = try CommitFile.decode(bytes, file: v.commitPath)
                    let summary = CommitSummary(version: v, actions: winnerActions)
                    for t in appTransactions {
                        if let won = summary.appTransactions[t.appId], won >= t.version {
                            return .alreadyCommitted(appId: t.appId, tableAppVersion: won)
                        }
                    }
                    if let conflict = ConflictChecker.check(intent, against: summary) { return .conflict(conflict) }
                    winners.append(winnerActions)
                    if let t = Self.inCommitTimestamp(of: winnerActions) { previousICT = t }
                    v = v.next
                }
                attemptVersion = v
                if attempt < policy.maxAttempts {
                    let delay = policy.delayMillis(afterAttempt: attempt)
                    if delay > 0 { usleep(useconds_t(delay * 1000)) }
                }
            } catch let e as StorageError {
                throw DeltaError.storage(e)
            }
        }
        return .retriesExhausted(lastTriedVersion: attemptVersion, attempts: policy.maxAttempts)
    }

    /// Commits, returning the version; throws `DeltaError.conflict` on a conflict or exhausted retries.
    /// An already-committed app transaction returns nil.
    @discardableResult
    public func commitOrThrow(retry policy: RetryPolicy = .standard) throws -> Version? {
        switch try commit(retry: policy) {
        case .committed(let v, _, _): return v
        case .alreadyCommitted: return nil
        case .conflict(let c): throw c.error
        case .retriesExhausted(let v, let n):
            throw DeltaError.conflict(version: v.rawValue, reason: "gave up after \(n) attempts: other writers kept committing first; retry later or with fewer concurrent writers")
        }
    }

    static func inCommitTimestamp(of actions: [Action]) -> Int64? {
        for case .commitInfo(let info) in actions { return info["inCommitTimestamp"]?.int64Value }
        return nil
    }

    /// The one place that publishes commit files: atomic, exclusive put-if-absent of `_delta_log/NNN.json`.
    func publishCommit(_ bytes: [UInt8], at version: Version) throws {
        try storage.putIfAbsent(version.commitPath, bytes)
    }

    func readCommitIfPresent(_ version: Version) throws -> [UInt8]? {
        do { return try storage.read(version.commitPath) } catch StorageError.notFound { return nil } catch let e as StorageError {
            throw DeltaError.storage(e)
        }
    }

    /// Writes the checksum (when derivable from the read state, the winners and this commit) and, at a multiple of
    /// `delta.checkpointInterval`, a checkpoint. Failures become warnings: the commit stands.
    func runPostCommit(version: Version, actions: [Action], winners: [[Action]]) -> PostCommitReport {
        var report = PostCommitReport()
        if writesChecksum {
            var checksum = readState.checksum
            if checksum == nil, let v = readState.version {
                // The read version's own .crc, when present, is as good a base as a snapshot.
                checksum = (try? storage.read(VersionChecksum.path(for: v)))
                    .flatMap { try? VersionChecksum(bytes: $0, file: VersionChecksum.path(for: v)) }
            }
            var derivable = readState.version == nil || checksum != nil
            for w in winners where derivable {
                checksum = VersionChecksum.applying(w, to: checksum, txnId: nil)
                derivable = checksum != nil
            }
            if derivable, let crc = VersionChecksum.applying(actions, to: checksum, txnId: txnId) {
                do {
                    try storage.put(VersionChecksum.path(for: version), crc.bytes)
                    report.wroteChecksum = true
                } catch {
                    report.warnings.append("could not write \(VersionChecksum.path(for: version)): \(error)")
                }
            }
        }
        if writesCheckpoints, version.rawValue > 0 {
            let interval = TableProperties(effectiveMetadata?.configuration ?? [:]).checkpointInterval
            if version.rawValue % interval == 0 {
                do {
                    try CheckpointWriter(storage: storage, nowMillis: now()).checkpoint(version: version)
                    report.wroteCheckpoint = true
                } catch {
                    report.warnings.append("could not write the checkpoint of version \(version): \(error)")
                }
                // As Spark does after a checkpoint: drop log files past delta.logRetentionDuration (default 30 days).
                if report.wroteCheckpoint, let config = effectiveMetadata?.configuration {
                    do {
                        report.deletedLogFiles = try LogCleanup.run(storage: storage, configuration: config,
                                                                    nowMillis: now()).deletions.count
                    } catch {
                        report.warnings.append("could not clean up expired log files: \(error)")
                    }
                }
            }
        }
        return report
    }
}

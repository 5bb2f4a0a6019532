/// The conflict rules (PROTOCOL.md; Spark `ConflictChecker`, delta-rs `conflict_checker.rs`). Pure.
public enum ConflictChecker {
    /// Returns the first conflict between this transaction and a commit that won the race, or nil when the
    /// transaction can be rebased onto it.
    public static func check(_ intent: TransactionIntent, against winner: CommitSummary) -> TransactionConflict? {
        func conflict(_ kind: ConflictKind) -> TransactionConflict {
            TransactionConflict(winningVersion: winner.version, kind: kind, winningOperation: winner.operation)
        }
        if winner.changesProtocol { return conflict(.protocolChanged) }
        if winner.changesMetadata { return conflict(.metadataChanged) }
        // Files added by the winner that this transaction should have read.
        let addsToCheck: [AddFile]
        switch intent.isolation {
        case .serializable: addsToCheck = winner.addedDataFiles
        case .writeSerializable:
            addsToCheck = (winner.isBlindAppend && !intent.changesMetadata) ? [] : winner.addedDataFiles
        case .snapshotIsolation: addsToCheck = []
        }
        if let hit = addsToCheck.first(where: { intent.readPredicate.covers($0.partitionValues) }) {
            return conflict(.concurrentAppend(path: hit.path))
        }
        // Files removed by the winner that this transaction read or removes.
        if !winner.removedPaths.isEmpty {
            if let path = intent.readPaths.sorted().first(where: { winner.removedPaths.contains($0) }) {
                return conflict(.concurrentDeleteRead(path: path))
            }
            if let path = intent.removedPaths.sorted().first(where: { winner.removedPaths.contains($0) }) {
                return conflict(.concurrentDeleteDelete(path: path))
            }
            if intent.readPredicate == .wholeTable && intent.isolation != .snapshotIsolation,
               let path = winner.removedPaths.sorted().first {
                return conflict(.concurrentDeleteRead(path: path))
            }
        }
        if let appId = intent.appIds.sorted().first(where: { winner.appTransactions[$0] != nil }) {
            return conflict(.concurrentTransaction(appId: appId))
        }
        if let domain = intent.domains.sorted().first(where: { winner.domains.contains($0) }) {
            return conflict(.concurrentDomainMetadata(domain: domain))
        }
        return nil
    }
}

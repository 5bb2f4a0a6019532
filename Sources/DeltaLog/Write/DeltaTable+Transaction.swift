import Storage

extension TransactionReadState {
    /// The read state of a snapshot: its version, protocol, metadata, app transactions and (cheap, since the
    /// snapshot holds the active files) its version checksum.
    public init(snapshot: Snapshot) {
        self.init(version: snapshot.version, protocol: snapshot.protocolAction, metadata: snapshot.metadata,
                  appTransactions: snapshot.txnVersions,
                  checksum: VersionChecksum(
                      tableSizeBytes: snapshot.sizeInBytes, numFiles: Int64(snapshot.numFiles),
                      metadata: snapshot.metadata, protocol: snapshot.protocolAction,
                      setTransactions: snapshot.transactions.keys.sorted().compactMap { snapshot.transactions[$0] },
                      domainMetadata: snapshot.domainMetadata.keys.sorted().compactMap { snapshot.domainMetadata[$0] }))
    }
}

extension DeltaTable {
    /// Starts a transaction on the latest version, or on a new table when the log is empty or missing.
    ///
    /// ```swift
    /// let table = DeltaTable(storage: LocalStorage(path: "/data/t"))
    /// let txn = try table.startTransaction(operation: "WRITE", operationParameters: [("mode", .string("Append"))])
    /// if txn.readState.version == nil { txn.updateMetadata(metadata) }   // creating the table
    /// txn.add(contentsOf: addActions)
    /// let version = try txn.commitOrThrow()
    /// ```
    public func startTransaction(operation: String = "WRITE", operationParameters: [(String, JSONValue)] = []) throws -> Transaction {
        Transaction(storage: storage, readState: try readStateForWrite(), operation: operation,
                    operationParameters: operationParameters)
    }

    /// The read state of the latest version, or `.newTable` when there is no commit yet.
    public func readStateForWrite() throws -> TransactionReadState {
        guard try listing().latestVersion != nil else { return .newTable }
        return TransactionReadState(snapshot: try snapshot())
    }

    /// Commits `build`'s actions on the latest version, re-running `build` on a fresh snapshot when a concurrent
    /// commit conflicts, up to `maxRuns` times. Returns the final outcome (`.conflict` only after the last run).
    public func commit(operation: String, maxRuns: Int = 3, retry: RetryPolicy = .standard,
                       _ build: (Transaction) throws -> Void) throws -> CommitOutcome {
        var last: CommitOutcome?
        for _ in 0..<max(1, maxRuns) {
            let txn = try startTransaction(operation: operation)
            try build(txn)
            let outcome = try txn.commit(retry: retry)
            if case .conflict = outcome { last = outcome; continue }
            return outcome
        }
        guard let last else { throw DeltaError.writeRefused(reason: "no commit was attempted") }
        return last
    }
}

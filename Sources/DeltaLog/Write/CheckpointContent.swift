/// The actions a classic checkpoint of a version holds (PROTOCOL.md: Checkpoints, Action Reconciliation): the
/// protocol, the metadata, the latest txn per application, live domain metadata, every active file, and the
/// tombstones that are still within `delta.deletedFileRetentionDuration`. Pure: built from a snapshot.
public struct CheckpointContent: Sendable {
    /// The version checkpointed.
    public var version: Version
    /// The protocol.
    public var `protocol`: ProtocolAction
    /// The metadata.
    public var metadata: Metadata
    /// The latest txn per application id, sorted by appId.
    public var transactions: [TransactionAction]
    /// Live domain metadata, sorted by domain.
    public var domains: [DomainMetadata]
    /// Active files.
    public var adds: [AddFile]
    /// Unexpired tombstones.
    public var removes: [RemoveFile]

    /// Creates checkpoint content.
    public init(version: Version, protocol: ProtocolAction, metadata: Metadata, transactions: [TransactionAction] = [],
                domains: [DomainMetadata] = [], adds: [AddFile] = [], removes: [RemoveFile] = []) {
        self.version = version
        self.protocol = `protocol`
        self.metadata = metadata
        self.transactions = transactions
        self.domains = domains
        self.adds = adds
        self.removes = removes
    }

    /// The content of `snapshot`'s checkpoint at `nowMillis`: tombstones whose `deletionTimestamp` is older than
    /// the table's deleted-file retention are dropped (a tombstone without a timestamp counts as expired).
    public init(snapshot: Snapshot, nowMillis: Int64) {
        let retention = TableProperties(snapshot.metadata.configuration).deletedFileRetentionMillis
        let horizon = nowMillis - retention
        self.init(version: snapshot.version, protocol: snapshot.protocolAction, metadata: snapshot.metadata,
                  transactions: snapshot.transactions.keys.sorted().compactMap { snapshot.transactions[$0] },
                  domains: snapshot.domainMetadata.keys.sorted().compactMap { snapshot.domainMetadata[$0] },
                  adds: snapshot.activeFiles,
                  removes: snapshot.tombstones.filter { ($0.deletionTimestamp ?? 0) > horizon })
    }

    /// Number of actions (rows) the checkpoint holds.
    public var actionCount: Int { 2 + transactions.count + domains.count + adds.count + removes.count }

    /// The actions in checkpoint order: protocol, metaData, txn, domainMetadata, add, remove. Add and remove
    /// actions are written with `dataChange = false`, as checkpoints require.
    public var actions: [Action] {
        var out: [Action] = [.protocol(`protocol`), .metaData(metadata)]
        out += transactions.map { .txn($0) }
        out += domains.map { .domainMetadata($0) }
        out += adds.map { a in var a = a; a.dataChange = false; return .add(a) }
        out += removes.map { r in var r = r; r.dataChange = false; return .remove(r) }
        return out
    }
}

import Foundation
import Storage

/// One atomic change to a Delta table: actions staged against a read version, committed as the next
/// `_delta_log/NNN.json` with put-if-absent, rebased over concurrent commits that do not conflict
/// (PROTOCOL.md: Delta Log Entries, Optimistic concurrency).
///
/// ```swift
/// let txn = Transaction(storage: table, readState: state, operation: "WRITE",
///                       operationParameters: [("mode", .string("Append"))])
/// txn.add(AddFile(path: "part-0001.parquet", size: 1234, modificationTime: now, stats: statsJSON))
/// switch try txn.commit() {
/// case .committed(let version, _, _): print("committed", version)
/// case .alreadyCommitted: break                    // idempotent retry (txn appId)
/// case .conflict(let c): throw c.error            // re-run the operation on the new version
/// case .retriesExhausted: ...
/// }
/// ```
/// Not thread-safe: one transaction per writer (several transactions may commit concurrently).
public final class Transaction {
    /// The engine name written into `commitInfo.engineInfo`.
    public static let engineInfo = "deltactl/0.1.0"

    /// The table's storage root.
    public let storage: Storage
    /// What the transaction was built on.
    public let readState: TransactionReadState
    /// `commitInfo.operation` (WRITE, CREATE TABLE, DELETE, OPTIMIZE, ...).
    public var operation: String
    /// `commitInfo.operationParameters`.
    public var operationParameters: [(String, JSONValue)]
    /// `commitInfo.operationMetrics` (computed from the staged files when left empty).
    public var operationMetrics: [(String, JSONValue)] = []
    /// Extra commitInfo fields (e.g. `userMetadata`).
    public var extraCommitInfo: [(String, JSONValue)] = []
    /// Data this transaction read; `.none` (the default) with no removes makes it a blind append.
    public var readPredicate: ReadPredicate = .none
    /// Paths of files this transaction read (files it rewrites or deletes are added automatically).
    public var readPaths: Set<String> = []
    /// Isolation level; nil uses the table's `delta.isolationLevel` (default WriteSerializable).
    public var isolationLevel: IsolationLevel?
    /// Whether to write `NNN.crc` after committing when it can be derived cheaply (default true).
    public var writesChecksum = true
    /// Whether to write a checkpoint after committing a multiple of `delta.checkpointInterval` (default true).
    public var writesCheckpoints = true
    /// The clock, in milliseconds since the epoch (replaceable in tests).
    public var now: () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    /// A unique id of this transaction (`commitInfo.txnId`).
    public let txnId = UUID().uuidString.lowercased()

    private(set) var adds: [AddFile] = []
    private(set) var removes: [RemoveFile] = []
    private(set) var newMetadata: Metadata?
    private(set) var newProtocol: ProtocolAction?
    private(set) var appTransactions: [TransactionAction] = []
    private(set) var domainChanges: [DomainMetadata] = []

    /// Creates a transaction on `storage` (the table root) against `readState`.
    public init(storage: Storage, readState: TransactionReadState, operation: String = "WRITE",
                operationParameters: [(String, JSONValue)] = []) {
        self.storage = storage
        self.readState = readState
        self.operation = operation
        self.operationParameters = operationParameters
    }

    /// Stages an added data file.
    public func add(_ file: AddFile) { adds.append(file) }
    /// Stages added data files.
    public func add(contentsOf files: [AddFile]) { adds.append(contentsOf: files) }
    /// Stages a removed file; the transaction then depends on having read it.
    public func remove(_ file: RemoveFile) { removes.append(file); readPaths.insert(file.path) }
    /// Stages new metadata (schema, partitioning, configuration). Required for a new table.
    public func updateMetadata(_ metadata: Metadata) { newMetadata = metadata }
    /// Stages a new protocol. A new table without one gets the lowest protocol its metadata needs.
    public func updateProtocol(_ protocolAction: ProtocolAction) { newProtocol = protocolAction }
    /// Stages `txn(appId, version)` for idempotent writes: committing returns `.alreadyCommitted` when the
    /// table already holds `appId` at `version` or later.
    public func setAppTransaction(appId: String, version: Int64) {
        appTransactions.removeAll { $0.appId == appId }
        appTransactions.append(TransactionAction(appId: appId, version: version, lastUpdated: now()))
    }
    /// Stages a domain metadata change.
    public func setDomainMetadata(_ domain: DomainMetadata) {
        domainChanges.removeAll { $0.domain == domain.domain }
        domainChanges.append(domain)
    }

    /// The protocol the commit will be written under.
    public var effectiveProtocol: ProtocolAction? {
        if let newProtocol { return newProtocol }
        if let p = readState.protocol { return p }
        return newMetadata.flatMap { try? WriterFeatures.protocolForNewTable($0) }
    }
    /// The metadata the commit will be written under.
    public var effectiveMetadata: Metadata? { newMetadata ?? readState.metadata }

    /// What this transaction read and changes, for the conflict checker.
    public var intent: TransactionIntent {
        TransactionIntent(
            readPredicate: readPredicate, readPaths: readPaths, removedPaths: Set(removes.map(\.path)),
            changesMetadata: newMetadata != nil || newProtocol != nil, appIds: Set(appTransactions.map(\.appId)),
            domains: Set(domainChanges.map(\.domain)),
            isolation: isolationLevel ?? TableProperties(effectiveMetadata?.configuration ?? [:]).isolationLevel)
    }

    /// Checks the writer protocol: a new table needs metadata; the table's writer features must be supported;
    /// appendOnly and constraint rules hold. Throws `DeltaError.unsupportedFeature` or `.writeRefused`.
    public func validate() throws {
        guard let metadata = effectiveMetadata else {
            throw DeltaError.writeRefused(reason: "a new table needs a metaData action (schema) in its first commit")
        }
        if readState.protocol == nil && newProtocol == nil { _ = try WriterFeatures.protocolForNewTable(metadata) }
        guard let proto = effectiveProtocol else {
            throw DeltaError.writeRefused(reason: "no protocol can be derived for the new table")
        }
        try WriterFeatures.check(protocol: proto, metadata: metadata, removesData: removes.contains { $0.dataChange },
                                 operation: operation)
        if readState.version != nil, !inCommitTimestampsEnabled(readState.metadata, readState.protocol),
           inCommitTimestampsEnabled(effectiveMetadata, effectiveProtocol) {
            throw DeltaError.unsupportedFeature(
                "inCommitTimestamp", operation: operation + " (enabling in-commit timestamps on an existing table is not supported)")
        }
        if let old = readState.protocol, let new = newProtocol,
           new.minReaderVersion < old.minReaderVersion || new.minWriterVersion < old.minWriterVersion {
            throw DeltaError.writeRefused(reason: "protocol downgrade from \(old.minReaderVersion)/\(old.minWriterVersion) to \(new.minReaderVersion)/\(new.minWriterVersion) is not allowed")
        }
    }

    /// The actions of the commit file, commitInfo first, then protocol, metaData, txn, domainMetadata, remove, add.
    /// With in-commit timestamps on, `inCommitTimestamp` leads commitInfo and is also its `timestamp`.
    public func actions(timestamp: Int64, inCommitTimestamp: Int64? = nil) -> [Action] {
        var out: [Action] = [.commitInfo(commitInfo(timestamp: inCommitTimestamp ?? timestamp, inCommitTimestamp: inCommitTimestamp))]
        if readState.version == nil || newProtocol != nil, let p = effectiveProtocol { out.append(.protocol(p)) }
        if let m = newMetadata {
            var m = m
            if m.createdTime == nil && readState.version == nil { m.createdTime = timestamp }
            out.append(.metaData(m))
        }
        out += appTransactions.map { .txn($0) }
        out += domainChanges.map { .domainMetadata($0) }
        out += removes.map { r in
            var r = r
            if r.deletionTimestamp == nil { r.deletionTimestamp = timestamp }
            return .remove(r)
        }
        out += adds.map { .add($0) }
        return out
    }

    func commitInfo(timestamp: Int64, inCommitTimestamp: Int64? = nil) -> JSONValue {
        var m: [(String, JSONValue)] = inCommitTimestamp.map { [("inCommitTimestamp", .int($0))] } ?? []
        m += [("timestamp", .int(timestamp)), ("operation", .string(operation)),
              ("operationParameters", .object(operationParameters))]
        if let v = readState.version { m.append(("readVersion", .int(v.rawValue))) }
        m.append(("isolationLevel", .string(intent.isolation.rawValue)))
        m.append(("isBlindAppend", .bool(intent.isBlindAppend && newMetadata == nil)))
        m.append(("operationMetrics", .object(operationMetrics.isEmpty ? defaultMetrics : operationMetrics)))
        m.append(("engineInfo", .string(Self.engineInfo)))
        m.append(("txnId", .string(txnId)))
        return .object(m + extraCommitInfo)
    }

    /// Whether commits must carry `commitInfo.inCommitTimestamp` (PROTOCOL.md: In-Commit Timestamps).
    func inCommitTimestampsEnabled(_ metadata: Metadata?, _ p: ProtocolAction?) -> Bool {
        guard let metadata, let p, WriterFeatures.declared(p).contains("inCommitTimestamp") else { return false }
        return TableProperties(metadata.configuration).flag("delta.enableInCommitTimestamps")
    }

    var defaultMetrics: [(String, JSONValue)] {
        var m: [(String, JSONValue)] = []
        if !adds.isEmpty {
            m.append(("numFiles", .string(String(adds.count))))
            m.append(("numOutputBytes", .string(String(adds.reduce(Int64(0)) { $0 + $1.size }))))
            let rows = adds.compactMap { a in a.stats.flatMap { try? JSONParser.parse($0)["numRecords"]?.int64Value } }
            if rows.count == adds.count { m.append(("numOutputRows", .string(String(rows.reduce(0, +))))) }
        }
        if !removes.isEmpty { m.append(("numRemovedFiles", .string(String(removes.count)))) }
        return m
    }
}

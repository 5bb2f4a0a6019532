/// The version checksum file `_delta_log/NNN.crc` (PROTOCOL.md: Version Checksum File): table size, file count,
/// protocol and metadata at a version, plus the app transactions and domains. One JSON object.
public struct VersionChecksum: Equatable, Sendable {
    /// The transaction that produced the version, when known.
    public var txnId: String?
    /// Sum of the sizes of the active files.
    public var tableSizeBytes: Int64
    /// Number of active files.
    public var numFiles: Int64
    /// Number of metaData actions in the snapshot (always 1).
    public var numMetadata: Int64 = 1
    /// Number of protocol actions in the snapshot (always 1).
    public var numProtocol: Int64 = 1
    /// The table metadata.
    public var metadata: Metadata
    /// The table protocol.
    public var `protocol`: ProtocolAction
    /// The version's in-commit timestamp, when in-commit timestamps are on (`inCommitTimestampOpt`).
    public var inCommitTimestamp: Int64?
    /// The latest txn per application id.
    public var setTransactions: [TransactionAction]
    /// The live (non-removed) metadata domains.
    public var domainMetadata: [DomainMetadata]

    /// Creates a checksum.
    public init(txnId: String? = nil, tableSizeBytes: Int64, numFiles: Int64, metadata: Metadata,
                protocol: ProtocolAction, setTransactions: [TransactionAction] = [], domainMetadata: [DomainMetadata] = []) {
        self.txnId = txnId
        self.tableSizeBytes = tableSizeBytes
        self.numFiles = numFiles
        self.metadata = metadata
        self.protocol = `protocol`
        self.setTransactions = setTransactions
        self.domainMetadata = domainMetadata
    }

    /// The `.crc` path of a version.
    public static func path(for version: Version) -> String { "_delta_log/" + version.paddedName + ".crc" }

    /// The checksum after applying one commit's actions, or nil when it cannot be derived exactly
    /// (a remove without `size`, or a re-added path whose previous size is unknown).
    /// - Parameter base: the checksum of the previous version, or nil when the commit creates the table.
    public static func applying(_ actions: [Action], to base: VersionChecksum?, txnId: String?) -> VersionChecksum? {
        var size = base?.tableSizeBytes ?? 0
        var files = base?.numFiles ?? 0
        var metadata = base?.metadata
        var proto = base?.protocol
        var txns: [String: TransactionAction] = [:]
        for t in base?.setTransactions ?? [] { txns[t.appId] = t }
        var domains: [String: DomainMetadata] = [:]
        for d in base?.domainMetadata ?? [] { domains[d.domain] = d }
        var addedHere: Set<String> = []
        var ict: Int64?
        for action in actions {
            switch action {
            case .add(let a):
                // Re-adding a live path (e.g. with a new deletion vector) replaces it: its old size is unknown here.
                guard !addedHere.contains(a.path), a.deletionVector == nil else { return nil }
                addedHere.insert(a.path)
                size += a.size
                files += 1
            case .remove(let r):
                guard let s = r.size, !addedHere.contains(r.path) else { return nil }
                size -= s
                files -= 1
            case .metaData(let m): metadata = m
            case .protocol(let p): proto = p
            case .txn(let t): txns[t.appId] = t
            case .domainMetadata(let d): if d.removed { domains[d.domain] = nil } else { domains[d.domain] = d }
            case .commitInfo(let info): ict = info["inCommitTimestamp"]?.int64Value
            default: break
            }
        }
        guard let metadata, let proto, size >= 0, files >= 0 else { return nil }
        var crc = VersionChecksum(txnId: txnId, tableSizeBytes: size, numFiles: files, metadata: metadata, protocol: proto,
                                  setTransactions: txns.keys.sorted().compactMap { txns[$0] },
                                  domainMetadata: domains.keys.sorted().compactMap { domains[$0] })
        crc.inCommitTimestamp = ict
        return crc
    }

    /// The checksum as its JSON object.
    public var json: JSONValue {
        var m: [(String, JSONValue)] = []
        if let txnId { m.append(("txnId", .string(txnId))) }
        m.append(("tableSizeBytes", .int(tableSizeBytes)))
        m.append(("numFiles", .int(numFiles)))
        m.append(("numMetadata", .int(numMetadata)))
        m.append(("numProtocol", .int(numProtocol)))
        if let inCommitTimestamp { m.append(("inCommitTimestampOpt", .int(inCommitTimestamp))) }
        m.append(("setTransactions", .array(setTransactions.map { Action.txn($0).json["txn"] ?? .null })))
        m.append(("domainMetadata", .array(domainMetadata.map { Action.domainMetadata($0).json["domainMetadata"] ?? .null })))
        m.append(("metadata", Action.metaData(metadata).json["metaData"] ?? .null))
        m.append(("protocol", Action.protocol(`protocol`).json["protocol"] ?? .null))
        return .object(m)
    }

    /// The file bytes.
    public var bytes: [UInt8] { Array(JSONWriter.serialize(json).utf8) }

    /// Decodes a `.crc` file; `file` locates errors.
    public init(bytes: [UInt8], file: String) throws {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch let e as JSONParseError {
            throw DeltaError.malformedLog(file: file, line: nil, byteOffset: e.byteOffset, reason: e.reason)
        }
        let r = FieldReader(body: value, action: "crc", file: file, line: nil)
        guard let md = value["metadata"], let pr = value["protocol"],
              case .metaData(let metadata) = try Action(key: "metaData", body: md, file: file, line: nil),
              case .protocol(let proto) = try Action(key: "protocol", body: pr, file: file, line: nil)
        else { throw DeltaError.invalidAction(file: file, line: nil, reason: "crc needs metadata and protocol") }
        var txns: [TransactionAction] = []
        for t in value["setTransactions"]?.arrayValue ?? [] {
            if case .txn(let x) = try Action(key: "txn", body: t, file: file, line: nil) { txns.append(x) }
        }
        var domains: [DomainMetadata] = []
        for d in value["domainMetadata"]?.arrayValue ?? [] {
            if case .domainMetadata(let x) = try Action(key: "domainMetadata", body: d, file: file, line: nil) { domains.append(x) }
        }
        self.init(txnId: try r.optionalString("txnId"), tableSizeBytes: try r.int("tableSizeBytes"),
                  numFiles: try r.int("numFiles"), metadata: metadata, protocol: proto,
                  setTransactions: txns, domainMetadata: domains)
        numMetadata = try r.optionalInt("numMetadata") ?? 1
        numProtocol = try r.optionalInt("numProtocol") ?? 1
        inCommitTimestamp = try r.optionalInt("inCommitTimestampOpt")
    }
}

/// The state of the table a transaction was built on: the read version and what the write path needs from it.
/// Build it from a snapshot, or use ``newTable`` for a table that does not exist yet.
public struct TransactionReadState: Sendable {
    /// The version read, or nil for a new table (the commit goes to version 0).
    public var version: Version?
    /// The table's protocol at the read version.
    public var `protocol`: ProtocolAction?
    /// The table's metadata at the read version.
    public var metadata: Metadata?
    /// The latest txn version per application id at the read version (for idempotent writes).
    public var appTransactions: [String: Int64]
    /// The version checksum at the read version, when known (lets a commit write its own .crc cheaply).
    public var checksum: VersionChecksum?

    /// Creates a read state.
    public init(version: Version?, protocol: ProtocolAction?, metadata: Metadata?,
                appTransactions: [String: Int64] = [:], checksum: VersionChecksum? = nil) {
        self.version = version
        self.protocol = `protocol`
        self.metadata = metadata
        self.appTransactions = appTransactions
        self.checksum = checksum
    }

    /// The state of a table that does not exist yet.
    public static let newTable = TransactionReadState(version: nil, protocol: nil, metadata: nil)
}

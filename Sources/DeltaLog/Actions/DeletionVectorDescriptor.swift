/// A deletion vector descriptor (PROTOCOL.md: Deletion Vectors).
public struct DeletionVectorDescriptor: Equatable, Sendable {
    /// `u` (relative path, UUID-encoded), `i` (inline), or `p` (absolute path).
    public var storageType: String
    /// The encoded path, the inline bitmap (Z85), or the absolute path.
    public var pathOrInlineDv: String
    /// Byte offset of the bitmap in the file (absent for inline DVs).
    public var offset: Int32?
    /// Size of the serialized bitmap in bytes.
    public var sizeInBytes: Int32
    /// Number of deleted rows.
    public var cardinality: Int64

    /// Creates a descriptor.
    public init(storageType: String, pathOrInlineDv: String, offset: Int32?, sizeInBytes: Int32, cardinality: Int64) {
        self.storageType = storageType
        self.pathOrInlineDv = pathOrInlineDv
        self.offset = offset
        self.sizeInBytes = sizeInBytes
        self.cardinality = cardinality
    }

    /// A key that identifies the DV (PROTOCOL.md: the unique id is storageType + pathOrInlineDv + offset).
    public var uniqueID: String { storageType + pathOrInlineDv + (offset.map { "@\($0)" } ?? "") }
}

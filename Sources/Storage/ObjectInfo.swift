/// What a listing or a `head` says about one stored object.
public struct ObjectInfo: Equatable, Sendable {
    /// Path relative to the storage root, with `/` separators.
    public var path: String
    /// Size in bytes.
    public var size: Int64
    /// Last modification time in milliseconds since the Unix epoch.
    public var modifiedMillis: Int64

    /// Creates an object description.
    public init(path: String, size: Int64, modifiedMillis: Int64) {
        self.path = path
        self.size = size
        self.modifiedMillis = modifiedMillis
    }
}

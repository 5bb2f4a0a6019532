/// An object written by ``Storage/stage(from:sourcePath:to:modifiedMillis:)`` and not yet visible: it appears at
/// `path` when ``Storage/publish(_:)`` puts it there, or never (``Storage/discard(_:)``). Only the storage that
/// staged an object can publish it.
public struct StagedObject: Sendable {
    /// Where it will be published, relative to the root.
    public let path: String
    /// Size and CRC-32C of the staged bytes.
    public let receipt: CopyReceipt
    /// Where the staged bytes are.
    public let content: Content

    /// Where a staged object's bytes are kept until it is published.
    public enum Content: Sendable {
        /// In memory (backends without a native staging area).
        case bytes([UInt8])
        /// A backend-specific handle (``LocalStorage``: the absolute path of a temporary file beside the target).
        case handle(String)
    }

    /// Creates a staged object (for backends).
    public init(path: String, receipt: CopyReceipt, content: Content) {
        self.path = path
        self.receipt = receipt
        self.content = content
    }
}

/// What ``Storage/publish(_:)`` did with one staged object.
public enum PublishOutcome: Equatable, Sendable {
    /// It now exists at its path, put there by this call.
    case published
    /// Identical bytes were already at its path (published earlier, e.g. by an interrupted run); nothing changed.
    case alreadyPresent
}

import Foundation

/// A fresh folder under the system temporary directory, removed by ``remove()``.
public final class TemporaryDirectory {
    /// Absolute path of the folder.
    public let path: String

    /// Creates a uniquely named folder whose name starts with `prefix`.
    public init(prefix: String = "deltactl-test") throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        let candidate = base + "/" + prefix + "-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: candidate, withIntermediateDirectories: true)
        path = candidate
    }

    /// A path inside the folder.
    public func appending(_ name: String) -> String { path + "/" + name }

    /// Deletes the folder and everything in it.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }

    deinit { remove() }
}

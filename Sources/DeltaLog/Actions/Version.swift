/// A table version: the number of a commit in `_delta_log`. The 20-digit file-name form lives only here.
public struct Version: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// The version number (0 is the table's creation).
    public var rawValue: Int64

    /// Creates a version from its number.
    public init(rawValue: Int64) { self.rawValue = rawValue }
    /// Creates a version from its number.
    public init(_ value: Int64) { self.rawValue = value }
    public init(integerLiteral value: Int64) { self.rawValue = value }

    public static func < (a: Version, b: Version) -> Bool { a.rawValue < b.rawValue }
    public var description: String { String(rawValue) }

    /// The zero-padded 20-digit form used in log file names (`00000000000000000042`).
    public var paddedName: String {
        let s = String(rawValue)
        return String(repeating: "0", count: max(0, 20 - s.count)) + s
    }

    /// The commit file's path relative to the table root: `_delta_log/00000000000000000042.json`.
    public var commitPath: String { "_delta_log/" + paddedName + ".json" }

    /// The next version.
    public var next: Version { Version(rawValue + 1) }
}

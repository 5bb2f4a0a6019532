/// Results written by index from several threads (each index by exactly one thread), read after they join.
public final class ParallelResults<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]

    /// Creates `count` empty slots.
    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores the result of index `i` (called by the one thread that owns `i`).
    public func set(_ i: Int, _ r: Result<T, Error>) { slots.withUnsafeMutableBufferPointer { $0[i] = r } }

    /// An index no thread set (a programming error, reported rather than trapped).
    struct MissingResult: Error {}

    /// The value of index `i`, or its error.
    public func value(_ i: Int) throws -> T {
        guard let r = slots[i] else { throw MissingResult() }
        return try r.get()
    }
}

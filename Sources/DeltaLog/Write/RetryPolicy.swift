import Foundation

/// How often and how patiently a transaction retries after losing the race for a version:
/// bounded attempts with full-jitter exponential back-off (retry storms are a known pain: delta-rs 3066, 3736).
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first included (delta-rs uses 15).
    public var maxAttempts: Int
    /// Back-off before the second attempt, in milliseconds; doubles each attempt.
    public var baseDelayMillis: Double
    /// Upper bound of one back-off, in milliseconds.
    public var maxDelayMillis: Double

    /// Creates a policy.
    public init(maxAttempts: Int = 15, baseDelayMillis: Double = 2, maxDelayMillis: Double = 500) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelayMillis = baseDelayMillis
        self.maxDelayMillis = maxDelayMillis
    }

    /// The default: 15 attempts, 2 ms doubling up to 500 ms, jittered.
    public static let standard = RetryPolicy()
    /// No retry: the first lost race is returned to the caller.
    public static let noRetry = RetryPolicy(maxAttempts: 1)

    /// The back-off after failed attempt `attempt` (1-based): uniform in [0, min(max, base * 2^(attempt-1))].
    public func delayMillis(afterAttempt attempt: Int) -> Double {
        let exp = baseDelayMillis * pow(2, Double(min(attempt - 1, 30)))
        return Double.random(in: 0...max(0, min(maxDelayMillis, exp)))
    }
}

import Foundation
@testable import Replication
import Testing

@Suite struct LineageTimestampTests {
    /// The hand-made ISO 8601 formatting agrees with Foundation's formatter, before and after the epoch.
    @Test func matchesFoundationsFormatter() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for millis: Int64 in [0, 1, 999, 1_000, 951_782_400_123, 1_767_225_599_999, 4_102_444_800_000, -1, -86_400_001] {
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            #expect(LineageRecord.iso8601(millis: millis) == f.string(from: date), "\(millis)")
        }
        #expect(LineageRecord.iso8601(millis: 1_767_225_599_999) == "2025-12-31T23:59:59.999Z")
        #expect(LineageRecord.now().count == 24)
    }
}

import Foundation
import Testing
@testable import CSVIngest

/// The background queue the conversion encodes on: jobs run one at a time in submission order; the first failure
/// stops it and reaches the submitter; cancelling drops waiting jobs and returns only when the running one ended.
@Suite struct EncodeQueueTests {
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Int] = []
        func add(_ i: Int) { lock.lock(); items.append(i); lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return items }
    }

    struct Boom: Error, Equatable { let job: Int }

    @Test func jobsRunInOrder() throws {
        let queue = EncodeQueue(depth: 2)
        let log = Log()
        for i in 0..<200 { try queue.submit { log.add(i) } }
        try queue.finish()
        #expect(log.all == Array(0..<200))
    }

    @Test func firstFailureStopsTheQueueAndReachesTheSubmitter() {
        let queue = EncodeQueue()
        let log = Log()
        var thrown: Error?
        do {
            for i in 0..<100 {
                try queue.submit {
                    if i == 5 { throw Boom(job: 5) }
                    if i == 9 { throw Boom(job: 9) }
                    log.add(i)
                }
            }
            try queue.finish()
        } catch { thrown = error }
        queue.cancel()
        #expect(thrown as? Boom == Boom(job: 5))
        #expect(log.all == [0, 1, 2, 3, 4])
    }

    @Test func cancelDropsWaitingJobsAndWaitsForTheRunningOne() throws {
        let queue = EncodeQueue(depth: 4)
        let log = Log()
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        try queue.submit { started.signal(); release.wait(); log.add(0) }
        started.wait()
        for i in 1...3 { try queue.submit { log.add(i) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { release.signal() }
        queue.cancel()
        // The running job finished before cancel returned; the waiting ones never ran.
        #expect(log.all == [0])
    }
}

import Foundation

/// Runs jobs one at a time, in submission order, on one background thread: the conversion hands each finished
/// column batch to it (Parquet encoding, compression, file writes) and goes on parsing the next one, so that both
/// cores work. At most ``depth`` jobs wait, so memory stays bounded (the batch being built, the waiting ones and
/// the one being encoded).
///
/// The first job that throws stops the queue: later jobs are dropped and ``submit(_:)`` and ``finish()`` rethrow
/// that error. ``cancel()`` drops waiting jobs and waits for the running one, so that nothing touches the
/// conversion's files once it returns. Jobs run in the order submitted, so the output does not depend on timing.
final class EncodeQueue {
    private let condition = NSCondition()
    private var jobs: [() throws -> Void] = []
    private var head = 0
    private var failure: Error?
    private var closing = false
    private var threadDone = false
    private let depth: Int

    /// Starts the background thread; `depth` (at least 1) is the most jobs that wait.
    init(depth: Int = 1) {
        self.depth = max(1, depth)
        let thread = Thread { [self] in work() }
        thread.name = "deltactl-encode"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues `job`, first waiting while ``depth`` jobs already wait. Throws the error of an earlier job.
    func submit(_ job: @escaping () throws -> Void) throws {
        condition.lock()
        defer { condition.unlock() }
        while failure == nil && jobs.count - head >= depth { condition.wait() }
        if let failure { throw failure }
        jobs.append(job)
        condition.broadcast()
    }

    /// Waits until every queued job ran and stops the thread; rethrows the first job error.
    func finish() throws {
        condition.lock()
        defer { condition.unlock() }
        closing = true
        condition.broadcast()
        while !threadDone { condition.wait() }
        if let failure { throw failure }
    }

    /// Drops the waiting jobs, waits for the running one and stops the thread (after a failure elsewhere).
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        jobs.removeAll()
        head = 0
        closing = true
        condition.broadcast()
        while !threadDone { condition.wait() }
    }

    private func work() {
        condition.lock()
        while true {
            while head == jobs.count && !closing { condition.wait() }
            if head == jobs.count || failure != nil { break }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.broadcast()
            condition.unlock()
            var error: Error?
            do { try job() } catch let e { error = e }
            condition.lock()
            if let error {
                failure = error
                jobs.removeAll()
                head = 0
            }
            condition.broadcast()
        }
        threadDone = true
        condition.broadcast()
        condition.unlock()
    }
}

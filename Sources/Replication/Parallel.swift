import Foundation

/// Runs `count` independent jobs on at most `parallelism` threads; stops handing out jobs after the first error,
/// waits for running ones, and rethrows that error.
enum Parallel {
    static func run(count: Int, parallelism: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        if count == 0 { return }
        let workers = max(1, min(parallelism, count))
        if workers == 1 {
            for i in 0..<count { try body(i) }
            return
        }
        final class State: @unchecked Sendable {
            let lock = NSLock()
            var next = 0
            var error: Error?
        }
        let state = State()
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while true {
                    state.lock.lock()
                    if state.error != nil || state.next >= count { state.lock.unlock(); return }
                    let i = state.next
                    state.next += 1
                    state.lock.unlock()
                    do { try body(i) } catch {
                        state.lock.lock()
                        if state.error == nil { state.error = error }
                        state.lock.unlock()
                        return
                    }
                }
            }
        }
        group.wait()
        if let error = state.error { throw error }
    }
}

import Foundation

/// A fixed set of threads running submitted jobs in order of submission. Handlers block here
/// (SQLite, files), never on the event loop or the Swift concurrency pool.
final class WorkerPool: @unchecked Sendable {
    // All mutable state below is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var nextJob = 0
    private var stopping = false
    private var running = 0

    /// Starts `threads` worker threads (at least one).
    init(threads: Int, name: String = "http-worker") {
        let count = max(1, threads)
        running = count
        for index in 0..<count {
            let thread = Thread { [self] in work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Queues a job; it runs on some worker thread.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets queued jobs finish, then stops every thread; returns when they have exited.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work() {
        while let job = take() { job() }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func take() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while nextJob == jobs.count && !stopping { condition.wait() }
        guard nextJob < jobs.count else { return nil }
        let job = jobs[nextJob]
        nextJob += 1
        if nextJob == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            nextJob = 0
        } else if nextJob >= 1024 && nextJob * 2 >= jobs.count {
            jobs.removeFirst(nextJob)
            nextJob = 0
        }
        return job
    }
}

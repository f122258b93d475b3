import Dispatch
import Glibc
import Synchronization

/// A fixed set of threads that run handlers.
///
/// Handlers block (SQLite), so they must not run on the I/O queues, and a burst of requests must
/// not make Dispatch spawn a thread per blocked job: here the number of threads, and so of
/// concurrent database calls, is fixed at start. Jobs run in the order submitted.
final class WorkerPool: Sendable {
    typealias Job = @Sendable () -> Void

    private struct Queue {
        var jobs: [Job] = []
        var head = 0
        var stopping = false
    }

    private let queue = Mutex(Queue())
    /// Counts queued jobs; a worker waits on it when there is nothing to do.
    private let available = DispatchSemaphore(value: 0)
    private let threadCount: Int

    init(threads: Int) {
        threadCount = threads
        for _ in 0..<threads {
            Thread.start { [self] in self.runWorker() }
        }
    }

    func submit(_ job: @escaping Job) {
        queue.withLock { $0.jobs.append(job) }
        available.signal()
    }

    /// Lets every worker finish the job it has, then end. Queued jobs still run first.
    func stop() {
        queue.withLock { $0.stopping = true }
        for _ in 0..<threadCount { available.signal() }
    }

    private func runWorker() {
        while true {
            available.wait()
            let job: Job? = queue.withLock { queue in
                guard queue.head < queue.jobs.count else { return nil }
                let job = queue.jobs[queue.head]
                queue.head += 1
                // Drop consumed slots once they are most of the array, so it never grows for good.
                if queue.head > 64 && queue.head * 2 > queue.jobs.count {
                    queue.jobs.removeFirst(queue.head)
                    queue.head = 0
                }
                return job
            }
            guard let job else {
                if queue.withLock({ $0.stopping }) { return }
                continue
            }
            job()
        }
    }
}

import Glibc

/// A fixed set of threads that run handlers.
///
/// Handlers block (SQLite), so they must not run on the I/O queues, and a burst of requests must
/// not make Dispatch spawn a thread per blocked job: here the number of threads, and so of
/// concurrent database calls, is fixed at start. Jobs run in the order submitted.
///
/// The queue is a pthread mutex and condition variable, not `Synchronization.Mutex` and a
/// semaphore: that mutex spins up to 500 `pause`s before it sleeps, and on two cores, where
/// the holder is often a preempted thread, the I/O loops and workers spun 3% of the server's
/// CPU away in it on article details. A pthread mutex sleeps at once.
///
/// `@unchecked Sendable`: `jobs`, `head` and `stopping` are read and written only while `mutex`
/// is held, and it is never held while a job runs.
final class WorkerPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    // Heap-allocated because pthread objects must not move in memory once initialized.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let jobQueued = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var jobs: [QueuedJob] = []
    private var head = 0
    private var stopping = false

    init(threads: Int) {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(jobQueued, nil)
        for _ in 0..<threads {
            Thread.start { [self] in self.runWorker() }
        }
    }

    deinit {
        pthread_cond_destroy(jobQueued)
        pthread_mutex_destroy(mutex)
        jobQueued.deallocate()
        mutex.deallocate()
    }

    func submit(_ job: @escaping Job) {
        pthread_mutex_lock(mutex)
        jobs.append(QueuedJob(run: job))
        pthread_mutex_unlock(mutex)
        pthread_cond_signal(jobQueued)
    }

    /// Lets every worker finish the job it has, then end. Queued jobs still run first.
    func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_mutex_unlock(mutex)
        pthread_cond_broadcast(jobQueued)
    }

    private func runWorker() {
        while let job = nextJob() { job.run() }
    }

    /// The oldest queued job, waiting for one; nil once stopping with none left.
    private func nextJob() -> QueuedJob? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while head == jobs.count && !stopping {
            pthread_cond_wait(jobQueued, mutex)
        }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        // Drop consumed slots when the queue runs dry (the usual case), or once they are most
        // of the array, so it never grows for good.
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}

import CLinux
import Dispatch
import Glibc
import Synchronization

/// A thread that owns a share of the connections: it waits on epoll for their sockets, reads,
/// parses and writes on them, runs the jobs other threads hand it (a worker's answer to write
/// or word that it wrote one, a new connection), and sweeps their deadlines. A few loops serve
/// any number of connections; no connection has a thread of its own.
///
/// The thread that learns a socket is ready is the one that serves it, so an event costs no
/// hand-over between threads, and interest changes are one `epoll_ctl` each, made only when
/// a connection pauses or resumes reading or waits to write.
final class IOLoop: @unchecked Sendable {
    // @unchecked: `connections`, `readBuffer`, `spareJobs`, `draining`, `nextSweep` and everything a
    // Connection holds are touched only on this loop's thread; other threads reach it through
    // `execute`, whose queue is behind a mutex.

    typealias Job = @Sendable () -> Void

    /// The jobs handed to the loop, and whether it was woken for them since it last took them.
    private struct Jobs {
        var queued: [QueuedJob] = []
        var wakeSent = false

        /// Whether the caller is to wake the loop: the first to ask since the loop last took
        /// its jobs. It takes them all at once, so one wake serves all those queued till then.
        mutating func claimWake() -> Bool {
            defer { wakeSent = true }
            return !wakeSent
        }
    }

    private let epoll: Int32
    /// Written when a job needs the loop and no wake is pending, so that epoll_wait returns.
    private let wakeDescriptor: Int32
    private let jobs = Mutex(Jobs())
    /// The emptied array of the batch run last, swapped in for the next (loop's thread only).
    private var spareJobs: [QueuedJob] = []
    private let stopped = Atomic<Bool>(false)
    private var connections: [Int32: Connection] = [:]
    private let context: ServerContext
    private let sweepInterval: UInt64
    private var nextSweep: UInt64 = 0
    private var draining = false
    /// One scratch buffer for all reads on this loop; bytes are copied out to the connection.
    var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(sweepInterval: Duration, context: ServerContext) {
        self.context = context
        self.sweepInterval = sweepInterval.nanoseconds
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeDescriptor = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        precondition(epoll >= 0 && wakeDescriptor >= 0, "cannot create the event loop: \(String(cString: strerror(errno)))")
        _ = clinux_epoll_ctl(epoll, EPOLL_CTL_ADD, wakeDescriptor, EPOLLIN.rawValue)
        Thread.start { [self] in self.run() }
    }

    /// Runs `job` on this loop's thread, soon. Callable from any thread.
    func execute(_ job: @escaping Job) {
        let wake = jobs.withLock { jobs in
            jobs.queued.append(QueuedJob(run: job))
            return jobs.claimWake()
        }
        if wake { signal() }
    }

    /// Runs `job` on this loop's thread when the loop next wakes for anything, without waking
    /// it: for bookkeeping that can wait for the connection's next event. Callable from any
    /// thread. The loop runs its jobs after handling the events of every wait, so a job queued
    /// before an event is run after that event's handling, in the same turn; with no event, it
    /// waits at most the sweep interval (the longest the loop sleeps).
    func enqueue(_ job: @escaping Job) {
        jobs.withLock { $0.queued.append(QueuedJob(run: job)) }
    }

    /// Makes the loop take its jobs now, if it was not woken for them already.
    func wake() {
        if jobs.withLock({ $0.claimWake() }) { signal() }
    }

    private func signal() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, 8)
    }

    /// Runs `job` on this loop's thread and waits for it. Never call it from the loop itself.
    func executeAndWait(_ job: @escaping Job) {
        let done = DispatchSemaphore(value: 0)
        execute {
            job()
            done.signal()
        }
        done.wait()
    }

    /// Ends the thread after the jobs queued so far.
    func stop() {
        execute { [self] in stopped.store(true, ordering: .releasing) }
    }

    // MARK: Connections (on the loop's thread)

    /// Adopts a newly accepted connection.
    func add(_ connection: Connection) {
        connections[connection.descriptor] = connection
        _ = clinux_epoll_ctl(epoll, EPOLL_CTL_ADD, connection.descriptor, EPOLLIN.rawValue)
        connection.start()
        if draining { connection.drain() }
    }

    /// Sets which readiness of `connection`'s socket wakes the loop.
    func watch(_ connection: Connection, reading: Bool, writing: Bool) {
        let events = (reading ? EPOLLIN.rawValue : 0) | (writing ? EPOLLOUT.rawValue : 0)
        _ = clinux_epoll_ctl(epoll, EPOLL_CTL_MOD, connection.descriptor, events)
    }

    /// Forgets a connection and closes its socket.
    func remove(_ connection: Connection) {
        guard forget(connection) else { return }
        close(connection.descriptor)
    }

    /// Stops watching a connection's socket and counting it, leaving the descriptor open for
    /// its owner to close. False when it was forgotten already.
    @discardableResult
    func forget(_ connection: Connection) -> Bool {
        guard connections.removeValue(forKey: connection.descriptor) != nil else { return false }
        _ = clinux_epoll_ctl(epoll, EPOLL_CTL_DEL, connection.descriptor, 0)
        context.metrics.openConnections.wrappingSubtract(1, ordering: .relaxed)
        if let key = connection.clientKey { context.clientConnections?.finish(key) }
        return true
    }

    /// Starts a graceful shutdown of this loop's connections.
    func drain() {
        draining = true
        for connection in Array(connections.values) { connection.drain() }
    }

    /// Closes every connection at once, when the grace period is over.
    func closeAll() {
        for connection in Array(connections.values) { connection.terminate() }
    }

    // MARK: The loop

    private func run() {
        let capacity = 256
        var descriptors = [Int32](repeating: 0, count: capacity)
        var events = [UInt32](repeating: 0, count: capacity)
        nextSweep = now() + sweepInterval
        while !stopped.load(ordering: .acquiring) {
            let wait = Int32(clamping: (nextSweep.subtractingReportingOverflow(now()).partialValue / 1_000_000) + 1)
            let count = clinux_epoll_wait(epoll, &descriptors, &events, Int32(capacity), nextSweep > now() ? wait : 0)
            if count < 0 && errno != EINTR {
                context.logger.error("epoll_wait failed", ["error": String(cString: strerror(errno))])
                return
            }
            for index in 0..<max(0, Int(count)) {
                handle(descriptor: descriptors[index], events: events[index])
            }
            runJobs()
            if now() >= nextSweep {
                sweep()
                nextSweep = now() + sweepInterval
            }
        }
        close(epoll)
        close(wakeDescriptor)
    }

    private func handle(descriptor: Int32, events: UInt32) {
        if descriptor == wakeDescriptor {
            var count: UInt64 = 0
            _ = read(wakeDescriptor, &count, 8)
            return
        }
        guard let connection = connections[descriptor] else { return }
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 && events & EPOLLIN.rawValue == 0 {
            // Reset or hung up while not reading: nothing more will come or go on this socket.
            return connection.terminate()
        }
        if events & EPOLLIN.rawValue != 0 { connection.readable() }
        if events & EPOLLOUT.rawValue != 0, connections[descriptor] === connection { connection.writable() }
    }

    private func runJobs() {
        // Swapped, not copied and emptied: emptying the shared array kept its capacity by
        // allocating a new one, for every batch.
        var batch = spareJobs
        jobs.withLock { jobs in
            swap(&jobs.queued, &batch)
            jobs.wakeSent = false
        }
        for job in batch { job.run() }
        batch.removeAll(keepingCapacity: true)
        spareJobs = batch
    }

    private func sweep() {
        let now = now()
        for connection in Array(connections.values) where connection.deadline != 0 && connection.deadline <= now {
            connection.deadlinePassed()
        }
    }

    /// The clock connections set their deadlines by.
    private func now() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }
}

import Synchronization

/// Where a route's handler runs, declared with the route: what keeps costly requests from
/// taking every worker, and health checks from waiting behind them.
public enum Lane: Sendable {
    /// The shared workers, in order of arrival.
    case shared
    /// The shared workers, but at most `cap.limit` requests of this lane at once; the rest wait
    /// in the lane's own queue without holding a worker, so other requests always find one.
    case capped(WorkerCap)
    /// A thread kept for these routes alone (health and readiness checks), never queued behind
    /// other requests however busy the workers are.
    case reserved
}

/// The cap of a `Lane.capped` lane, shared by every route that names it.
public final class WorkerCap: Sendable, CustomStringConvertible {
    public let name: String
    public let limit: Int

    private struct State {
        var running = 0
        var waiting: [WorkerPool.Job] = []
        var head = 0
    }

    private let state = Mutex(State())

    public init(_ name: String, limit: Int) {
        precondition(limit > 0, "a capped lane runs something")
        self.name = name
        self.limit = limit
    }

    public var description: String { "\(name) (at most \(limit) at once)" }

    /// Requests of this lane running on a worker now, for tests.
    public var running: Int { state.withLock { $0.running } }

    /// Runs `job` on `workers` now if the lane has room, else once a running job of the lane ends.
    func submit(_ job: @escaping WorkerPool.Job, to workers: WorkerPool) {
        let startNow = state.withLock { state in
            guard state.running < limit else {
                state.waiting.append(job)
                return false
            }
            state.running += 1
            return true
        }
        if startNow { start(job, on: workers) }
    }

    private func start(_ job: @escaping WorkerPool.Job, on workers: WorkerPool) {
        workers.submit { [self] in
            job()
            // The slot passes straight to the next waiting job, if any.
            let next: WorkerPool.Job? = state.withLock { state in
                guard state.head < state.waiting.count else {
                    state.running -= 1
                    return nil
                }
                let next = state.waiting[state.head]
                state.head += 1
                if state.head == state.waiting.count {
                    state.waiting.removeAll(keepingCapacity: true)
                    state.head = 0
                }
                return next
            }
            if let next { start(next, on: workers) }
        }
    }
}

import Dispatch

/// Runs `ViewService.flush` every `interval` on a queue of its own, and a last time at `stop`.
/// Owned by whoever starts and stops the server (not shared between threads).
public final class ViewFlusher {
    private let views: ViewService
    private let queue = DispatchQueue(label: "newsstore.view-flusher")
    private let timer: DispatchSourceTimer

    /// Starts flushing; `failed` hears of each flush that could not write (its views are kept
    /// and retried with the next).
    public init(views: ViewService, interval: Duration, failed: @escaping @Sendable (any Error) -> Void) {
        self.views = views
        timer = DispatchSource.makeTimerSource(queue: queue)
        let period = DispatchTimeInterval.nanoseconds(Int(interval / .nanoseconds(1)))
        timer.schedule(deadline: .now() + period, repeating: period, leeway: .milliseconds(50))
        timer.setEventHandler {
            do {
                try views.flush()
            } catch {
                failed(error)
            }
        }
        timer.activate()
    }

    /// Stops the timer, waits for a flush under way, and writes what is left; returns the
    /// number of views that last flush wrote. Call it after the server has stopped taking
    /// requests, and before the database closes.
    @discardableResult
    public func stop() throws -> Int64 {
        queue.sync { timer.cancel() }
        return try views.flush()
    }
}

import Dispatch

/// Clears comments' client addresses once they are older than the retention setting: at start
/// and then every `interval`, on a queue of its own. Owned by whoever starts the server.
public final class CommentAddressRetention {
    private let queue = DispatchQueue(label: "newsstore.comment-address-retention")
    private let timer: DispatchSourceTimer

    /// `cleared` hears how many addresses each pass cleared, `failed` of a pass that could
    /// not write (the next pass tries again).
    public init(
        comments: CommentService, interval: Duration, cleared: @escaping @Sendable (Int) -> Void,
        failed: @escaping @Sendable (any Error) -> Void
    ) {
        timer = DispatchSource.makeTimerSource(queue: queue)
        let period = DispatchTimeInterval.nanoseconds(Int(interval / .nanoseconds(1)))
        timer.schedule(deadline: .now(), repeating: period, leeway: .seconds(1))
        timer.setEventHandler {
            do {
                let count = try comments.clearExpiredAddresses()
                if count > 0 { cleared(count) }
            } catch {
                failed(error)
            }
        }
        timer.activate()
    }

    /// Stops the timer and waits for a pass under way.
    public func stop() {
        queue.sync { timer.cancel() }
    }
}

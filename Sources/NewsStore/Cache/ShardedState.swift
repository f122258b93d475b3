import Synchronization

/// A cache's state split over a few locks by a 64-bit key (an article id), each part with a
/// lock of its own: for state every worker takes on every read, where one lock was the most
/// contended of the server (7.1% of its CPU in `Mutex._lockSlow` with eleven threads on two
/// cores, a holder often preempted; 1.7% over eight).
final class ShardedState<State: Sendable>: Sendable {
    private final class Shard: Sendable {
        let state: Mutex<State>
        init(_ state: sending State) { self.state = Mutex(state) }
    }

    private let shards: [Shard]

    init(count: Int, _ makeState: () -> State) {
        precondition(count > 0, "state has at least one part")
        shards = (0..<count).map { _ in Shard(makeState()) }
    }

    var count: Int { shards.count }

    /// Runs `body` on the part that holds `key`, under its lock.
    func withLock<Result>(for key: Int64, _ body: (inout sending State) -> sending Result) -> sending Result {
        shards[Int(UInt64(bitPattern: key) % UInt64(shards.count))].state.withLock(body)
    }
}

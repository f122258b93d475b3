import Glibc

/// A cache's state split over a few locks by key (an article id, or a request target's hash),
/// each part with a lock of its own: for state every worker takes on every read, where one
/// lock was the most contended of the server (7.1% of its CPU in `Mutex._lockSlow` with eleven
/// threads on two cores, a holder often preempted; 1.7% over eight).
///
/// The locks are pthread mutexes, not `Synchronization.Mutex`, which spins up to 500 `pause`s
/// before it sleeps: on two cores the holder is often preempted, and the spinning (1% of the
/// server's CPU on article details, over these caches) only delays it.
///
/// `@unchecked Sendable`: each part's state is read and written only while its mutex is held.
public final class ShardedState<State: Sendable>: @unchecked Sendable {
    private final class Shard {
        // Heap-allocated because a pthread mutex must not move in memory once initialized.
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        var state: State

        init(_ state: State) {
            self.state = state
            pthread_mutex_init(mutex, nil)
        }

        deinit {
            pthread_mutex_destroy(mutex)
            mutex.deallocate()
        }
    }

    private let shards: [Shard]

    public init(count: Int, _ makeState: () -> State) {
        precondition(count > 0, "state has at least one part")
        shards = (0..<count).map { _ in Shard(makeState()) }
    }

    public var count: Int { shards.count }

    /// Runs `body` on the part that holds `key`, under its lock.
    public func withLock<Result>(for key: Int64, _ body: (inout State) throws -> Result) rethrows -> Result {
        try withLock(shards[Int(UInt64(bitPattern: key) % UInt64(shards.count))], body)
    }

    /// Runs `body` on the part that holds keys of `hash` (a `hashValue`), under its lock.
    public func withLock<Result>(forHash hash: Int, _ body: (inout State) throws -> Result) rethrows -> Result {
        try withLock(shards[Int(UInt(bitPattern: hash) % UInt(shards.count))], body)
    }

    private func withLock<Result>(_ shard: Shard, _ body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(shard.mutex)
        defer { pthread_mutex_unlock(shard.mutex) }
        return try body(&shard.state)
    }
}

import Synchronization

/// How many requests each key (a client) has under way, capped: one client's flood of
/// parallel requests cannot take every worker thread while others wait.
///
/// Keys are spread over shards, each behind its own lock, as in `RateLimiter`. A key is
/// remembered only while it has requests under way, so memory is bounded by the requests in
/// flight, not by the number of clients ever seen.
public final class ConcurrencyLimiter<Key: Hashable & Sendable>: Sendable {
    /// The most requests one key may have under way.
    public let limit: Int
    private let shards: [Shard]

    private final class Shard: Sendable {
        let counts = Mutex<[Key: Int]>([:])
    }

    public init(limit: Int, shards: Int = 16) {
        precondition(limit > 0 && shards > 0, "a concurrency limit admits something")
        self.limit = limit
        self.shards = (0..<shards).map { _ in Shard() }
    }

    /// Counts one more request for `key`; false (counting nothing) when it already has `limit`.
    /// Every admitted request must be followed by `finish(_:)`.
    public func start(_ key: Key) -> Bool {
        shard(of: key).counts.withLock { counts in
            let running = counts[key, default: 0]
            guard running < limit else { return false }
            counts[key] = running + 1
            return true
        }
    }

    public func finish(_ key: Key) {
        shard(of: key).counts.withLock { counts in
            guard let running = counts[key] else { return }
            counts[key] = running > 1 ? running - 1 : nil
        }
    }

    /// Requests under way for `key`, for tests.
    public func running(_ key: Key) -> Int {
        shard(of: key).counts.withLock { $0[key, default: 0] }
    }

    private func shard(of key: Key) -> Shard {
        shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
    }
}

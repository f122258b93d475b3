import Dispatch
import Synchronization

/// Token buckets by key (a client address, a client and a resource…), in bounded memory.
///
/// Keys are spread over shards, each behind its own lock, so that workers admitting different
/// clients rarely wait for each other. Each shard keeps two generations of buckets: a key
/// used goes into the current one (moving over from the previous one if it was there), and
/// when the current generation is full the previous one is dropped whole and the current one
/// takes its place. So keys idle for a generation are forgotten first, memory stays within
/// `capacity`, and forgetting costs no search or sort under the lock, whatever the load. A
/// forgotten key starts again with a full bucket: under a flood of more distinct keys than
/// `capacity` holds, limits loosen a little rather than memory growing.
public final class RateLimiter<Key: Hashable & Sendable>: Sendable {
    public let limit: RateLimit
    private let refillPerNanosecond: Double
    private let shards: [Shard]
    /// Keys a shard's current generation takes before it becomes the previous one.
    private let generationCapacity: Int

    private struct Bucket {
        var tokens: Double
        /// When `tokens` was last brought up to date, in monotonic nanoseconds.
        var updated: UInt64
    }

    private struct Generations {
        var current: [Key: Bucket] = [:]
        var previous: [Key: Bucket] = [:]
    }

    private final class Shard: Sendable {
        let generations = Mutex(Generations())
    }

    /// `capacity` bounds the keys remembered at once (about 50 bytes each, plus what the key
    /// itself holds on the heap).
    public init(_ limit: RateLimit, capacity: Int = 65_536, shards: Int = 16) {
        precondition(shards > 0 && capacity >= 2 * shards, "every generation of every shard holds a key")
        self.limit = limit
        refillPerNanosecond = limit.refillPerNanosecond
        self.shards = (0..<shards).map { _ in Shard() }
        generationCapacity = capacity / shards / 2
    }

    /// Takes one token from `key`'s bucket, or says how long until one is there.
    public func admit(_ key: Key, now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Admission {
        let shard = shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
        // Set under the lock, freed in this function after the lock is released.
        var forgotten: [Key: Bucket] = [:]
        let admission = shard.generations.withLock { generations in
            let known = generations.current[key] ?? generations.previous.removeValue(forKey: key)
            var bucket = known.map { refilled($0, now: now) } ?? Bucket(tokens: Double(limit.burst), updated: now)
            let admission: Admission
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                admission = .admitted
            } else {
                let wait = (1 - bucket.tokens) / refillPerNanosecond
                admission = .refused(retryAfter: .nanoseconds(Int64(wait.rounded())))
            }
            generations.current[key] = bucket
            if generations.current.count >= generationCapacity {
                forgotten = generations.previous
                generations.previous = generations.current
                generations.current = [:]
            }
            return admission
        }
        withExtendedLifetime(forgotten) {}
        return admission
    }

    /// What `admit` would answer for `key` now, taking nothing: for a budget spent only on
    /// failures, checked before the attempt and drawn on after it fails.
    public func peek(_ key: Key, now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Admission {
        let shard = shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
        let known = shard.generations.withLock { $0.current[key] ?? $0.previous[key] }
        guard let known else { return .admitted }
        let bucket = refilled(known, now: now)
        guard bucket.tokens < 1 else { return .admitted }
        return .refused(retryAfter: .nanoseconds(Int64(((1 - bucket.tokens) / refillPerNanosecond).rounded())))
    }

    /// The number of keys remembered, for tests and metrics.
    public var count: Int {
        shards.reduce(0) { total, shard in total + shard.generations.withLock { $0.current.count + $0.previous.count } }
    }

    private func refilled(_ bucket: Bucket, now: UInt64) -> Bucket {
        let elapsed = now > bucket.updated ? Double(now - bucket.updated) : 0
        return Bucket(tokens: min(Double(limit.burst), bucket.tokens + elapsed * refillPerNanosecond), updated: now)
    }
}

/// A rate limiter's answer.
public enum Admission: Sendable, Equatable {
    case admitted
    /// Over the limit: the next request would be admitted after this long.
    case refused(retryAfter: Duration)
}

import Synchronization

/// Purge latency since the server started, from a write's commit (its outbox row's time) to
/// the cache's acknowledgement of the purge: a histogram the delivery loop adds to and
/// `/metrics` reads. In memory, like the request latency histograms: Prometheus takes a
/// counter that starts again at a restart as a reset.
public final class PurgeLatency: Sendable {
    /// Upper bounds of the buckets, in milliseconds; the last one is +Inf.
    public static let bounds: [Int64] = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 300_000, .max]

    private struct Counts {
        var buckets = [Int](repeating: 0, count: PurgeLatency.bounds.count)
        var sumMilliseconds: Int64 = 0
    }

    private let counts = Mutex(Counts())

    public init() {}

    func record(milliseconds: Int64) {
        let bucket = Self.bounds.firstIndex { milliseconds <= $0 }!
        counts.withLock { counts in
            counts.buckets[bucket] += 1
            counts.sumMilliseconds += milliseconds
        }
    }

    /// Cumulative counts per bound, the number of purges, and their sum in seconds.
    public func snapshot() -> (buckets: [(boundMilliseconds: Int64, count: Int)], count: Int, sumSeconds: Double) {
        let counts = counts.withLock { $0 }
        var running = 0
        let buckets = zip(Self.bounds, counts.buckets).map { bound, count in
            running += count
            return (boundMilliseconds: bound, count: running)
        }
        return (buckets, running, Double(counts.sumMilliseconds) / 1000)
    }
}

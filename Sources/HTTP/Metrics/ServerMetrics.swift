import CLinux
import Synchronization

/// What the server measures: open connections, requests by method, route pattern and status,
/// and latency histograms by route, written out in Prometheus' text format.
///
/// Labels use the route pattern (`/api/v1/articles/{key}`), never the raw path, so a scanner
/// trying a million URLs adds one `unmatched` series, not a million.
public final class ServerMetrics: Sendable {
    private struct Counter: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private struct Histogram {
        var buckets: [Int]
        var count = 0
        var sum: Double = 0

        /// No request yet: a zero for each bound.
        static var empty: Histogram { Histogram(buckets: Array(repeating: 0, count: bounds.count)) }
    }

    private struct Series {
        var requests: [Counter: Int] = [:]
        var latency: [String: Histogram] = [:]

        /// Adds `other`'s counts to these.
        mutating func merge(_ other: Series) {
            requests.merge(other.requests, uniquingKeysWith: +)
            for (route, histogram) in other.latency {
                var merged = latency[route] ?? .empty
                for index in merged.buckets.indices { merged.buckets[index] += histogram.buckets[index] }
                merged.count += histogram.count
                merged.sum += histogram.sum
                latency[route] = merged
            }
        }
    }

    /// A part of the series behind a lock of its own.
    private final class Part: Sendable {
        let series = Mutex(Series())
    }

    /// Upper bounds of the latency buckets, in seconds.
    static let bounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    /// One part per processor, which every request records into where it runs: with one lock,
    /// every worker took it for every response, and it was one of the two most contended locks
    /// of the server on article details (1.4% of its CPU in `Mutex._lockSlow`, perf).
    private let parts: [Part] = (0..<SystemInfo.processorCount).map { _ in Part() }
    /// Connections accepted and not yet closed, checked against the limit and by shutdown.
    let openConnections = Atomic<Int>(0)

    public init() {}

    func record(method: Method, route: String, status: Int, seconds: Double) {
        let method = Self.knownMethods.contains(method) ? method.description : "other"
        // The processor this thread runs on now: threads on others take other locks. (A thread
        // moved meanwhile only shares a lock with one there; the count is right either way.)
        let part = parts[Int(max(0, clinux_current_cpu())) % parts.count]
        part.series.withLock { series in
            series.requests[Counter(method: method, route: route, status: status), default: 0] += 1
            // Changed where it is kept: a copy taken out and put back would copy its buckets too.
            Self.add(seconds, to: &series.latency[route, default: .empty])
        }
    }

    private static func add(_ seconds: Double, to histogram: inout Histogram) {
        if let bucket = bounds.firstIndex(where: { seconds <= $0 }) { histogram.buckets[bucket] += 1 }
        histogram.count += 1
        histogram.sum += seconds
    }

    private static let knownMethods: [Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    /// The series as Prometheus text exposition (version 0.0.4); buckets are cumulative.
    public func render(into text: inout String) {
        var snapshot = Series()
        for part in parts { snapshot.merge(part.series.withLock { $0 }) }
        text += "# HELP newsstore_http_open_connections Client connections open now.\n"
        text += "# TYPE newsstore_http_open_connections gauge\n"
        text += "newsstore_http_open_connections \(openConnections.load(ordering: .relaxed))\n"
        text += "# HELP newsstore_http_requests_total Requests answered, by method, route pattern and status.\n"
        text += "# TYPE newsstore_http_requests_total counter\n"
        for (key, count) in snapshot.requests.sorted(by: {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }) {
            text += "newsstore_http_requests_total{method=\"\(key.method)\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\"} \(count)\n"
        }
        text += "# HELP newsstore_http_request_duration_seconds Time from a complete request to its serialized response.\n"
        text += "# TYPE newsstore_http_request_duration_seconds histogram\n"
        for (route, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            let label = "route=\"\(Self.escape(route))\""
            var cumulative = 0
            for (bound, count) in zip(Self.bounds, histogram.buckets) {
                cumulative += count
                text += "newsstore_http_request_duration_seconds_bucket{\(label),le=\"\(bound)\"} \(cumulative)\n"
            }
            text += "newsstore_http_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(histogram.count)\n"
            text += "newsstore_http_request_duration_seconds_sum{\(label)} \(histogram.sum)\n"
            text += "newsstore_http_request_duration_seconds_count{\(label)} \(histogram.count)\n"
        }
    }

    /// Label values escape backslash, quote and newline (the exposition format's rule).
    public static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}

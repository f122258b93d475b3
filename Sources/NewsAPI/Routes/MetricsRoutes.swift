import HTTP
import NewsStore

/// Who may read `/metrics`: anyone, or holders of an admin token (the default: behind a local
/// TLS proxy every request comes from loopback, so the peer address proves nothing).
public enum MetricsAccess: String, Sendable {
    case token
    case `public`
}

/// `GET /metrics` in Prometheus' text format: the server's request counters and latency
/// histograms, open connections, database waits, articles by status, webhook attempts by
/// outcome and the outbox backlog, cache purges (by outcome, backlog, latency from the write's
/// commit to the cache's acknowledgement), and build information.
struct MetricsRoutes: Sendable {
    let metrics: ServerMetrics
    let database: NewsDatabase
    let access: MetricsAccess
    let version: String
    /// Delivered purges' latencies since the server started (the delivery loop adds to it).
    let purgeLatency: PurgeLatency

    func register(on router: inout Router) {
        router.get("/metrics", access == .token ? .role(.admin) : .public, rate: nil) { _ in try render() }
    }

    private func render() throws -> Response {
        var text = "# HELP newsstore_build_info The running version.\n# TYPE newsstore_build_info gauge\n"
        text += "newsstore_build_info{version=\"\(ServerMetrics.escape(version))\"} 1\n"
        metrics.render(into: &text)
        let statistics = try database.statistics()
        text += "# HELP newsstore_articles Articles stored, by status.\n# TYPE newsstore_articles gauge\n"
        for status in ArticleStatus.allCases {
            text += "newsstore_articles{status=\"\(status.rawValue)\"} \(statistics.articlesByStatus[status] ?? 0)\n"
        }
        text += "# HELP newsstore_db_waits_total Borrowings of a database connection that had to wait.\n"
        text += "# TYPE newsstore_db_waits_total counter\n"
        text += "newsstore_db_waits_total{connection=\"reader\"} \(statistics.readerWaits)\n"
        text += "newsstore_db_waits_total{connection=\"writer\"} \(statistics.writerWaits)\n"
        text += "# HELP newsstore_db_wait_seconds_total Time spent waiting for a database connection.\n"
        text += "# TYPE newsstore_db_wait_seconds_total counter\n"
        text += "newsstore_db_wait_seconds_total{connection=\"reader\"} \(statistics.readerWaitSeconds)\n"
        text += "newsstore_db_wait_seconds_total{connection=\"writer\"} \(statistics.writerWaitSeconds)\n"
        let outbox = try database.outboxStatistics()
        text += "# HELP newsstore_webhook_attempts_total Webhook delivery attempts, by what they came to.\n"
        text += "# TYPE newsstore_webhook_attempts_total counter\n"
        for outcome in DeliveryOutcome.allCases {
            text += "newsstore_webhook_attempts_total{outcome=\"\(outcome.rawValue)\"} \(outbox.attempts[outcome] ?? 0)\n"
        }
        text += "# HELP newsstore_outbox_backlog Outbox deliveries waiting for an attempt or a retry.\n"
        text += "# TYPE newsstore_outbox_backlog gauge\n"
        text += "newsstore_outbox_backlog \(outbox.backlog)\n"
        text += "# HELP newsstore_outbox_oldest_pending_seconds Age of the oldest pending outbox delivery.\n"
        text += "# TYPE newsstore_outbox_oldest_pending_seconds gauge\n"
        text += "newsstore_outbox_oldest_pending_seconds \(outbox.oldestPendingSeconds)\n"
        renderPurges(try database.purgeStatistics(), latency: purgeLatency.snapshot(), into: &text)
        var headers = Headers()
        headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        headers.set("Cache-Control", "no-store")
        return Response(status: .ok, headers: headers, body: Array(text.utf8))
    }

    private func renderPurges(
        _ purges: PurgeStatistics, latency: (buckets: [(boundMilliseconds: Int64, count: Int)], count: Int, sumSeconds: Double),
        into text: inout String
    ) {
        text += "# HELP newsstore_purges_total Cache purges (one per write and target), by what their last attempt came to.\n"
        text += "# TYPE newsstore_purges_total counter\n"
        for outcome in DeliveryOutcome.allCases where outcome != .gone {
            text += "newsstore_purges_total{outcome=\"\(outcome.rawValue)\"} \(purges.attempts[outcome] ?? 0)\n"
        }
        text += "# HELP newsstore_purge_backlog Cache purges waiting for an attempt or a retry.\n"
        text += "# TYPE newsstore_purge_backlog gauge\n"
        text += "newsstore_purge_backlog \(purges.backlog)\n"
        text += "# HELP newsstore_purge_latency_seconds From a write's commit to the cache's acknowledgement of its purge, since the start.\n"
        text += "# TYPE newsstore_purge_latency_seconds histogram\n"
        for (bound, count) in latency.buckets {
            let le = bound == .max ? "+Inf" : "\(Double(bound) / 1000)"
            text += "newsstore_purge_latency_seconds_bucket{le=\"\(le)\"} \(count)\n"
        }
        text += "newsstore_purge_latency_seconds_sum \(latency.sumSeconds)\n"
        text += "newsstore_purge_latency_seconds_count \(latency.count)\n"
    }
}

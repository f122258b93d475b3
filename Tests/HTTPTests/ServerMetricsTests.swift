import Dispatch
import Testing

@testable import HTTP

/// Requests recorded on any processor add up in the one exposition: the series are kept per
/// processor (each with a lock of its own) and merged when rendered.
@Suite struct ServerMetricsTests {
    private static func samples(_ metrics: ServerMetrics) -> [String: Double] {
        var text = ""
        metrics.render(into: &text)
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    @Test func countsFromManyThreadsAddUp() {
        let metrics = ServerMetrics()
        // Threads spread over the processors, each recording 1,000 requests of both routes.
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<1_000 {
                metrics.record(method: .get, route: "/a/{key}", status: 200, seconds: index % 2 == 0 ? 0.0001 : 0.02)
                metrics.record(method: thread % 2 == 0 ? .post : .other("PROPFIND"), route: "/b", status: 201, seconds: 3)
            }
        }
        let samples = Self.samples(metrics)
        #expect(samples[#"newsstore_http_requests_total{method="GET",route="/a/{key}",status="200"}"#] == 8_000)
        #expect(samples[#"newsstore_http_requests_total{method="POST",route="/b",status="201"}"#] == 4_000)
        #expect(samples[#"newsstore_http_requests_total{method="other",route="/b",status="201"}"#] == 4_000)
        let route = #"route="/a/{key}""#
        #expect(samples["newsstore_http_request_duration_seconds_bucket{\(route),le=\"0.0005\"}"] == 4_000)
        #expect(samples["newsstore_http_request_duration_seconds_bucket{\(route),le=\"0.025\"}"] == 8_000)
        #expect(samples["newsstore_http_request_duration_seconds_count{\(route)}"] == 8_000)
        let sum = samples["newsstore_http_request_duration_seconds_sum{\(route)}"] ?? 0
        #expect(abs(sum - (4_000 * 0.0001 + 4_000 * 0.02)) < 1e-6)
        // Slower than the last bound: counted, in no finite bucket.
        #expect(samples[#"newsstore_http_request_duration_seconds_bucket{route="/b",le="2.5"}"#] == 0)
        #expect(samples[#"newsstore_http_request_duration_seconds_count{route="/b"}"#] == 8_000)
    }
}

import Foundation
import Testing

/// Webhooks against the real binary and a real receiver on loopback (Standard Webhooks):
/// retries with the same webhook-id and valid signatures, retries that outlive a kill -9, a
/// 410 that turns the subscription off, and a scheduled article announced when its time comes.
@Suite struct WebhookEndToEndTests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
    /// Fast retries, receivers on loopback, and public URLs in payloads.
    static func arguments(schedule: String) -> [String] {
        ["--webhooks-allow-private", "on", "--webhooks-retry-schedule", schedule, "--public-url", "https://news.example"]
    }

    /// Subscribes `receiver` to `events` and hands it the secret; returns the subscription.
    private func subscribe(_ client: RawConnection, _ receiver: WebhookReceiver, events: [String] = ["article.published"]) throws
        -> [String: Any]
    {
        let created = try client.request("POST", "/api/v1/webhooks", json: ["url": receiver.url, "events": events], headers: Self.auth)
        #expect(created.status == 201)
        let secret = try #require(created.json["secret"] as? String)
        try receiver.trust(secret)
        return created.json
    }

    private func publish(_ client: RawConnection, _ title: String, extra: [String: Any] = [:]) throws -> [String: Any] {
        let fields = ["title": title, "status": "published", "body": "نص الخبر"].merging(extra) { $1 }
        let response = try client.request("POST", "/api/v1/articles", json: fields, headers: Self.auth)
        #expect(response.status == 201)
        return response.json
    }

    @Test func failedAttemptsAreRetriedWithTheSameIDAndValidSignatures() throws {
        let receiver = try WebhookReceiver(statuses: ["500", "500", "200"])
        let server = try ServerProcess(Self.arguments(schedule: "0.3,0.3,0.3"))
        let client = try server.connect()
        let subscription = try subscribe(client, receiver)
        let article = try publish(client, "خبر عاجل", extra: ["slug": "breaking"])

        let entries = receiver.entries(count: 3)
        try #require(entries.count == 3, "\(server.logText)")
        #expect(entries.map(\.status) == ["500", "500", "200"])
        #expect(Set(entries.map(\.webhookID)).count == 1)
        #expect(entries[0].webhookID.hasPrefix("msg_"))
        #expect(entries.allSatisfy { $0.valid })
        #expect(Set(entries.map(\.body)).count == 1, "every attempt sends the same bytes")
        #expect(entries.allSatisfy { $0.contentType == "application/json" && $0.userAgent.hasPrefix("NewsStore/") })
        #expect(entries.allSatisfy { abs($0.timestamp - Int(Date().timeIntervalSince1970)) < 60 })

        let payload = entries[0].payload
        #expect(payload["type"] as? String == "article.published")
        #expect((payload["timestamp"] as? String)?.hasSuffix("Z") == true)
        let data = try #require(payload["data"] as? [String: Any])
        #expect(data["id"] as? Int == article["id"] as? Int)
        #expect(data["title"] as? String == "خبر عاجل")
        #expect(data["url"] as? String == "https://news.example/articles/breaking")
        // The summary is the API's own: the listing's members, plus the public URL.
        let listed = try client.request("GET", "/api/v1/articles").json["items"] as? [[String: Any]]
        #expect(Set(data.keys) == Set(try #require(listed?.first).keys).union(["url"]))

        let id = try #require(subscription["id"] as? Int)
        let deliveries = try client.request("GET", "/api/v1/webhooks/\(id)/deliveries", headers: Self.auth)
        #expect(deliveries.status == 200)
        let delivery = try #require((deliveries.json["items"] as? [[String: Any]])?.first)
        #expect(delivery["state"] as? String == "delivered")
        #expect(delivery["webhook_id"] as? String == entries[0].webhookID)
        let attempts = try #require(delivery["attempts"] as? [[String: Any]])
        #expect(attempts.map { $0["status"] as? Int } == [500, 500, 200])
        #expect(attempts.map { $0["outcome"] as? String } == ["retry", "retry", "delivered"])
        #expect(attempts[0]["error"] as? String == "the receiver answered 500")
        #expect(attempts.allSatisfy { ($0["duration_ms"] as? Int ?? -1) >= 0 })

        let metrics = String(decoding: try client.request("GET", "/metrics", headers: Self.auth).body, as: UTF8.self)
        #expect(metrics.contains(#"newsstore_webhook_attempts_total{outcome="retry"} 2"#))
        #expect(metrics.contains(#"newsstore_webhook_attempts_total{outcome="delivered"} 1"#))
        #expect(metrics.contains("newsstore_outbox_backlog 0\n"))

        // Sent again on request: the same message, a fourth attempt.
        let redelivered = try client.request(
            "POST", "/api/v1/webhooks/\(id)/deliveries/\(delivery["id"] as? Int ?? 0)/redeliver", headers: Self.auth)
        #expect(redelivered.status == 202)
        let again = receiver.entries(count: 4)
        #expect(again.count == 4)
        #expect(again.last?.webhookID == entries[0].webhookID && again.last?.valid == true)
    }

    /// The server is killed (SIGKILL) after the first failed attempt; the retry still comes,
    /// from the restarted server, with the same webhook-id.
    @Test func aRetryOutlivesAKill() throws {
        let receiver = try WebhookReceiver(statuses: ["500", "200"])
        let first = try ServerProcess(Self.arguments(schedule: "1.5"))
        _ = try subscribe(try first.connect(), receiver)
        _ = try publish(try first.connect(), "خبر")
        try #require(receiver.entries(count: 1).count == 1)
        #expect(first.stop(signal: SIGKILL) != nil)
        let restarted = try ServerProcess(Self.arguments(schedule: "1.5"), directory: first.directory)
        let entries = receiver.entries(count: 2)
        try #require(entries.count == 2, "\(restarted.logText)")
        #expect(entries.map(\.status) == ["500", "200"])
        #expect(entries[0].webhookID == entries[1].webhookID)
        #expect(entries.allSatisfy { $0.valid })
    }

    /// An attempt cut short by a kill (the receiver had the request, the server never heard
    /// back) is made again after the restart, with the same webhook-id.
    @Test func anAttemptCutByAKillIsMadeAgain() throws {
        let receiver = try WebhookReceiver(statuses: ["slow200", "200"], slowSeconds: 3)
        let first = try ServerProcess(Self.arguments(schedule: "0.2"))
        _ = try subscribe(try first.connect(), receiver)
        _ = try publish(try first.connect(), "خبر")
        try #require(receiver.entries(count: 1).count == 1)
        #expect(first.stop(signal: SIGKILL) != nil)
        let restarted = try ServerProcess(Self.arguments(schedule: "0.2"), directory: first.directory)
        let entries = receiver.entries(count: 2)
        try #require(entries.count == 2, "\(restarted.logText)")
        #expect(entries[0].webhookID == entries[1].webhookID)
        #expect(entries[0].body == entries[1].body)
        #expect(entries.allSatisfy { $0.valid })
    }

    @Test func goneTurnsTheSubscriptionOff() throws {
        let receiver = try WebhookReceiver(statuses: ["410"])
        let server = try ServerProcess(Self.arguments(schedule: "0.2"))
        let client = try server.connect()
        let id = try #require(try subscribe(client, receiver)["id"] as? Int)
        _ = try publish(client, "أول")
        try #require(receiver.entries(count: 1).count == 1)
        var subscription: [String: Any] = [:]
        for _ in 0..<100 {
            subscription = try client.request("GET", "/api/v1/webhooks/\(id)", headers: Self.auth).json
            if subscription["active"] as? Bool == false { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(subscription["active"] as? Bool == false)
        #expect(subscription["disabled_reason"] as? String == "gone")
        _ = try publish(client, "ثان")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(receiver.entries().count == 1)
    }

    /// Without --webhooks-allow-private a receiver on loopback is refused at send time, by IP
    /// and by a name that resolves to it; the attempt says why and nothing reaches it.
    @Test func loopbackReceiversAreRefusedByDefault() throws {
        let receiver = try WebhookReceiver(statuses: ["204"])
        let server = try ServerProcess(["--webhooks-retry-schedule", "1h"])
        let client = try server.connect()
        var ids: [Int] = []
        for url in [receiver.url, "http://localhost:\(receiver.port)/hooks"] {
            let created = try client.request("POST", "/api/v1/webhooks", json: ["url": url, "events": ["article.published"]], headers: Self.auth)
            #expect(created.status == 201, "a loopback URL is refused when sent to, not when subscribed")
            ids.append(try #require(created.json["id"] as? Int))
        }
        _ = try publish(client, "خبر")
        for id in ids {
            var attempt: [String: Any] = [:]
            for _ in 0..<200 {
                let items = try client.request("GET", "/api/v1/webhooks/\(id)/deliveries", headers: Self.auth).json["items"] as? [[String: Any]]
                if let first = (items?.first?["attempts"] as? [[String: Any]])?.first {
                    attempt = first
                    break
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            #expect(attempt["outcome"] as? String == "retry")
            #expect(attempt["status"] is NSNull)
            let error = attempt["error"] as? String ?? ""
            #expect(error.contains("refused") && error.contains("loopback"), "\(error)")
        }
        #expect(receiver.entries().isEmpty)
    }

    @Test func badDeliverySettingsStopTheStart() throws {
        for (flag, value, message) in [
            ("--webhooks-retry-schedule", "5s,,1h", "is not a delay"), ("--webhooks-retry-schedule", "8h,200h", "at most 7 days"),
            ("--webhooks-timeout", "0", "is not a number of seconds"), ("--webhooks-allow-private", "yes", "is not on or off"),
        ] {
            let result = try CommandResult.run(ServerProcess.binary.path, ["serve", "--port", "0", flag, value])
            #expect(result.status == 2, "\(flag) \(value)")
            #expect(result.errors.contains(flag) && result.errors.contains(message), "\(result.errors)")
        }
    }

    @Test func aScheduledArticleIsAnnouncedWhenItsTimeComes() throws {
        let receiver = try WebhookReceiver(statuses: ["200"])
        let server = try ServerProcess(Self.arguments(schedule: "0.2"))
        let client = try server.connect()
        _ = try subscribe(client, receiver)
        let due = Date().addingTimeInterval(1.5)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let article = try publish(client, "مجدول", extra: ["published_at": formatter.string(from: due)])
        let entries = receiver.entries(count: 1)
        try #require(entries.count == 1, "\(server.logText)")
        let payload = entries[0].payload
        #expect(payload["type"] as? String == "article.published")
        #expect((payload["data"] as? [String: Any])?["id"] as? Int == article["id"] as? Int)
        let announced = try #require(
            formatter.date(from: payload["timestamp"] as? String ?? "") ?? ISO8601DateFormatter().date(from: payload["timestamp"] as? String ?? ""))
        #expect(announced >= due.addingTimeInterval(-0.001), "announced at \(announced), due \(due)")
    }
}

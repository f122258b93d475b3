import Foundation
import Testing

/// Cache purges against the real binary and a cache on loopback that hangs, goes down and
/// comes back: writes never wait for the cache, and every purge arrives once it is back.
@Suite struct CachePurgeEndToEndTests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]

    /// The value of the first `/metrics` sample named `name` (with its labels, if any).
    private func metric(_ client: RawConnection, _ name: String) throws -> Double? {
        let text = String(decoding: try client.request("GET", "/metrics", headers: Self.auth).body, as: UTF8.self)
        return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ").last!) }
    }

    @Test func aCacheThatHangsOrIsDownNeitherSlowsNorFailsTheWriteAndGetsThePurgeOnceBack() throws {
        let cache = try PurgeReceiver(hanging: true)
        let server = try ServerProcess([
            "--purge-varnish", "http://127.0.0.1:\(cache.port)/", "--purge-timeout", "2",
            "--purge-retry-schedule", Array(repeating: "0.5", count: 20).joined(separator: ","),
        ])
        let client = try server.connect()
        let clock = ContinuousClock()

        // The cache takes the connection and never answers: the write does not wait for it.
        var started = clock.now
        let created = try client.request(
            "POST", "/api/v1/articles", json: ["title": "خبر عاجل", "status": "published", "body": "نص"], headers: Self.auth)
        let id = try #require(created.json["id"] as? Int)
        #expect(created.status == 201)
        #expect(started.duration(to: clock.now) < .milliseconds(500), "a hanging cache slowed the write")
        Thread.sleep(forTimeInterval: 0.5)

        // The cache is down: the write still succeeds at once, and its purge waits in the outbox.
        cache.stop()
        started = clock.now
        let patched = try client.request("PATCH", "/api/v1/articles/\(id)", json: ["title": "خبر عاجل محدث"], headers: Self.auth)
        #expect(patched.status == 200)
        #expect(started.duration(to: clock.now) < .milliseconds(500), "a cache that is down slowed the write")
        let backlog = try metric(client, "newsstore_purge_backlog")
        #expect(backlog == 2, "both writes' purges wait: \(String(describing: backlog))")
        #expect(cache.entries().isEmpty)

        // Back: the waiting purges arrive (merged into one request when both are due together,
        // which depends on when the failed attempts' retries fall) and the backlog empties.
        try cache.restart()
        _ = cache.entries(purging: "article-\(id)")
        var settled = false
        for _ in 0..<100 where !settled {
            settled = try metric(client, "newsstore_purge_backlog") == 0
            if !settled { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(settled)
        let entries = cache.entries()
        #expect(!entries.isEmpty && entries.count <= 2, "\(entries)")
        for purge in entries {
            #expect(purge.method == "PURGE" && purge.path == "/")
            #expect(purge.keys.first == "article-\(id)", "\(purge.keys)")
            #expect(Set(purge.keys).count == purge.keys.count, "a key sent twice in one purge: \(purge.keys)")
        }
        // The creation's keys (lists, since it became public) and the edit's all arrived.
        #expect(Set(entries.flatMap(\.keys)).isSuperset(of: ["article-\(id)", "list", "feed", "search", "sitemap"]))
        #expect(try metric(client, "newsstore_purges_total{outcome=\"delivered\"}") == 2)
        #expect(try metric(client, "newsstore_purge_latency_seconds_count") == 2)
        #expect(try (metric(client, "newsstore_purges_total{outcome=\"retry\"}") ?? 0) >= 1)
    }

    @Test func aCDNTokenComesFromTheEnvironmentOrTheServerDoesNotStart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("purge-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandResult.run(
            ServerProcess.binary.path,
            [
                "serve", "--port", "0", "--db", directory.appendingPathComponent("news.sqlite").path, "--migrations",
                repositoryPath("migrations"), "--web", "off", "--purge-fastly", "https://api.fastly.com/service/abc/purge",
            ],
            environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NEWSSTORE_") })
        #expect(result.status == 1)
        #expect(result.errors.contains("NEWSSTORE_FASTLY_API_TOKEN"), "\(result.errors)")
    }
}

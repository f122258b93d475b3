import Foundation
import Testing

/// Counting views and the most-read listing against the real binary: clients told apart
/// through the loopback proxy's X-Forwarded-For, the rate limit, and counts that outlive a
/// graceful restart.
@Suite struct ViewsEndToEndTests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]

    private func create(_ client: RawConnection, _ fields: [String: Any]) throws -> Int {
        let response = try client.request("POST", "/api/v1/articles", json: fields, headers: Self.auth)
        #expect(response.status == 201)
        return try #require(response.json["id"] as? Int)
    }

    /// A view from `client`, as the local proxy would forward it.
    private func view(_ connection: RawConnection, _ key: String, client: String) throws -> RawConnection.Response {
        try connection.request("POST", "/api/v1/articles/\(key)/views", headers: ["X-Forwarded-For": client])
    }

    /// The popular listing's (id, views_in_window) pairs, once `expectedTotal` views show in it
    /// (flushes run in the background), or after five seconds.
    private func popular(_ connection: RawConnection, _ query: String, expectedTotal: Int) throws -> [[Int]] {
        let deadline = Date().addingTimeInterval(5)
        while true {
            let response = try connection.request("GET", "/api/v1/articles/popular" + query)
            #expect(response.status == 200)
            let items = (response.json["items"] as? [[String: Any]] ?? []).map { [$0["id"] as? Int ?? 0, $0["views_in_window"] as? Int ?? 0] }
            if items.map({ $0[1] }).reduce(0, +) >= expectedTotal || Date() > deadline { return items }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    @Test func viewsRankPublicArticlesInEveryWindow() throws {
        let server = try ServerProcess(["--views-flush-interval", "0.1"])
        let client = try server.connect()
        #expect(try client.request("POST", "/api/v1/categories", json: ["name": "رياضة", "slug": "sport"], headers: Self.auth).status == 201)
        let few = try create(client, ["title": "قليل", "status": "published", "body": "نص"])
        let most = try create(client, ["title": "كثير", "status": "published", "body": "نص", "category": "sport"])
        let some = try create(client, ["title": "بعض", "slug": "some-views", "status": "published", "body": "نص"])
        let draft = try create(client, ["title": "مسودة", "body": "نص"])

        for (key, readers) in [("\(few)", 1), ("\(most)", 5), ("some-views", 3)] {
            for reader in 0..<readers {
                #expect(try view(client, key, client: "198.51.100.\(reader)").status == 202)
            }
        }
        // A reader's repeated view of the same article counts once.
        #expect(try view(client, "\(most)", client: "198.51.100.0").status == 202)
        let missing = try view(client, "\(draft)", client: "198.51.100.9")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type") == "application/problem+json; charset=utf-8")

        let expected = [[most, 5], [some, 3], [few, 1]]
        #expect(try popular(client, "", expectedTotal: 9) == expected)
        for window in ["24h", "7d", "30d"] {
            #expect(try popular(client, "?window=\(window)", expectedTotal: 9) == expected, "\(window)")
        }
        #expect(try popular(client, "?window=7d&limit=2", expectedTotal: 8) == Array(expected.prefix(2)))
        #expect(try popular(client, "?category=sport", expectedTotal: 5) == [[most, 5]])
        #expect(try client.request("GET", "/api/v1/articles/popular?window=1d").status == 400)
        // The listing's all-time total and the article's own count agree.
        #expect(try client.request("GET", "/api/v1/articles/\(most)").json["views"] as? Int == 5)
    }

    @Test func aClientOverItsRateGets429WithRetryAfter() throws {
        let server = try ServerProcess(["--views-per-minute", "1", "--views-burst", "2"])
        let client = try server.connect()
        let id = try create(client, ["title": "خبر", "status": "published", "body": "نص"])
        #expect(try view(client, "\(id)", client: "203.0.113.5").status == 202)
        #expect(try view(client, "\(id)", client: "203.0.113.5").status == 202)
        let refused = try view(client, "\(id)", client: "203.0.113.5")
        #expect(refused.status == 429)
        #expect(refused.header("Retry-After") == "60")
        #expect(refused.header("Content-Type") == "application/problem+json; charset=utf-8")
        #expect(try view(client, "\(id)", client: "203.0.113.6").status == 202)
        // With no trusted proxy, X-Forwarded-For is the client's own claim and changes nothing.
        let direct = try ServerProcess(["--views-per-minute", "1", "--views-burst", "1", "--trusted-proxies", ""])
        let directClient = try direct.connect()
        let other = try create(directClient, ["title": "خبر", "status": "published", "body": "نص"])
        #expect(try view(directClient, "\(other)", client: "203.0.113.7").status == 202)
        #expect(try view(directClient, "\(other)", client: "203.0.113.8").status == 429)
    }

    @Test func anEditorsETagStillMatchesAfterViewsAreWritten() throws {
        let server = try ServerProcess(["--views-flush-interval", "0.1"])
        let client = try server.connect()
        let id = try create(client, ["title": "خبر", "status": "published", "body": "نص"])
        let tag = try #require(try client.request("GET", "/api/v1/articles/\(id)", headers: Self.auth).header("ETag"))
        // Readers' view (without the editors' `created_by`) has a tag of its own; asked for
        // under another address, so the response cache does not keep it for the reader below.
        let readersTag = try #require(try client.request("GET", "/api/v1/articles/\(id)?body=blocks").header("ETag"))
        #expect(try view(client, "\(id)", client: "192.0.2.1").status == 202)
        #expect(try popular(client, "", expectedTotal: 1) == [[id, 1]])
        let reader = try client.request("GET", "/api/v1/articles/\(id)")
        #expect(reader.json["views"] as? Int == 1)
        #expect(reader.header("ETag") == readersTag)
        let patched = try client.request(
            "PATCH", "/api/v1/articles/\(id)", json: ["summary": "ملخص"], headers: Self.auth.merging(["If-Match": tag]) { $1 })
        #expect(patched.status == 200)
    }

    @Test func countedViewsSurviveAGracefulRestart() throws {
        // Flushes are a minute apart: only the flush at shutdown can have written the views.
        let server = try ServerProcess(["--views-flush-interval", "60"])
        let client = try server.connect()
        let id = try create(client, ["title": "خبر", "status": "published", "body": "نص"])
        for reader in 0..<4 { #expect(try view(client, "\(id)", client: "192.0.2.\(reader)").status == 202) }
        #expect(server.stop() == 0)
        #expect(server.logText.contains(#""views flushed" views=4"#))

        let restarted = try ServerProcess(["--views-flush-interval", "60"], directory: server.directory)
        let again = try restarted.connect()
        #expect(try again.request("GET", "/api/v1/articles/\(id)").json["views"] as? Int == 4)
        #expect(try popular(again, "", expectedTotal: 4) == [[id, 4]])
    }
}

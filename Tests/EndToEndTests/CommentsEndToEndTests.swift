import Foundation
import Testing

/// Readers' comments against the real binary over real sockets: every status the issue names,
/// readers told apart through the trusted loopback proxy's `X-Forwarded-For`, and what the
/// public JSON never holds.
@Suite struct CommentsEndToEndTests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
    static let problem = "application/problem+json; charset=utf-8"

    private func create(_ connection: RawConnection, _ fields: [String: Any]) throws -> Int {
        var article: [String: Any] = ["status": "published", "body": "نص"]
        article.merge(fields) { $1 }
        let response = try connection.request("POST", "/api/v1/articles", json: article, headers: Self.auth)
        #expect(response.status == 201)
        return try #require(response.json["id"] as? Int)
    }

    /// A reader's comment, as the local proxy would forward it.
    private func comment(_ connection: RawConnection, _ key: String, _ fields: [String: Any], client: String = "203.0.113.20")
        throws -> RawConnection.Response
    {
        try connection.request("POST", "/api/v1/articles/\(key)/comments", json: fields, headers: ["X-Forwarded-For": client])
    }

    private func moderate(_ connection: RawConnection, _ id: Int, _ status: String) throws -> RawConnection.Response {
        try connection.request("PATCH", "/api/v1/comments/\(id)", json: ["status": status], headers: Self.auth)
    }

    private func items(_ response: RawConnection.Response) -> [[String: Any]] {
        response.json["items"] as? [[String: Any]] ?? []
    }

    /// Room for the many comments of one test from one client; the limit has its own test.
    static let roomy = ["--comments-per-minute", "1000", "--comments-burst", "1000"]

    @Test func aCommentIsModeratedThenReadBackInThreadOrder() throws {
        let server = try ServerProcess(Self.roomy)
        let connection = try server.connect()
        let id = try create(connection, ["title": "خبر", "slug": "news-1"])

        let posted = try comment(connection, "news-1", ["author_name": "علي", "author_email": "ali@example.com", "body": "تعليق أول"])
        #expect(posted.status == 202)
        #expect(posted.header("Cache-Control") == "no-store")
        #expect(posted.json["status"] as? String == "pending")
        #expect(Set(posted.json.keys) == ["id", "status"])
        let first = try #require(posted.json["id"] as? Int)

        // Pending: not public yet.
        let empty = try connection.request("GET", "/api/v1/articles/\(id)/comments")
        #expect(empty.status == 200)
        #expect(items(empty).isEmpty)
        #expect(empty.json.keys.sorted() == ["items", "next_cursor"])
        let emptyTag = try #require(empty.header("ETag"))
        #expect(empty.header("Cache-Control") == "public, max-age=60, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400")

        // The queue shows the email and the address the proxy forwarded.
        let queue = try connection.request("GET", "/api/v1/comments?status=pending&article=news-1", headers: Self.auth)
        #expect(queue.status == 200)
        #expect(queue.header("Cache-Control") == "private, no-store")
        let queued = try #require(items(queue).first)
        #expect(queued["author_email"] as? String == "ali@example.com")
        #expect(queued["client_address"] as? String == "203.0.113.20")
        #expect((queued["article"] as? [String: Any])?["title"] as? String == "خبر")
        #expect(try connection.request("GET", "/api/v1/comments").status == 401)
        #expect(try connection.request("GET", "/api/v1/comments?status=held", headers: Self.auth).status == 400)
        #expect(try connection.request("GET", "/api/v1/comments?article=nothing-here", headers: Self.auth).status == 404)

        let approved = try moderate(connection, first, "approved")
        #expect(approved.status == 200)
        #expect(approved.json["status"] as? String == "approved")
        #expect(try moderate(connection, first, "published").status == 422)
        #expect(try moderate(connection, 9999, "spam").status == 404)
        #expect(try connection.request("PATCH", "/api/v1/comments/\(first)", json: ["status": "spam"]).status == 401)

        // A moderation change changes the ETag: the old one no longer gets 304.
        let after = try connection.request("GET", "/api/v1/articles/\(id)/comments", headers: ["If-None-Match": emptyTag])
        #expect(after.status == 200)
        let tag = try #require(after.header("ETag"))
        #expect(tag != emptyTag)
        #expect(try connection.request("GET", "/api/v1/articles/\(id)/comments", headers: ["If-None-Match": tag]).status == 304)

        // A reply to a reply joins the top comment; a second top comment comes after the thread.
        let second = try #require(try comment(connection, "\(id)", ["author_name": "منى", "body": "تعليق ثان"]).json["id"] as? Int)
        let reply = try #require(try comment(connection, "\(id)", ["author_name": "سعيد", "body": "رد", "parent_id": first]).json["id"] as? Int)
        #expect(try moderate(connection, reply, "approved").status == 200)
        let nested = try comment(connection, "\(id)", ["author_name": "هدى", "body": "رد على الرد", "parent_id": reply])
        #expect(nested.status == 202)
        let nestedID = try #require(nested.json["id"] as? Int)
        for comment in [second, nestedID] { #expect(try moderate(connection, comment, "approved").status == 200) }

        let list = try connection.request("GET", "/api/v1/articles/\(id)/comments")
        #expect(items(list).map { $0["id"] as? Int } == [first, reply, nestedID, second])
        #expect(items(list).map { $0["parent_id"] as? Int } == [nil, first, first, nil])
        for item in items(list) {
            #expect(item.keys.sorted() == ["author_name", "body", "created_at", "id", "parent_id"])
        }
        // Pages follow listing rules.
        let page = try connection.request("GET", "/api/v1/articles/\(id)/comments?limit=3")
        #expect(items(page).count == 3)
        let cursor = try #require(page.json["next_cursor"] as? String)
        let rest = try connection.request("GET", "/api/v1/articles/\(id)/comments?limit=3&cursor=\(cursor)")
        #expect(items(rest).map { $0["id"] as? Int } == [second])
        #expect(rest.json["next_cursor"] is NSNull)
        #expect(try connection.request("GET", "/api/v1/articles/\(id)/comments?cursor=bogus").status == 400)
        #expect(try connection.request("GET", "/api/v1/articles/\(id)/comments?limit=0").status == 400)
        #expect(try connection.request("GET", "/api/v1/articles/\(id)/comments?sort=x").status == 400)

        // The detail and the summaries count approved comments.
        let detail = try connection.request("GET", "/api/v1/articles/\(id)")
        #expect(detail.json["comment_count"] as? Int == 4)
        #expect(detail.json["comments"] as? String == "open")
        #expect(items(try connection.request("GET", "/api/v1/articles")).first?["comment_count"] as? Int == 4)

        // Deleting a comment with approved replies leaves a tombstone.
        #expect(try connection.request("DELETE", "/api/v1/comments/\(first)", headers: Self.auth).status == 204)
        #expect(try connection.request("DELETE", "/api/v1/comments/\(first)", headers: Self.auth).status == 404)
        let tombstone = try #require(items(try connection.request("GET", "/api/v1/articles/\(id)/comments")).first)
        #expect(tombstone.keys.sorted() == ["created_at", "deleted", "id", "parent_id"])
        #expect(tombstone["deleted"] as? Bool == true)
        #expect(try connection.request("GET", "/api/v1/articles/\(id)").json["comment_count"] as? Int == 3)
    }

    @Test func everyRefusalHasItsStatus() throws {
        let server = try ServerProcess(Self.roomy)
        let connection = try server.connect()
        let id = try create(connection, ["title": "مفتوح"])
        let other = try create(connection, ["title": "آخر"])
        let draft = try create(connection, ["title": "مسودة", "status": "draft"])
        let archived = try create(connection, ["title": "أرشيف", "status": "archived"])
        let scheduled = try create(connection, ["title": "مجدول", "published_at": "2999-01-01T00:00:00Z"])
        let valid: [String: Any] = ["author_name": "قارئ", "body": "نص التعليق"]

        for hidden in [draft, archived, scheduled, 999] {
            let response = try comment(connection, "\(hidden)", valid)
            #expect(response.status == 404, "\(hidden)")
            #expect(response.header("Content-Type") == Self.problem)
            #expect(try connection.request("GET", "/api/v1/articles/\(hidden)/comments").status == 404)
        }

        // Closed with a PATCH: 403; opened again: accepted.
        let closed = try connection.request("PATCH", "/api/v1/articles/\(id)", json: ["comments": "closed"], headers: Self.auth)
        #expect(closed.status == 200)
        #expect(closed.json["comments"] as? String == "closed")
        let refused = try comment(connection, "\(id)", valid)
        #expect(refused.status == 403)
        #expect(refused.bodyText.contains("closed"))
        #expect(try connection.request("PATCH", "/api/v1/articles/\(id)", json: ["comments": "maybe"], headers: Self.auth).status == 422)
        #expect(try connection.request("PATCH", "/api/v1/articles/\(id)", json: ["comments": "open"], headers: Self.auth).status == 200)

        func pointers(_ response: RawConnection.Response) -> [String] {
            (response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }.sorted()
        }
        let unknown = try comment(connection, "\(id)", ["author_name": "قارئ", "body": "نص", "website": "https://spam.example"])
        #expect(unknown.status == 422)
        #expect(pointers(unknown) == ["/website"])
        let blank = try comment(connection, "\(id)", ["author_name": "  ", "body": ""])
        #expect(blank.status == 422)
        #expect(pointers(blank) == ["/author_name", "/body"])
        let long = try comment(
            connection, "\(id)",
            ["author_name": String(repeating: "ن", count: 81), "body": String(repeating: "ب", count: 5001), "author_email": "not-an-email"])
        #expect(long.status == 422)
        #expect(pointers(long) == ["/author_email", "/author_name", "/body"])
        // At the limits, with the empty email an empty form field sends: accepted.
        #expect(
            try comment(
                connection, "\(id)",
                ["author_name": String(repeating: "ن", count: 80), "body": String(repeating: "ب", count: 5000), "author_email": ""]
            ).status == 202)

        let elsewhere = try #require(try comment(connection, "\(other)", valid).json["id"] as? Int)
        #expect(try moderate(connection, elsewhere, "approved").status == 200)
        let crossed = try comment(connection, "\(id)", ["author_name": "قارئ", "body": "رد", "parent_id": elsewhere])
        #expect(crossed.status == 422)
        #expect(pointers(crossed) == ["/parent_id"])

        let notJSON = try connection.request(
            "POST", "/api/v1/articles/\(id)/comments", body: Array("author_name=x".utf8),
            headers: ["Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.21"])
        #expect(notJSON.status == 415)

        // The same body again from the same client: 409; from another: accepted.
        let duplicate = try comment(connection, "\(other)", valid)
        #expect(duplicate.status == 409)
        #expect(duplicate.header("Content-Type") == Self.problem)
        #expect(try comment(connection, "\(other)", valid, client: "203.0.113.99").status == 202)
    }

    @Test func aFloodingClientGets429WithRetryAfterWhileOthersComment() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        let id = try create(connection, ["title": "خبر"])
        var statuses: [Int] = []
        for index in 0..<4 {
            statuses.append(try comment(connection, "\(id)", ["author_name": "آلة", "body": "رسالة \(index)"], client: "198.51.100.66").status)
        }
        #expect(statuses == [202, 202, 429, 429])
        let refused = try comment(connection, "\(id)", ["author_name": "آلة", "body": "أخرى"], client: "198.51.100.66")
        #expect(refused.status == 429)
        // Five a minute: the next token is 12 seconds away.
        #expect(Int(refused.header("Retry-After") ?? "") ?? 0 >= 10)
        #expect(try comment(connection, "\(id)", ["author_name": "قارئ", "body": "تعليق هادئ"], client: "203.0.113.30").status == 202)
        // Reading stays open to the flooder: comments are their own budget.
        #expect(try connection.request("GET", "/api/v1/articles/\(id)/comments", headers: ["X-Forwarded-For": "198.51.100.66"]).status == 200)
    }

    @Test func bannedClientsGet403WithoutAHint() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        let id = try create(connection, ["title": "خبر"])
        let byEmail = try connection.request(
            "POST", "/api/v1/comment-bans", json: ["email": "Troll@Example.com", "reason": "إساءة"], headers: Self.auth)
        #expect(byEmail.status == 201)
        #expect(byEmail.header("Location") == "/api/v1/comment-bans/\(byEmail.json["id"] as? Int ?? 0)")
        let byAddress = try connection.request(
            "POST", "/api/v1/comment-bans", json: ["address": "2001:db8:1:2::5", "reason": "سبام", "expires_at": "2999-01-01T00:00:00Z"],
            headers: Self.auth)
        #expect(byAddress.status == 201)
        #expect(try connection.request("POST", "/api/v1/comment-bans", json: ["reason": "لا شيء"], headers: Self.auth).status == 422)
        #expect(
            try connection.request("POST", "/api/v1/comment-bans", json: ["address": "192.0.2.1", "email": "", "reason": "x"], headers: Self.auth)
                .status == 422)
        #expect(
            try connection.request(
                "POST", "/api/v1/comment-bans", json: ["address": "192.0.2.1", "email": NSNull(), "reason": "x"], headers: Self.auth
            )
            .status == 422)
        #expect(
            try connection.request("POST", "/api/v1/comment-bans", json: ["address": "not-an-address", "reason": "x"], headers: Self.auth).status
                == 422)
        #expect(
            try connection.request(
                "POST", "/api/v1/comment-bans", json: ["email": "a@example.com", "reason": "x", "expires_at": "2000-01-01"], headers: Self.auth
            ).status == 422)
        #expect(try connection.request("POST", "/api/v1/comment-bans", json: ["email": "a@example.com", "reason": "x"]).status == 401)

        let emailRefusal = try comment(connection, "\(id)", ["author_name": "x", "author_email": "troll@example.COM", "body": "مرحبا"])
        // Another address of the banned IPv6 client's /64.
        let addressRefusal = try comment(connection, "\(id)", ["author_name": "y", "body": "أهلا"], client: "2001:db8:1:2::99")
        for refusal in [emailRefusal, addressRefusal] {
            #expect(refusal.status == 403)
            #expect(refusal.json["detail"] as? String == "This comment cannot be accepted.")
            #expect(!refusal.bodyText.contains("email") && !refusal.bodyText.contains("address") && !refusal.bodyText.contains("ban"))
        }
        #expect(try comment(connection, "\(id)", ["author_name": "z", "body": "أهلا"], client: "2001:db8:1:3::1").status == 202)

        let bans = try connection.request("GET", "/api/v1/comment-bans", headers: Self.auth)
        #expect(bans.status == 200)
        #expect(items(bans).count == 2)
        #expect(try connection.request("GET", "/api/v1/comment-bans").status == 401)
        let banID = try #require(byEmail.json["id"] as? Int)
        #expect(try connection.request("DELETE", "/api/v1/comment-bans/\(banID)", headers: Self.auth).status == 204)
        #expect(try connection.request("DELETE", "/api/v1/comment-bans/\(banID)", headers: Self.auth).status == 404)
        #expect(try comment(connection, "\(id)", ["author_name": "x", "author_email": "troll@example.com", "body": "مرحبا"]).status == 202)
    }

    @Test func thePublicJSONNeverHoldsTheEmailOrTheAddress() throws {
        let server = try ServerProcess(["--comments-moderation", "post"] + Self.roomy)
        let connection = try server.connect()
        let id = try create(connection, ["title": "خبر", "slug": "open-news"])
        let email = "secret.reader@example.org"
        let address = "198.51.100.123"
        let posted = try comment(connection, "\(id)", ["author_name": "قارئ", "author_email": email, "body": "أصل"], client: address)
        #expect(posted.json["status"] as? String == "approved")
        let top = try #require(posted.json["id"] as? Int)
        #expect(
            try comment(
                connection, "\(id)", ["author_name": "ب", "author_email": email, "body": "<img src=x onerror=alert(1)>", "parent_id": top],
                client: address
            ).status == 202)
        #expect(try connection.request("DELETE", "/api/v1/comments/\(top)", headers: Self.auth).status == 204)

        let publicReads = [
            "/api/v1/articles/\(id)/comments", "/api/v1/articles/open-news/comments", "/api/v1/articles/\(id)", "/api/v1/articles",
            "/api/v1/articles/\(id)?body=html", "/api/v1/search?q=%D8%AE%D8%A8%D8%B1",
        ]
        for path in publicReads {
            for headers in [[:], Self.auth] {
                let response = try connection.request("GET", path, headers: headers)
                #expect(response.status == 200, "\(path)")
                #expect(!response.bodyText.contains(email) && !response.bodyText.contains("example.org"), "\(path)")
                #expect(!response.bodyText.contains(address) && !response.bodyText.contains("author_email"), "\(path)")
                #expect(!response.bodyText.contains("client_address"), "\(path)")
            }
        }
        // The body is sent as it was written, as JSON text: escaping for a page is the page's job.
        let text = try connection.request("GET", "/api/v1/articles/\(id)/comments").bodyText
        #expect(text.contains(#"\u003cimg src=x onerror=alert(1)\u003e"#))
        #expect(!text.contains("<img"))
        // Moderators do see them.
        let queue = try connection.request("GET", "/api/v1/comments", headers: Self.auth).bodyText
        #expect(queue.contains(email) && queue.contains(address))
    }

    @Test func postModerationHoldsListedWordsWrittenAnyWayAndLinkHeavyComments() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("comments-words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = directory.appendingPathComponent("words.txt")
        try "# held words\nكَلْــب\nربح سريع\n".write(to: list, atomically: true, encoding: .utf8)
        let server = try ServerProcess(["--comments-moderation", "post", "--comments-word-list", list.path] + Self.roomy)
        let connection = try server.connect()
        let id = try create(connection, ["title": "خبر"])
        func status(_ body: String, _ client: String) throws -> String? {
            try comment(connection, "\(id)", ["author_name": "قارئ", "body": body], client: client).json["status"] as? String
        }
        #expect(try status("تعليق عادي", "203.0.113.1") == "approved")
        #expect(try status("يا كلب", "203.0.113.2") == "pending")
        #expect(try status("يا كَلـــْب", "203.0.113.3") == "pending")
        #expect(try status("والكلب", "203.0.113.4") == "pending")
        #expect(try status("رِبْح سَريـــع الآن", "203.0.113.5") == "pending")
        #expect(try status("مصدر: https://a.example و https://b.example", "203.0.113.6") == "approved")
        #expect(try status("https://a.example https://b.example www.c.example", "203.0.113.7") == "pending")
        let missing = try CommandResult.run(
            ServerProcess.binary.path, ["serve", "--port", "0", "--comments-word-list", directory.appendingPathComponent("missing.txt").path])
        #expect(missing.status == 2)
        #expect(missing.errors.contains("--comments-word-list"))
    }

    @Test func addressesAreClearedByThePeriodicTask() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        let id = try create(connection, ["title": "خبر"])
        #expect(try comment(connection, "\(id)", ["author_name": "قارئ", "body": "نص"], client: "198.51.100.50").status == 202)
        let queued = try #require(items(try connection.request("GET", "/api/v1/comments", headers: Self.auth)).first)
        #expect(queued["client_address"] as? String == "198.51.100.50")
        #expect(server.stop() == 0)

        // With a retention of 0 days, the pass at start clears every address written before it.
        let restarted = try ServerProcess(["--comments-address-retention-days", "0"], directory: server.directory)
        let again = try restarted.connect()
        let deadline = Date().addingTimeInterval(5)
        var address: Any? = "198.51.100.50"
        while Date() < deadline {
            address = items(try again.request("GET", "/api/v1/comments", headers: Self.auth)).first?["client_address"]
            // The pass logs what it cleared just after its write commits.
            if address is NSNull && restarted.logText.contains("comment addresses cleared") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(address is NSNull)
        #expect(restarted.logText.contains("comment addresses cleared"))
    }
}

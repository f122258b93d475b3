import Foundation
import Testing

/// The news API as a newsroom and a frontend use it: curl and plain sockets against the real
/// binary on a fresh database.
@Suite struct ArticleAPITests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/seed-article.json")

    private func curl(_ server: ServerProcess, _ arguments: [String]) throws -> CommandResult {
        try CommandResult.curl(["--header", "Authorization: Bearer \(ServerProcess.adminToken)"] + arguments)
    }

    /// The seed page goes in as an editor would send it and comes back byte for byte.
    @Test func seedArticleImportedWithCurlReadsBackExactly() throws {
        let server = try ServerProcess()
        let category = try curl(
            server,
            [
                "--json", #"{"name":"سياسة","description":"أخبار السياسة"}"#, "\(server.url)/api/v1/categories",
            ])
        #expect(category.output.contains(#""slug":"سياسة""#))
        let created = try curl(
            server,
            [
                "--include", "--header", "Content-Type: application/json", "--data-binary", "@\(Self.fixture.path)",
                "\(server.url)/api/v1/articles",
            ])
        #expect(created.output.hasPrefix("HTTP/1.1 201 Created\r\n"))
        #expect(created.output.contains("\r\nLocation: /api/v1/articles/1\r\n"))

        let fixture = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture)) as? [String: Any])
        let slug = "بضغط-من-واشنطن-دمشق-توافق-على-المشاركة-في-حملة-رباعية-ضد-داعش"
        let encoded = slug.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-")))!
        let read = try CommandResult.curl(["\(server.url)/api/v1/articles/\(encoded)"])
        let article = try #require(JSONSerialization.jsonObject(with: Data(read.output.utf8)) as? [String: Any])
        #expect(Array((article["title"] as? String ?? "").utf8) == Array((fixture["title"] as! String).utf8))
        #expect(article["slug"] as? String == slug)
        #expect(article["published_at"] as? String == "2025-07-04T00:00:00Z")
        let blocks = try #require(article["body"] as? [[String: Any]])
        let expected = fixture["body"] as! [[String: Any]]
        #expect(blocks.count == expected.count)
        for (got, want) in zip(blocks, expected) {
            #expect(got["type"] as? String == want["type"] as? String)
            #expect(Array((got["text"] as? String ?? "").utf8) == Array((want["text"] as! String).utf8))
        }
        #expect(blocks.contains { $0["type"] as? String == "heading" && $0["text"] as? String == "موافقة دمشق" })
        let hero = try #require(article["hero"] as? [String: Any])
        #expect(Array((hero["alt"] as? String ?? "").utf8) == Array("قوات خاصة سورية".utf8))
        let sources = try #require(article["sources"] as? [[String: Any]])
        #expect(sources.first?["name"] as? String == "إرم نيوز")
        #expect((article["category"] as? [String: Any])?["name"] as? String == "سياسة")
        #expect((article["tags"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["سوريا", "داعش", "قسد"])
        // Arabic is sent as UTF-8, never as \u escapes.
        #expect(read.output.contains("موافقة دمشق"))

        let html = try CommandResult.curl(["\(server.url)/api/v1/articles/1?body=html"])
        // The JSON escapes < and > (\u003c), so the markup is read from the parsed string.
        let htmlBody = (try JSONSerialization.jsonObject(with: Data(html.output.utf8)) as? [String: Any])?["body"] as? String ?? ""
        #expect(htmlBody.contains("<h2>موافقة دمشق</h2>"))
        #expect(htmlBody.contains("<blockquote><p>دمشق أرسلت عبر توماس باراك"))
        #expect(!html.output.contains("<"))
        let text = try CommandResult.curl(["\(server.url)/api/v1/articles/1?body=text"])
        #expect(text.output.contains("قالت مصادر سياسية سورية في دمشق"))

        let listing = try CommandResult.curl(["\(server.url)/api/v1/articles?category=%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9"])
        #expect(listing.output.contains(#""slug":"\#(slug)""#))
        let categories = try CommandResult.curl(["\(server.url)/api/v1/categories"])
        #expect(categories.output.contains(#""article_count":1"#))
    }

    /// 250 articles in one category, walked 20 at a time with cursors while newer articles
    /// keep arriving: every article is seen exactly once, newest first.
    @Test func categoryListingWalksWithCursorsWithoutGapsOrRepeats() throws {
        let server = try ServerProcess()
        let client = try server.connect()
        #expect(try client.request("POST", "/api/v1/categories", json: ["name": "سياسة"], headers: Self.auth).status == 201)
        for number in 0..<250 {
            let day = String(format: "2025-%02d-%02dT%02d:00:00Z", 1 + number % 12, 1 + number % 28, number % 24)
            let response = try client.request(
                "POST", "/api/v1/articles",
                json: [
                    "title": "خبر رقم \(number)", "body": "نص الخبر \(number)", "category": "سياسة",
                    "status": "published", "published_at": day,
                ], headers: Self.auth)
            #expect(response.status == 201)
        }
        var seen: [Int] = []
        var lastPublished = "9999"
        var cursor: String?
        var page = 0
        repeat {
            let path = "/api/v1/articles?category=%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9&limit=20" + (cursor.map { "&cursor=\($0)" } ?? "")
            let response = try client.request("GET", path)
            #expect(response.status == 200)
            let items = try #require(response.json["items"] as? [[String: Any]])
            for item in items {
                seen.append(item["id"] as! Int)
                let published = item["published_at"] as! String
                #expect(published <= lastPublished)
                lastPublished = published
            }
            cursor = response.json["next_cursor"] as? String
            page += 1
            // Breaking news arrives mid-walk; it is newer than every page still to come.
            if page == 3 {
                #expect(
                    try client.request(
                        "POST", "/api/v1/articles",
                        json: [
                            "title": "عاجل", "body": "نص", "category": "سياسة", "status": "published",
                        ], headers: Self.auth
                    ).status == 201)
            }
        } while cursor != nil && page < 50
        #expect(seen.count == 250)
        #expect(Set(seen).count == 250)
        #expect(Set(seen) == Set(1...250))
        #expect(page == 13)
    }

    @Test func errorsAreProblemDocumentsWithTheRightStatus() throws {
        let server = try ServerProcess(["--max-body-size", "4096"])
        let client = try server.connect()
        func expectProblem(_ response: RawConnection.Response, _ status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(response.status == status, sourceLocation: sourceLocation)
            #expect(response.header("Content-Type") == "application/problem+json; charset=utf-8", sourceLocation: sourceLocation)
            #expect(response.json["status"] as? Int == status, sourceLocation: sourceLocation)
        }
        let noToken = try client.request("POST", "/api/v1/articles", json: ["title": "x"])
        expectProblem(noToken, 401)
        #expect(noToken.header("WWW-Authenticate") == #"Bearer realm="newsstore""#)
        let badToken = try client.request("POST", "/api/v1/articles", json: ["title": "x"], headers: ["Authorization": "Bearer nope"])
        expectProblem(badToken, 401)
        #expect(badToken.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
        expectProblem(try client.request("GET", "/api/v1/articles?status=draft"), 401)
        expectProblem(
            try client.request(
                "POST", "/api/v1/articles", body: Array("{".utf8), headers: Self.auth.merging(["Content-Type": "application/json"]) { $1 }), 400)
        expectProblem(
            try client.request(
                "POST", "/api/v1/articles", body: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D],
                headers: Self.auth.merging(["Content-Type": "application/json"]) { $1 }), 400)
        expectProblem(
            try client.request(
                "POST", "/api/v1/articles", body: Array("title=x".utf8), headers: Self.auth.merging(["Content-Type": "text/plain"]) { $1 }), 415)
        // Too large is refused by the transport, which then closes that connection.
        expectProblem(
            try server.connect().request("POST", "/api/v1/articles", json: ["title": String(repeating: "س", count: 3000)], headers: Self.auth), 413)
        let invalid = try client.request(
            "POST", "/api/v1/articles",
            json: [
                "title": "", "body": [["type": "image", "url": "javascript:alert(1)"]], "colour": "red",
            ], headers: Self.auth)
        expectProblem(invalid, 422)
        let pointers = (invalid.json["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String } ?? []
        #expect(Set(pointers) == ["/title", "/body/0/url", "/colour"])
        expectProblem(try client.request("GET", "/api/v1/articles/999"), 404)
        expectProblem(try client.request("GET", "/api/v1/articles?limit=0"), 400)
        expectProblem(try client.request("GET", "/api/v1/articles?cursor=garbage"), 400)
        expectProblem(try client.request("GET", "/api/v1/articles?fields=id,colour"), 400)
        expectProblem(try client.request("GET", "/api/v1/articles?since=yesterday"), 400)
        expectProblem(try client.request("GET", "/api/v1/articles/1?body=pdf"), 400)
        expectProblem(try client.request("PUT", "/api/v1/articles", json: [:]), 405)
        #expect(try client.request("POST", "/api/v1/categories", json: ["name": "سياسة"], headers: Self.auth).status == 201)
        expectProblem(try client.request("POST", "/api/v1/categories", json: ["name": "سياسة"], headers: Self.auth), 409)
        #expect(try client.request("POST", "/api/v1/articles", json: ["title": "أ", "slug": "a-slug"], headers: Self.auth).status == 201)
        expectProblem(try client.request("POST", "/api/v1/articles", json: ["title": "ب", "slug": "a-slug"], headers: Self.auth), 409)
        expectProblem(
            try client.request(
                "PATCH", "/api/v1/articles/1", json: ["title": "ج"], headers: Self.auth.merging(["If-Match": "\"0000000000000000\""]) { $1 }), 412)
        // A draft is invisible to the public but not to an editor.
        expectProblem(try client.request("GET", "/api/v1/articles/a-slug"), 404)
        #expect(try client.request("GET", "/api/v1/articles/a-slug", headers: Self.auth).status == 200)
    }

    @Test func conditionalRequestsAndCachingHeaders() throws {
        let server = try ServerProcess(["--cache-max-age", "30"])
        let client = try server.connect()
        #expect(
            try client.request("POST", "/api/v1/articles", json: ["title": "دمشق", "body": "نص", "status": "published"], headers: Self.auth).status
                == 201)
        let first = try client.request("GET", "/api/v1/articles/1")
        let tag = try #require(first.header("ETag"))
        #expect(first.header("Cache-Control") == "public, max-age=30")
        let cached = try client.request("GET", "/api/v1/articles/1", headers: ["If-None-Match": tag])
        #expect(cached.status == 304)
        #expect(cached.body.isEmpty)
        #expect(cached.header("ETag") == tag)
        let editor = try client.request("GET", "/api/v1/articles/1", headers: Self.auth)
        #expect(editor.header("Cache-Control") == "private, no-store")
        let editorTag = try #require(editor.header("ETag"))
        let patched = try client.request(
            "PATCH", "/api/v1/articles/1", json: ["summary": "ملخص"],
            headers: Self.auth.merging(["If-Match": editorTag, "Content-Type": "application/merge-patch+json"]) { $1 })
        #expect(patched.status == 200)
        #expect(patched.json["version"] as? Int == 2)
        let after = try client.request("GET", "/api/v1/articles/1", headers: ["If-None-Match": tag])
        #expect(after.status == 200)
        #expect(after.header("ETag") != tag)
        #expect(after.json["summary"] as? String == "ملخص")
        let listing = try client.request("GET", "/api/v1/articles")
        let listingTag = try #require(listing.header("ETag"))
        #expect(try client.request("GET", "/api/v1/articles", headers: ["If-None-Match": "W/\(listingTag)"]).status == 304)
    }

    @Test func mergePatchChangesOnlyWhatItNamesAndOldSlugsRedirect() throws {
        let server = try ServerProcess()
        let client = try server.connect()
        #expect(
            try client.request(
                "POST", "/api/v1/articles",
                json: [
                    "title": "عنوان", "slug": "old-name", "summary": "ملخص", "body": "نص", "tags": ["سوريا"], "status": "published",
                ], headers: Self.auth
            ).status == 201)
        let patched = try client.request("PATCH", "/api/v1/articles/1", json: ["slug": "new-name", "summary": NSNull()], headers: Self.auth)
        #expect(patched.status == 200)
        #expect(patched.json["summary"] is NSNull)
        #expect(patched.json["title"] as? String == "عنوان")
        #expect((patched.json["tags"] as? [[String: Any]])?.first?["name"] as? String == "سوريا")
        let moved = try client.request("GET", "/api/v1/articles/old-name?body=text")
        #expect(moved.status == 301)
        #expect(moved.header("Location") == "/api/v1/articles/new-name?body=text")
        #expect(try client.request("PATCH", "/api/v1/articles/1", json: ["slug": "newest-name"], headers: Self.auth).status == 200)
        #expect(try client.request("GET", "/api/v1/articles/old-name").header("Location") == "/api/v1/articles/newest-name")
        let followed = try CommandResult.curl([
            "--location", "--write-out", "%{http_code}", "--output", "/dev/null", "\(server.url)/api/v1/articles/old-name",
        ])
        #expect(followed.output == "200")
        let readOnly = try client.request("PATCH", "/api/v1/articles/1", json: ["views": 1000], headers: Self.auth)
        #expect(readOnly.status == 422)
    }

    @Test func relatedArticlesAndDeletion() throws {
        let server = try ServerProcess()
        let client = try server.connect()
        for title in ["الأول", "الثاني", "الثالث"] {
            #expect(
                try client.request("POST", "/api/v1/articles", json: ["title": title, "body": "نص", "status": "published"], headers: Self.auth).status
                    == 201)
        }
        let set = try client.request("PUT", "/api/v1/articles/1/related", json: ["ids": [3, 2]], headers: Self.auth)
        #expect(set.status == 200)
        #expect((set.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [3, 2])
        #expect(try client.request("PUT", "/api/v1/articles/1/related", json: ["ids": [1]], headers: Self.auth).status == 422)
        #expect(try client.request("PUT", "/api/v1/articles/1/related", json: ["ids": [2, 2]], headers: Self.auth).status == 422)
        #expect(try client.request("PUT", "/api/v1/articles/1/related", json: ["ids": [99]], headers: Self.auth).status == 422)
        let detail = try client.request("GET", "/api/v1/articles/1")
        #expect((detail.json["related"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [3, 2])
        #expect(try client.request("DELETE", "/api/v1/articles/3", headers: Self.auth).status == 204)
        #expect(try client.request("GET", "/api/v1/articles/3").status == 404)
        let after = try client.request("GET", "/api/v1/articles/1")
        #expect((after.json["related"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [2])
    }

    @Test func categoriesAndTags() throws {
        let server = try ServerProcess()
        let client = try server.connect()
        let created = try client.request("POST", "/api/v1/categories", json: ["name": "سياسة"], headers: Self.auth)
        #expect(created.status == 201)
        #expect(created.header("Location") == "/api/v1/categories/1")
        #expect(try client.request("POST", "/api/v1/categories", json: ["name": "اقتصاد", "slug": "economy"], headers: Self.auth).status == 201)
        #expect(
            try client.request(
                "POST", "/api/v1/articles",
                json: ["title": "خبر", "body": "نص", "category": "سياسة", "tags": ["سوريا", "سودان"], "status": "published"], headers: Self.auth
            ).status == 201)
        let tags = try client.request("GET", "/api/v1/tags?prefix=%D8%B3%D9%88")
        #expect((tags.json["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["سودان", "سوريا"])
        #expect(
            try client.request(
                "DELETE", "/api/v1/categories/سياسة".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!, headers: Self.auth
            ).status == 409)
        #expect(try client.request("DELETE", "/api/v1/categories/1?move_to=economy", headers: Self.auth).status == 204)
        let moved = try client.request("GET", "/api/v1/articles/1")
        #expect((moved.json["category"] as? [String: Any])?["slug"] as? String == "economy")
        let renamed = try client.request("PATCH", "/api/v1/categories/economy", json: ["description": "المال والأعمال"], headers: Self.auth)
        #expect(renamed.json["description"] as? String == "المال والأعمال")
        #expect(renamed.json["article_count"] as? Int == 1)
        // A renamed tag is renamed on its articles too.
        let sudan = "/api/v1/tags/سودان".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
        #expect(try client.request("PATCH", sudan, json: ["name": "السودان", "slug": "sudan"], headers: Self.auth).status == 200)
        let retagged = try client.request("GET", "/api/v1/articles/1")
        #expect((retagged.json["tags"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } == ["سوريا", "sudan"])
        #expect(
            try client.request("DELETE", "/api/v1/tags/سوريا".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!, headers: Self.auth)
                .status == 204)
        let untagged = try client.request("GET", "/api/v1/articles/1")
        #expect((untagged.json["tags"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["السودان"])
    }

    @Test func corsForAConfiguredOriginOnly() throws {
        let server = try ServerProcess(["--cors-allowed-origins", "https://news.example, https://other.example"])
        let client = try server.connect()
        let preflight = try client.request(
            "OPTIONS", "/api/v1/articles",
            headers: [
                "Origin": "https://news.example", "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            ])
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Origin") == "https://news.example")
        #expect(preflight.header("Access-Control-Allow-Headers")?.contains("Authorization") == true)
        #expect(preflight.header("Access-Control-Allow-Credentials") == nil)
        let allowed = try client.request("GET", "/api/v1/articles", headers: ["Origin": "https://other.example"])
        #expect(allowed.header("Access-Control-Allow-Origin") == "https://other.example")
        #expect(allowed.header("Vary") == "Authorization, Origin")
        let foreign = try client.request("GET", "/api/v1/articles", headers: ["Origin": "https://evil.example"])
        #expect(foreign.header("Access-Control-Allow-Origin") == nil)
        #expect(foreign.header("Vary") == "Authorization, Origin")
        // Without Origin too: a browser cache that kept this answer must not reuse it for a page
        // on an allowed origin, which needs the CORS headers.
        let sameOrigin = try client.request("GET", "/api/v1/articles")
        #expect(sameOrigin.header("Access-Control-Allow-Origin") == nil)
        #expect(sameOrigin.header("Vary") == "Authorization, Origin")
        let unknownPath = try client.request("GET", "/api/v1/nothing")
        #expect(unknownPath.header("Vary") == "Origin")
    }

    @Test func corsForAnyOriginAnswersEveryRequestAlike() throws {
        let server = try ServerProcess(["--cors-allowed-origins", "*"])
        let client = try server.connect()
        for headers in [["Origin": "https://news.example"], [:]] {
            let response = try client.request("GET", "/api/v1/articles", headers: headers)
            #expect(response.header("Access-Control-Allow-Origin") == "*")
            #expect(response.header("Access-Control-Expose-Headers")?.contains("Retry-After") == true)
            #expect(response.header("Vary") == "Authorization")
        }
        let preflight = try client.request(
            "OPTIONS", "/api/v1/articles/1",
            headers: [
                "Origin": "https://any.example", "Access-Control-Request-Method": "PATCH",
            ])
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Origin") == "*")
        #expect(preflight.header("Access-Control-Allow-Credentials") == nil)
    }

    @Test func noCORSHeadersAtAllUntilOriginsAreConfigured() throws {
        let server = try ServerProcess()
        let client = try server.connect()
        let response = try client.request("GET", "/api/v1/articles", headers: ["Origin": "https://news.example"])
        #expect(response.header("Access-Control-Allow-Origin") == nil)
        #expect(response.header("Vary") == "Authorization")
    }

    /// Readers' responses come from the response cache until a write commits; the write is
    /// visible to the very next read.
    @Test func cachedListingsNeverHideAWrite() throws {
        let server = try ServerProcess()
        let client = try server.connect()
        #expect(
            try client.request("POST", "/api/v1/articles", json: ["title": "الأول", "body": "نص", "status": "published"], headers: Self.auth).status
                == 201)
        let first = try client.request("GET", "/api/v1/articles")
        let again = try client.request("GET", "/api/v1/articles")
        #expect(first.body == again.body)
        #expect(first.header("ETag") == again.header("ETag"))
        #expect(
            try client.request("POST", "/api/v1/articles", json: ["title": "الثاني", "body": "نص", "status": "published"], headers: Self.auth).status
                == 201)
        let after = try client.request("GET", "/api/v1/articles")
        #expect((after.json["items"] as? [[String: Any]])?.count == 2)
        #expect(try client.request("PATCH", "/api/v1/articles/1", json: ["title": "المعدل"], headers: Self.auth).status == 200)
        #expect(try client.request("GET", "/api/v1/articles/1").json["title"] as? String == "المعدل")
    }
}

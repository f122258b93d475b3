import Foundation
import Testing

/// The news API as a newsroom and a frontend use it: curl and plain sockets against the real
/// binary on a fresh database.
@Suite struct ArticleAPITests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
    static let fixture = URL(fileURLWithPath: repositoryPath("Tests/EndToEndTests/Fixtures/seed-article.json"))

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

    /// The origins flag takes a comma-separated list (NewsAPITests' CORSTests check what CORS
    /// answers).
    @Test func corsOriginsFromTheCommandLineAreEachAllowed() throws {
        let server = try ServerProcess(["--cors-allowed-origins", "https://news.example, https://other.example"])
        let client = try server.connect()
        for origin in ["https://news.example", "https://other.example"] {
            #expect(try client.request("GET", "/api/v1/articles", headers: ["Origin": origin]).header("Access-Control-Allow-Origin") == origin)
        }
        let foreign = try client.request("GET", "/api/v1/articles", headers: ["Origin": "https://evil.example"])
        #expect(foreign.header("Access-Control-Allow-Origin") == nil)
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

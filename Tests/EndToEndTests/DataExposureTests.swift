import Foundation
import Testing

/// What the API gives away and how much it sends back: topics of unpublished articles stay
/// hidden from readers, text limits count bytes, a 422 lists a bounded number of errors, and
/// `tag=` is capped on every route that takes it.
@Suite struct DataExposureTests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]

    static func article(_ title: String, status: String = "published", category: String? = nil, tags: [String] = []) -> [String: Any] {
        var article: [String: Any] = ["title": title, "status": status, "tags": tags, "body": [["type": "paragraph", "text": "نص"]]]
        if let category { article["category"] = category }
        return article
    }

    @Test func termsOfUnpublishedArticlesAreHiddenFromReaders() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        for (name, slug) in [("سياسة", "politics"), ("محظور", "embargoed")] {
            #expect(try connection.request("POST", "/api/v1/categories", json: ["name": name, "slug": slug], headers: Self.auth).status == 201)
        }
        let published = Self.article("منشور", category: "politics", tags: ["عام"])
        #expect(try connection.request("POST", "/api/v1/articles", json: published, headers: Self.auth).status == 201)
        var scheduled = Self.article("مجدول", category: "embargoed", tags: ["سري"])
        scheduled["published_at"] = "2999-01-01T00:00:00Z"
        #expect(try connection.request("POST", "/api/v1/articles", json: scheduled, headers: Self.auth).status == 201)
        let draft = Self.article("مسودة", status: "draft", tags: ["خاص"])
        #expect(try connection.request("POST", "/api/v1/articles", json: draft, headers: Self.auth).status == 201)

        func slugs(_ response: RawConnection.Response) -> [String] {
            (response.json["items"] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }.sorted()
        }
        #expect(slugs(try connection.request("GET", "/api/v1/categories")) == ["politics"])
        #expect(slugs(try connection.request("GET", "/api/v1/tags")) == ["عام"])
        #expect(try connection.request("GET", "/api/v1/categories/embargoed").status == 404)
        #expect(try connection.request("GET", "/api/v1/tags/\(percentEncoded("سري"))").status == 404)
        let open = try connection.request("GET", "/api/v1/categories/politics")
        #expect(open.status == 200)
        #expect(open.json["article_count"] as? Int == 1)

        // Editors see every term.
        #expect(slugs(try connection.request("GET", "/api/v1/categories", headers: Self.auth)) == ["embargoed", "politics"])
        #expect(slugs(try connection.request("GET", "/api/v1/tags", headers: Self.auth)) == ["خاص", "سري", "عام"])
        let hidden = try connection.request("GET", "/api/v1/categories/embargoed", headers: Self.auth)
        #expect(hidden.status == 200)
        #expect(hidden.json["article_count"] as? Int == 0)
    }

    @Test func invalidFieldsAnswerAtMostTwentyErrorsAndCountTheRest() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        var article = Self.article("خبر")
        article["body"] = Array(repeating: ["type": "paragraph", "text": " "], count: 100)
        let response = try connection.request("POST", "/api/v1/articles", json: article, headers: Self.auth)
        #expect(response.status == 422)
        let errors = try #require(response.json["errors"] as? [[String: Any]])
        #expect(errors.count == 20)
        #expect(errors.first?["pointer"] as? String == "/body/0/text")
        #expect(errors.last?["pointer"] as? String == "/body/19/text")
        #expect(response.json["more_errors"] as? Int == 80)

        // Twenty or fewer: all listed, no count.
        article["body"] = Array(repeating: ["type": "paragraph", "text": " "], count: 20)
        let few = try connection.request("POST", "/api/v1/articles", json: article, headers: Self.auth)
        #expect((few.json["errors"] as? [Any])?.count == 20)
        #expect(few.json["more_errors"] == nil)
    }

    @Test func textLimitsCountBytesToo() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        // Five characters, one of them a letter under 2,000 combining marks: 4 KB of title.
        let title = "خبر ب" + String(repeating: "\u{064B}", count: 2_000)
        let response = try connection.request("POST", "/api/v1/articles", json: Self.article(title), headers: Self.auth)
        #expect(response.status == 422)
        let errors = try #require(response.json["errors"] as? [[String: Any]])
        #expect(errors.map { $0["pointer"] as? String } == ["/title"])
        #expect((errors.first?["detail"] as? String)?.contains("bytes") == true)
        let term = try connection.request(
            "POST", "/api/v1/tags", json: ["name": "و" + String(repeating: "\u{0651}", count: 400)], headers: Self.auth)
        #expect(term.status == 422)
        #expect((term.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/name")
    }

    /// Both routes that take `tag=` drop repeats and refuse more than ten different tags.
    @Test func tagParametersAreDeduplicatedAndCapped() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        let tags = (0..<11).map { "t\($0)" }
        #expect(try connection.request("POST", "/api/v1/articles", json: Self.article("خبر عن المطر", tags: tags), headers: Self.auth).status == 201)
        let ten = tags.prefix(10).map { "tag=\($0)" }.joined(separator: "&")
        for path in ["/api/v1/articles?", "/api/v1/search?q=\(percentEncoded("المطر"))&"] {
            let repeated = try connection.request("GET", path + Array(repeating: "tag=t0", count: 500).joined(separator: "&"))
            #expect(repeated.status == 200)
            #expect((repeated.json["items"] as? [Any])?.count == 1, "\(path)")
            let most = try connection.request("GET", path + ten + "&" + ten)
            #expect(most.status == 200)
            #expect((most.json["items"] as? [Any])?.count == 1, "\(path)")
            let tooMany = try connection.request("GET", path + ten + "&tag=t10")
            #expect(tooMany.status == 400)
            #expect(tooMany.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            #expect((tooMany.json["detail"] as? String)?.contains("at most 10 different tags") == true)
        }
    }

    private func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }
}

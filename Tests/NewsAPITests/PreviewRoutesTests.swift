import HTTP
import JSON
import Testing

@testable import NewsAPI
@testable import NewsStore

/// Preview links through the real router: made by an editor, read anonymously, expired,
/// revoked, and redirected once the article is public; private and never indexed throughout.
@Suite struct PreviewRoutesTests {
    static let shell = """
        <!doctype html>
        <html><head>
        <!-- newsstore:head -->
        <title>shell</title>
        </head><body><main id="main"></main></body></html>
        """

    private func makeAPI(origin: String? = nil) throws -> TestAPI {
        var configuration = APIConfiguration()
        configuration.publication = Publication(origin: origin, name: "نيوز")
        configuration.webFiles = [StaticFile(path: "/index.html", body: Array(Self.shell.utf8))]
        return try TestAPI(configuration: configuration)
    }

    /// A draft with the given title, and its id.
    private func draft(_ api: TestAPI, _ title: String = "مسودة الخبر", tags: [String] = ["سوريا"]) throws -> Int64 {
        let tagList = tags.map { "\"\($0)\"" }.joined(separator: ",")
        let created = api.edit(.post, "/api/v1/articles", #"{"title":"\#(title)","body":"نص المسودة","status":"draft","tags":[\#(tagList)]}"#)
        #expect(created.status == .created)
        return try #require(created.json["id"]?.int64Value)
    }

    /// A new link to article `id`: its JSON, and its token.
    private func link(_ api: TestAPI, to id: Int64, _ body: String = #"{"expires_in":"24h"}"#) throws -> (JSONValue, String) {
        let response = api.edit(.post, "/api/v1/articles/\(id)/preview-links", body)
        #expect(response.status == .created)
        #expect(response.headers["Cache-Control"] == "private, no-store")
        let url = try #require(response.json["url"]?.stringValue)
        return (response.json, String(try #require(url.split(separator: "/").last)))
    }

    private func expectPrivate(_ response: Response, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.headers["Cache-Control"] == "private, no-store", sourceLocation: sourceLocation)
        #expect(response.headers["X-Robots-Tag"] == "noindex", sourceLocation: sourceLocation)
    }

    @Test func anAnonymousReaderGetsTheDraftAsItsPublicDetailWillBe() throws {
        let api = try makeAPI()
        defer { api.close() }
        let id = try draft(api)
        let (created, token) = try link(api, to: id)
        #expect(created["url"]?.stringValue == "/preview/\(token)")
        #expect(created["api_url"]?.stringValue == "/api/v1/preview/\(token)")
        #expect(created["status"]?.stringValue == "active")
        #expect(created["created_by"]?.stringValue == "bootstrap")
        #expect(created["article_id"]?.int64Value == id)
        #expect(api.respond(.get, "/api/v1/articles/\(id)").status == .notFound, "the draft stays hidden from the public")

        let preview = api.respond(.get, "/api/v1/preview/\(token)")
        #expect(preview.status == .ok)
        expectPrivate(preview)
        #expect(preview.json["title"]?.stringValue == "مسودة الخبر")
        #expect(preview.json["status"]?.stringValue == "draft")
        // The same members, in the same order, as the detail the public gets of a published
        // article (no editors' members such as created_by), and the same body as the editors see.
        let published = api.edit(.post, "/api/v1/articles", #"{"title":"منشور","body":"نص","status":"published"}"#)
        let publicDetail = api.respond(.get, "/api/v1/articles/\(try #require(published.json["id"]?.int64Value))")
        #expect(preview.json.objectValue?.keys == publicDetail.json.objectValue?.keys)
        #expect(preview.json["created_by"] == nil)
        #expect(preview.json["body"] == api.edit(.get, "/api/v1/articles/\(id)").json["body"])
        let html = api.respond(.get, "/api/v1/preview/\(token)?body=html")
        #expect(html.json["body"]?.stringValue == "<p>نص المسودة</p>")
        let etag = try #require(preview.headers["ETag"])
        let again = api.respond(.get, "/api/v1/preview/\(token)", headers: [("if-none-match", etag)])
        #expect(again.status == .notModified)
        expectPrivate(again)
        api.respond(.get, "/api/v1/preview/\(token)?body=xml").expectProblem(.badRequest)
    }

    @Test func theURLIsAbsoluteUnderThePublicURL() throws {
        let api = try makeAPI(origin: "https://news.example")
        defer { api.close() }
        let (created, token) = try link(api, to: try draft(api))
        #expect(created["url"]?.stringValue == "https://news.example/preview/\(token)")
        #expect(created["api_url"]?.stringValue == "https://news.example/api/v1/preview/\(token)")
    }

    /// An expiry with no write since the last read: the next read sees it at once, so no
    /// answer came from the response cache (which keeps readers' answers until a write).
    @Test func anExpiredLinkIsGoneAtOnce() throws {
        let api = try makeAPI()
        defer { api.close() }
        let id = try draft(api)
        let (created, token) = try link(api, to: id)
        #expect(api.respond(.get, "/api/v1/preview/\(token)").status == .ok)
        #expect(api.respond(.get, "/preview/\(token)").status == .ok)
        try api.database.writeCounters { db in
            try db.execute(sql: "UPDATE preview_links SET expires_at = expires_at - 86400000 WHERE id = \(created["id"]!.int64Value!)")
        }
        let expired = api.respond(.get, "/api/v1/preview/\(token)")
        expired.expectProblem(.gone)
        expectPrivate(expired)
        #expect(expired.json["detail"]?.stringValue?.contains("expired") == true)
        #expect(api.respond(.get, "/preview/\(token)").status == .gone)
        let list = api.edit(.get, "/api/v1/articles/\(id)/preview-links")
        #expect(list.json["items"]?.arrayValue?.compactMap { $0["status"]?.stringValue } == ["expired"])
    }

    @Test func aRevokedLinkIsGoneAndItsRevocationIsAudited() throws {
        let api = try makeAPI()
        defer { api.close() }
        let id = try draft(api)
        let (created, token) = try link(api, to: id)
        let (_, other) = try link(api, to: id, #"{}"#)
        let linkID = try #require(created["id"]?.int64Value)
        #expect(api.edit(.delete, "/api/v1/articles/\(id)/preview-links/\(linkID)").status == .noContent)
        let revoked = api.respond(.get, "/api/v1/preview/\(token)")
        revoked.expectProblem(.gone)
        expectPrivate(revoked)
        #expect(revoked.json["detail"]?.stringValue?.contains("revoked") == true)
        #expect(api.respond(.get, "/api/v1/preview/\(other)").status == .ok, "the other link still works")
        api.edit(.delete, "/api/v1/articles/\(id)/preview-links/\(linkID)").expectProblem(.notFound)
        api.edit(.delete, "/api/v1/articles/\(id)/preview-links/abc").expectProblem(.notFound)
        let list = api.edit(.get, "/api/v1/articles/\(id)/preview-links")
        #expect(list.status == .ok)
        #expect(list.headers["Cache-Control"] == "private, no-store")
        let items = try #require(list.json["items"]?.arrayValue)
        #expect(items.compactMap { $0["status"]?.stringValue } == ["active", "revoked"])
        #expect(items.allSatisfy { $0["url"] == nil }, "a listed link never shows its token")
        let actions = try api.database.read { db in
            try db.withStatement("SELECT action || ' ' || object || ' ' || identity FROM audit_log WHERE action LIKE 'preview_link.%' ORDER BY id") {
                try $0.mapRows { $0.string(at: 0)! }
            }
        }
        #expect(
            actions == [
                "preview_link.create preview_link:1 bootstrap", "preview_link.create preview_link:2 bootstrap",
                "preview_link.revoke preview_link:1 bootstrap",
            ])
    }

    @Test func onceTheArticleIsPublicBothAddressesRedirectToIt() throws {
        let api = try makeAPI()
        defer { api.close() }
        let id = try draft(api)
        let (_, token) = try link(api, to: id)
        #expect(api.edit(.patch, "/api/v1/articles/\(id)", #"{"status":"published","slug":"خبر-منشور"}"#).status == .ok)
        let slug = PercentEncoding.pathSegment("خبر-منشور")
        let api302 = api.respond(.get, "/api/v1/preview/\(token)?body=html")
        #expect(api302.status == .found)
        #expect(api302.headers["Location"] == "/api/v1/articles/\(slug)?body=html")
        expectPrivate(api302)
        let page302 = api.respond(.get, "/preview/\(token)")
        #expect(page302.status == .found)
        #expect(page302.headers["Location"] == "/articles/\(slug)")
        expectPrivate(page302)
    }

    @Test func thePageIsTheShellWithTheTitleAndNoindex() throws {
        let api = try makeAPI(origin: "https://news.example")
        defer { api.close() }
        let (_, token) = try link(api, to: try draft(api, "عنوان <المسودة>"))
        let page = api.respond(.get, "/preview/\(token)")
        #expect(page.status == .ok)
        expectPrivate(page)
        #expect(page.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(page.headers["Content-Security-Policy"] == WebReaderRoutes.contentSecurityPolicy)
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("<title>عنوان &lt;المسودة&gt; — نيوز</title>"))
        #expect(html.contains(#"<meta name="robots" content="noindex"/>"#))
        #expect(!html.contains("canonical") && !html.contains("og:"), "no card, no canonical address for a secret page")
        #expect(!html.contains("<title>shell</title>"))

        let unknown = api.respond(.get, "/preview/\(String(repeating: "A", count: 43))")
        #expect(unknown.status == .notFound)
        expectPrivate(unknown)
        #expect(String(decoding: unknown.body, as: UTF8.self).contains(#"<meta name="robots" content="noindex"/>"#))
        api.respond(.get, "/api/v1/preview/nonsense").expectProblem(.notFound)
        api.respond(.get, "/api/v1/preview/\(String(repeating: "A", count: 43))").expectProblem(.notFound)
    }

    @Test func theDraftReachesNoFeedSearchSitemapOrRelatedList() throws {
        let api = try makeAPI(origin: "https://news.example")
        defer { api.close() }
        let published = api.edit(.post, "/api/v1/articles", #"{"title":"خبر منشور","body":"نص","status":"published","tags":["سوريا"]}"#)
        let publishedID = try #require(published.json["id"]?.int64Value)
        let id = try draft(api, "مسودةسرية")
        let (_, token) = try link(api, to: id)
        #expect(api.respond(.get, "/api/v1/preview/\(token)").status == .ok)
        #expect(api.respond(.get, "/preview/\(token)").status == .ok)
        for target in [
            "/rss.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/sitemap-news.xml", "/api/v1/articles",
            "/api/v1/search?q=%D9%85%D8%B3%D9%88%D8%AF%D8%A9%D8%B3%D8%B1%D9%8A%D8%A9", "/api/v1/articles/\(publishedID)",
        ] {
            let response = api.respond(.get, target)
            #expect(response.status == .ok, "\(target)")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("مسودةسرية"), "\(target)")
        }
        let sitemaps = api.respond(.get, "/sitemap.xml")
        for file in String(decoding: sitemaps.body, as: UTF8.self).split(separator: "<loc>").dropFirst() {
            let path = String(file.prefix { $0 != "<" }.dropFirst("https://news.example".count))
            #expect(!String(decoding: api.respond(.get, path).body, as: UTF8.self).contains("مسودةسرية"), "\(path)")
        }
    }

    @Test func badRequestsAreProblems() throws {
        let api = try makeAPI()
        defer { api.close() }
        let id = try draft(api)
        for body in [#"{"expires_in":"0h"}"#, #"{"expires_in":"31d"}"#, #"{"expires_in":24}"#, #"{"expires_in":"90s"}"#, #"{"other":1}"#] {
            let response = api.edit(.post, "/api/v1/articles/\(id)/preview-links", body)
            response.expectProblem(.unprocessableContent)
        }
        api.edit(.post, "/api/v1/articles/\(id)/preview-links", "[").expectProblem(.badRequest)
        api.edit(.post, "/api/v1/articles/999/preview-links", "{}").expectProblem(.notFound)
        api.edit(.get, "/api/v1/articles/999/preview-links").expectProblem(.notFound)
        api.respond(.post, "/api/v1/articles/\(id)/preview-links", body: "{}").expectProblem(.unauthorized)
        #expect(api.respond(.post, "/api/v1/articles/\(id)/preview-links", headers: [TestAPI.editor], body: "{}").status == .unsupportedMediaType)
    }

    @Test func aContributorManagesTheLinksOfItsOwnArticlesOnly() throws {
        let api = try makeAPI()
        defer { api.close() }
        let tokens = TokenService(database: api.database)
        let (_, contributor) = try tokens.create(name: "alice", role: .contributor, by: .system)
        let alice = ("authorization", "Bearer \(contributor)")
        let json = ("content-type", "application/json")
        let own = api.respond(.post, "/api/v1/articles", headers: [alice, json], body: #"{"title":"مسودة أليس","body":"نص"}"#)
        #expect(own.status == .created)
        let ownID = try #require(own.json["id"]?.int64Value)
        let created = api.respond(.post, "/api/v1/articles/\(ownID)/preview-links", headers: [alice, json], body: "{}")
        #expect(created.status == .created)
        #expect(created.json["created_by"]?.stringValue == "alice")
        #expect(api.respond(.get, "/api/v1/articles/\(ownID)/preview-links", headers: [alice]).status == .ok)

        let others = try draft(api)
        let refused = api.respond(.post, "/api/v1/articles/\(others)/preview-links", headers: [alice, json], body: "{}")
        refused.expectProblem(.forbidden)
        #expect(refused.json["required_role"]?.stringValue == "editor")
        api.respond(.get, "/api/v1/articles/\(others)/preview-links", headers: [alice]).expectProblem(.forbidden)
        let (_, othersLink) = try link(api, to: others)
        #expect(api.respond(.get, "/api/v1/preview/\(othersLink)").status == .ok)
        api.respond(.delete, "/api/v1/articles/\(others)/preview-links/1", headers: [alice]).expectProblem(.forbidden)
    }
}

import Foundation
import HTTP
import JSON
import Testing

@testable import NewsAPI
@testable import NewsStore

/// The sitemap index, article sitemaps, the sitemap of sections, the Google News sitemap and
/// robots.txt, through the real router: every kind validated with xmllint against the
/// published XSDs (Tests/Schemas), and their addresses checked against the API's JSON.
@Suite struct SitemapRoutesTests {
    static let origin = FeedRoutesTests.origin

    static func api(language: String = "ar") throws -> TestAPI {
        var configuration = APIConfiguration()
        configuration.publication = Publication(origin: origin, name: FeedRoutesTests.siteName, language: language)
        return try TestAPI(configuration: configuration)
    }

    static func get(_ api: TestAPI, _ target: String) -> Response { api.respond(.get, target) }

    /// The path of an absolute URL under the origin.
    static func path(_ url: String) throws -> String {
        #expect(url.hasPrefix(origin + "/"), "\(url)")
        return String(url.dropFirst(origin.count))
    }

    /// An article published now, with the hostile title: the news sitemap's one entry.
    static func publishRecent(_ api: TestAPI) throws -> JSONValue {
        let response = try api.send(
            .post, "/api/v1/articles",
            #"{"title":\#(JSONValue.string(FeedRoutesTests.hostileTitle).jsonText),"slug":"just-now","status":"published","body":"نص","tags":["عاجل"]}"#
        )
        #expect(response.status == .created)
        return try JSONParser.parse(response.body)
    }

    @Test func everyKindOfSitemapIsValidAgainstItsSchema() throws {
        let api = try Self.api()
        defer { api.close() }
        let (seed, hostile) = try FeedRoutesTests.populate(api)
        let recent = try Self.publishRecent(api)

        let index = Self.get(api, "/sitemap.xml")
        #expect(index.status == .ok)
        #expect(index.headers["Content-Type"] == "application/xml; charset=utf-8")
        try SchemaValidation.expectValid(index.body, against: .sitemapIndex)
        let sitemaps = try ParsedXML.parse(index.body).all("sitemap")
        let locations = sitemaps.compactMap { $0["loc"] }
        #expect(
            locations == [Self.origin + "/sitemaps/articles-1.xml", Self.origin + "/sitemaps/sections.xml", Self.origin + "/sitemap-news.xml"])
        #expect(sitemaps.allSatisfy { $0["lastmod"].flatMap(Timestamp.init(rfc3339:)) != nil })

        let articles = Self.get(api, try Self.path(locations[0]))
        #expect(articles.status == .ok)
        try SchemaValidation.expectValid(articles.body, against: .sitemap)
        let urls = try ParsedXML.parse(articles.body).all("url")
        // Oldest first, public only, each with its last change.
        #expect(urls.map { $0["loc"] } == [seed, hostile, recent].map { FeedRoutesTests.articleURL($0) })
        #expect(urls.map { $0["lastmod"] } == [seed, hostile, recent].map { $0["updated_at"]?.stringValue })

        let sections = Self.get(api, try Self.path(locations[1]))
        try SchemaValidation.expectValid(sections.body, against: .sitemap)
        let sectionURLs = try ParsedXML.parse(sections.body).all("url").compactMap { $0["loc"] }
        let tags = ["عاجل", "أمن", "سوريا", "داعش"].map { Self.origin + "/tags/" + PercentEncoding.pathSegment($0) }
        #expect(sectionURLs == [Self.origin + "/", Self.origin + "/categories/politics"] + tags)

        let news = Self.get(api, try Self.path(locations[2]))
        try SchemaValidation.expectValid(news.body, against: .newsSitemap)
    }

    @Test func theNewsSitemapDescribesTheLastTwoDaysArticles() throws {
        let api = try Self.api(language: "ar-EG")
        defer { api.close() }
        _ = try FeedRoutesTests.populate(api)
        // Nothing from the last 48 hours: the home page alone, still valid.
        let empty = Self.get(api, "/sitemap-news.xml")
        try SchemaValidation.expectValid(empty.body, against: .newsSitemap)
        let emptyURLs = try ParsedXML.parse(empty.body).all("url")
        #expect(emptyURLs.map { $0["loc"] } == [Self.origin + "/"])
        #expect(emptyURLs.first?.first("news:news") == nil)

        let recent = try Self.publishRecent(api)
        let response = Self.get(api, "/sitemap-news.xml")
        try SchemaValidation.expectValid(response.body, against: .newsSitemap)
        let urlset = try ParsedXML.parse(response.body)
        #expect(urlset.attributes["xmlns:news"] == "http://www.google.com/schemas/sitemap-news/0.9")
        let urls = urlset.all("url")
        #expect(urls.count == 1)
        let url = try #require(urls.first)
        #expect(url["loc"] == FeedRoutesTests.articleURL(recent))
        let entry = try #require(url.first("news:news"))
        #expect(entry.first("news:publication")?["news:name"] == FeedRoutesTests.siteName)
        #expect(entry.first("news:publication")?["news:language"] == "ar")
        #expect(entry["news:publication_date"] == recent["published_at"]?.stringValue)
        #expect(entry["news:title"] == FeedRoutesTests.hostileTitle)
    }

    /// 10,001 public articles (written straight into the test database in one statement) make
    /// two article sitemaps: 10,000 addresses, then one.
    @Test func articleSitemapsHoldTenThousandAddressesEach() throws {
        let api = try Self.api()
        defer { api.close() }
        try api.database.write { db in
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
                    INSERT INTO articles (slug, title, status, published_at, sort_at, created_at, updated_at, body)
                    SELECT 'bulk-' || i, 'خبر ' || i, 'published', 1000 * i, 1000 * i, 1000 * i, 1000 * i, '[]' FROM n
                    """)
        }
        let index = Self.get(api, "/sitemap.xml")
        try SchemaValidation.expectValid(index.body, against: .sitemapIndex)
        let sitemaps = try ParsedXML.parse(index.body).all("sitemap")
        #expect(sitemaps.prefix(2).map { $0["loc"] } == [Self.origin + "/sitemaps/articles-1.xml", Self.origin + "/sitemaps/articles-2.xml"])
        #expect(sitemaps.prefix(2).map { $0["lastmod"] } == ["1970-01-01T02:46:40Z", "1970-01-01T02:46:41Z"])

        let first = Self.get(api, "/sitemaps/articles-1.xml")
        try SchemaValidation.expectValid(first.body, against: .sitemap)
        let urls = try ParsedXML.parse(first.body).all("url")
        #expect(urls.count == 10_000)
        #expect(urls.first?["loc"] == Self.origin + "/articles/bulk-1" && urls.last?["loc"] == Self.origin + "/articles/bulk-10000")
        let second = Self.get(api, "/sitemaps/articles-2.xml")
        try SchemaValidation.expectValid(second.body, against: .sitemap)
        #expect(try ParsedXML.parse(second.body).all("url").map { $0["loc"] } == [Self.origin + "/articles/bulk-10001"])

        for missing in ["articles-3.xml", "articles-0.xml", "articles-01.xml", "articles-1.xml.gz", "pages.xml", "articles-x.xml"] {
            Self.get(api, "/sitemaps/" + missing).expectProblem(.notFound)
        }
    }

    @Test func anEmptySiteStillHasValidSitemaps() throws {
        let api = try Self.api()
        defer { api.close() }
        let index = Self.get(api, "/sitemap.xml")
        try SchemaValidation.expectValid(index.body, against: .sitemapIndex)
        #expect(try ParsedXML.parse(index.body).all("sitemap").compactMap { $0["loc"] }.allSatisfy { !$0.contains("articles-") })
        try SchemaValidation.expectValid(Self.get(api, "/sitemaps/sections.xml").body, against: .sitemap)
        try SchemaValidation.expectValid(Self.get(api, "/sitemap-news.xml").body, against: .newsSitemap)
        Self.get(api, "/sitemaps/articles-1.xml").expectProblem(.notFound)
    }

    @Test func robotsTxtNamesTheSitemaps() throws {
        let api = try Self.api()
        defer { api.close() }
        let response = Self.get(api, "/robots.txt")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(response.headers["Cache-Control"] == "public, max-age=60, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400")
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == "User-agent: *\nDisallow: /search\nDisallow: /moderate\n\nSitemap: https://news.example/sitemap.xml\nSitemap: https://news.example/sitemap-news.xml\n"
        )
        let tag = try #require(response.headers["ETag"])
        #expect(api.respond(.get, "/robots.txt", headers: [("if-none-match", tag)]).status == .notModified)
    }

    /// The schema check itself must catch an invalid sitemap.
    @Test func theSchemaCheckRejectsAnInvalidSitemap() throws {
        let invalid = Array(
            #"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><lastmod>soon</lastmod></url></urlset>"#.utf8)
        withKnownIssue {
            try SchemaValidation.expectValid(invalid, against: .sitemap)
        }
    }
}

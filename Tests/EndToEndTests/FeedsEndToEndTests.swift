import Foundation
import TestSupport
import Testing

/// Feeds, sitemaps and robots.txt from the real binary, configured through the environment
/// (`NEWSSTORE_PUBLIC_URL`, `NEWSSTORE_SITE_NAME`, `NEWSSTORE_FEED_ITEMS`): the settings reach
/// the routes, and the origin is the configured one, never the request's `Host`.
@Suite struct FeedsEndToEndTests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]

    @Test func feedsAndSitemapsUseTheConfiguredPublication() throws {
        let server = try ServerProcess(
            [], environment: ["NEWSSTORE_PUBLIC_URL": "HTTPS://News.Example/", "NEWSSTORE_SITE_NAME": "أخبار المدينة", "NEWSSTORE_FEED_ITEMS": "1"])
        let client = try server.connect()
        #expect(try client.request("POST", "/api/v1/categories", json: ["name": "سياسة"], headers: Self.auth).status == 201)
        let seed = try JSONSerialization.jsonObject(with: Data(contentsOf: ArticleAPITests.fixture))
        #expect(try client.request("POST", "/api/v1/articles", json: seed, headers: Self.auth).status == 201)
        let newer = try client.request(
            "POST", "/api/v1/articles", json: ["title": "خبر اليوم", "slug": "today", "status": "published", "body": "نص"], headers: Self.auth)
        #expect(newer.status == 201)

        // Every request carries `Host: localhost`; no absolute URL may use it.
        let feed = try client.request("GET", "/feed.json")
        #expect(feed.status == 200)
        #expect(feed.header("Content-Type") == "application/feed+json; charset=utf-8")
        #expect(!feed.bodyText.contains("localhost"))
        #expect(feed.json["feed_url"] as? String == "https://news.example/feed.json")
        #expect(feed.json["title"] as? String == "أخبار المدينة")
        let items = feed.json["items"] as? [[String: Any]] ?? []
        #expect(items.map { $0["url"] as? String } == ["https://news.example/articles/today"])

        let rss = try client.request("GET", "/rss.xml?category=" + "سياسة".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)
        #expect(rss.status == 200)
        #expect(rss.header("Content-Type") == "application/rss+xml; charset=utf-8")
        #expect(rss.bodyText.contains("<title>أخبار المدينة — سياسة</title>") && !rss.bodyText.contains("localhost"))

        let robots = try client.request("GET", "/robots.txt")
        #expect(robots.bodyText.hasSuffix("Sitemap: https://news.example/sitemap.xml\nSitemap: https://news.example/sitemap-news.xml\n"))
        let index = try client.request("GET", "/sitemap.xml")
        #expect(index.header("Content-Type") == "application/xml; charset=utf-8")
        #expect(index.bodyText.contains("<loc>https://news.example/sitemaps/articles-1.xml</loc>"))
        let news = try client.request("GET", "/sitemap-news.xml")
        #expect(news.bodyText.contains("<loc>https://news.example/articles/today</loc>"))
        #expect(news.bodyText.contains("<news:name>أخبار المدينة</news:name><news:language>ar</news:language>"))
    }

    @Test func withoutAPublicURLTheyAnswer503NamingTheSetting() throws {
        let server = try ServerProcess()
        let client = try server.connect()
        for path in ["/rss.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/sitemap-news.xml", "/sitemaps/sections.xml", "/robots.txt"] {
            let response = try client.request("GET", path)
            #expect(response.status == 503, "\(path)")
            #expect(response.header("Content-Type") == "application/problem+json; charset=utf-8")
            #expect(response.json["setting"] as? String == "public_url", "\(path)")
        }
    }

    @Test func aFeedItemCountOutsideItsRangeStopsTheStart() throws {
        for value in ["0", "501", "many"] {
            #expect(throws: ServerProcess.ServerDidNotStart.self, "\(value)") { try ServerProcess(["--feed-items", value]) }
        }
    }
}

import Foundation
import HTTP
import JSON
import NewsStore
import Testing

@testable import NewsAPI

/// `/rss.xml`, `/atom.xml`, `/feed.json` through the real router on a real database: each feed
/// parsed (XMLParser, the JSON parser) and checked field by field against the API's own JSON.
@Suite struct FeedRoutesTests {
    static let origin = "https://news.example"
    static let siteName = "أخبار اليوم"
    /// A title that would break out of any markup it were pasted into.
    static let hostileTitle = #"</title><script>alert("x")</script> & ]]> <![CDATA[ "x" 'y'"#

    static func api(feedItems: Int = FeedService.defaultItemCount) throws -> TestAPI {
        var configuration = APIConfiguration()
        configuration.publication = Publication(origin: origin, name: siteName, language: "ar")
        configuration.feedItems = feedItems
        return try TestAPI(configuration: configuration)
    }

    /// A category, the seed-like article in it (hero, tags, summary, body blocks) and a second
    /// one with a hostile title, an author and another tag. Answers their API JSON (`?body=html`).
    static func populate(_ api: TestAPI) throws -> (seed: JSONValue, hostile: JSONValue) {
        #expect(try api.send(.post, "/api/v1/categories", #"{"name":"سياسة","slug":"politics","description":"أخبار السياسة"}"#).status == .created)
        let seed = try api.send(
            .post, "/api/v1/articles",
            #"""
            {"title":"بضغط من واشنطن.. دمشق توافق على المشاركة في \"حملة رباعية\" ضد \"داعش\"","summary":"قالت مصادر سياسية سورية",
             "status":"published","published_at":"2025-07-04T00:00:00Z","category":"politics","tags":["سوريا","داعش"],
             "hero":{"url":"https://example.com/images/syrian-special-forces.jpg","alt":"قوات خاصة سورية","caption":"تدريب","credit":"وكالات"},
             "body":[{"type":"paragraph","text":"فقرة <b>أولى</b> & ثانية"},{"type":"heading","text":"موافقة دمشق","level":2},
                     {"type":"quote","text":"اقتباس"},{"type":"list","items":["أ","ب"]},{"type":"image","url":"https://example.com/b.png","alt":"صورة"}]}
            """#)
        #expect(seed.status == .created)
        let hostile = try api.send(
            .post, "/api/v1/articles",
            """
            {"title":\(JSONValue.string(hostileTitle).jsonText),"slug":"hostile","status":"published","published_at":"2025-07-05T10:30:00.250Z",
             "author":"كاتب <مجهول>","tags":["سوريا","أمن"],"body":"نص"}
            """)
        #expect(hostile.status == .created)
        _ = try api.send(.post, "/api/v1/articles", #"{"title":"مسودة سرية","body":"نص","category":"politics","tags":["سوريا"]}"#)
        let read = { (id: Int) throws -> JSONValue in try JSONParser.parse(try api.send(.get, "/api/v1/articles/\(id)?body=html").body) }
        return (try read(1), try read(2))
    }

    static func get(_ api: TestAPI, _ target: String, headers: [(String, String)] = []) -> Response {
        api.respond(.get, target, headers: headers)
    }

    static func articleURL(_ article: JSONValue) -> String {
        origin + "/articles/" + PercentEncoding.pathSegment(article["slug"]!.stringValue!)
    }

    static func itemID(_ article: JSONValue) -> String { origin + "/api/v1/articles/\(article["id"]!.int64Value!)" }

    // MARK: The three formats

    @Test func rssCarriesEveryFieldOfTheArticles() throws {
        let api = try Self.api()
        defer { api.close() }
        let (seed, hostile) = try Self.populate(api)
        let response = Self.get(api, "/rss.xml")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/rss+xml; charset=utf-8")
        let rss = try ParsedXML.parse(response.body)
        #expect(rss.name == "rss" && rss.attributes["version"] == "2.0")
        #expect(rss.attributes["xmlns:content"] == "http://purl.org/rss/1.0/modules/content/")
        let channel = try #require(rss.first("channel"))
        #expect(channel["title"] == Self.siteName)
        #expect(channel["link"] == Self.origin + "/")
        #expect(channel["language"] == "ar")
        #expect(channel.first("atom:link")?.attributes == ["href": Self.origin + "/rss.xml", "rel": "self", "type": "application/rss+xml"])
        let items = channel.all("item")
        // Newest first; the draft is not there.
        #expect(items.map { $0["title"] } == [Self.hostileTitle, seed["title"]?.stringValue])

        let first = items[0]
        #expect(first["link"] == Self.articleURL(hostile))
        #expect(first["guid"] == Self.itemID(hostile))
        #expect(first.first("guid")?.attributes["isPermaLink"] == "false")
        #expect(first["pubDate"] == "Sat, 05 Jul 2025 10:30:00 GMT")
        #expect(first["dc:creator"] == "كاتب <مجهول>")
        #expect(first.all("category").map(\.text) == ["سوريا", "أمن"])
        #expect(first["content:encoded"] == hostile["body"]?.stringValue)
        #expect(first.first("enclosure") == nil && first["description"] == nil)

        let item = items[1]
        #expect(item["link"] == Self.articleURL(seed))
        #expect(item["guid"] == Self.itemID(seed))
        #expect(item["pubDate"] == "Fri, 04 Jul 2025 00:00:00 GMT")
        #expect(item["description"] == seed["summary"]?.stringValue)
        #expect(item["content:encoded"] == seed["body"]?.stringValue)
        #expect(item["content:encoded"]?.contains("<h2>موافقة دمشق</h2>") == true)
        #expect(item["content:encoded"]?.contains("فقرة &lt;b&gt;أولى&lt;/b&gt; &amp; ثانية") == true)
        let categories = item.all("category")
        #expect(categories.map(\.text) == ["سياسة", "سوريا", "داعش"])
        #expect(categories.map { $0.attributes["domain"] } == [Self.origin + "/categories/", Self.origin + "/tags/", Self.origin + "/tags/"])
        #expect(item["dc:creator"] == nil)
        let hero = seed["hero"]!
        #expect(
            item.first("enclosure")?.attributes == ["url": hero["url"]!.stringValue!, "length": "0", "type": "image/jpeg"])
        let media = try #require(item.first("media:content"))
        #expect(media.attributes["url"] == hero["url"]?.stringValue && media.attributes["medium"] == "image")
        #expect(media["media:description"] == hero["alt"]?.stringValue)
        #expect(media["media:title"] == hero["caption"]?.stringValue)
        #expect(media["media:credit"] == hero["credit"]?.stringValue)
    }

    @Test func atomCarriesEveryFieldOfTheArticles() throws {
        let api = try Self.api()
        defer { api.close() }
        let (seed, hostile) = try Self.populate(api)
        let response = Self.get(api, "/atom.xml")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/atom+xml; charset=utf-8")
        let feed = try ParsedXML.parse(response.body)
        #expect(feed.name == "feed" && feed.attributes["xmlns"] == "http://www.w3.org/2005/Atom" && feed.attributes["xml:lang"] == "ar")
        #expect(feed["id"] == Self.origin + "/atom.xml")
        #expect(feed["title"] == Self.siteName)
        #expect(feed.first("author")?["name"] == Self.siteName)
        #expect(feed.all("link").map { $0.attributes["rel"] } == ["alternate", "self"])
        // The feed changed when its newest item did.
        let newest = [seed, hostile].compactMap { $0["updated_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) }.max()
        #expect(feed["updated"] == newest?.rfc3339)

        let entries = feed.all("entry")
        #expect(entries.map { $0["title"] } == [Self.hostileTitle, seed["title"]?.stringValue])
        for (entry, article) in zip(entries, [hostile, seed]) {
            #expect(entry["id"] == Self.itemID(article))
            #expect(entry.first("link")?.attributes["href"] == Self.articleURL(article))
            #expect(entry["published"] == article["published_at"]?.stringValue)
            #expect(entry["updated"] == article["updated_at"]?.stringValue)
            #expect(entry.first("content")?.attributes["type"] == "html")
            #expect(entry["content"] == article["body"]?.stringValue)
            let terms = entry.all("category").map { $0.attributes["term"] ?? "" }
            let expected =
                ([article["category"]?["slug"]?.stringValue].compactMap { $0 })
                + (article["tags"]?.arrayValue ?? []).compactMap { $0["slug"]?.stringValue }
            #expect(terms == expected)
        }
        #expect(entries[0]["published"] == "2025-07-05T10:30:00.250Z")
        #expect(entries[0].first("author")?["name"] == "كاتب <مجهول>")
        #expect(entries[1]["summary"] == seed["summary"]?.stringValue)
        #expect(entries[1].all("category").first?.attributes["label"] == "سياسة")
        #expect(entries[1].all("category").first?.attributes["scheme"] == Self.origin + "/categories/")
        let enclosure = try #require(entries[1].all("link").first { $0.attributes["rel"] == "enclosure" })
        #expect(enclosure.attributes["href"] == seed["hero"]?["url"]?.stringValue && enclosure.attributes["type"] == "image/jpeg")
        #expect(entries[1].first("media:content")?["media:description"] == seed["hero"]?["alt"]?.stringValue)
    }

    @Test func jsonFeedCarriesEveryFieldOfTheArticles() throws {
        let api = try Self.api()
        defer { api.close() }
        let (seed, hostile) = try Self.populate(api)
        let response = Self.get(api, "/feed.json")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/feed+json; charset=utf-8")
        let feed = try JSONParser.parse(response.body)
        #expect(feed["version"] == "https://jsonfeed.org/version/1.1")
        #expect(feed["title"] == .string(Self.siteName))
        #expect(feed["home_page_url"] == .string(Self.origin + "/"))
        #expect(feed["feed_url"] == .string(Self.origin + "/feed.json"))
        #expect(feed["language"] == "ar")
        let items = try #require(feed["items"]?.arrayValue)
        #expect(items.count == 2)
        for (item, article) in zip(items, [hostile, seed]) {
            #expect(item["id"] == .string(Self.itemID(article)))
            #expect(item["url"] == .string(Self.articleURL(article)))
            #expect(item["title"] == article["title"])
            #expect(item["content_html"] == article["body"])
            #expect(item["date_published"] == article["published_at"])
            #expect(item["date_modified"] == article["updated_at"])
            #expect(item["_newsstore"]?["id"] == article["id"])
            #expect(item["_newsstore"]?["slug"] == article["slug"])
            #expect(item["_newsstore"]?["category"] == article["category"])
            #expect(item["_newsstore"]?["tags"] == article["tags"])
            #expect(item["_newsstore"]?["hero"] == article["hero"])
        }
        #expect(items[0]["title"] == .string(Self.hostileTitle))
        #expect(items[0]["authors"] == [["name": "كاتب <مجهول>"]])
        #expect(items[0]["image"] == nil && items[0]["summary"] == nil)
        #expect(items[1]["summary"] == seed["summary"])
        #expect(items[1]["image"] == seed["hero"]?["url"])
        #expect(items[1]["tags"] == ["سياسة", "سوريا", "داعش"])
        #expect(items[1]["authors"] == nil)
        // The JSON is inline-safe like the API's: no raw `<` from the hostile title.
        #expect(!String(decoding: response.body, as: UTF8.self).contains("<script>"))
    }

    // MARK: Scopes

    @Test func aFeedOfOneCategoryOrOneTag() throws {
        let api = try Self.api()
        defer { api.close() }
        let (seed, hostile) = try Self.populate(api)
        #expect(try api.send(.post, "/api/v1/tags", #"{"name":"فارغ","slug":"empty"}"#).status == .created)
        for format in ["/rss.xml", "/atom.xml", "/feed.json"] {
            let category = Self.get(api, format + "?category=politics")
            #expect(category.status == .ok, "\(format)")
            let tag = Self.get(api, format + "?tag=" + PercentEncoding.pathSegment("أمن"))
            #expect(tag.status == .ok, "\(format)")
            if format == "/feed.json" {
                let feed = try JSONParser.parse(category.body)
                #expect(feed["title"] == .string(Self.siteName + " — سياسة"))
                #expect(feed["description"] == "أخبار السياسة")
                #expect(feed["home_page_url"] == .string(Self.origin + "/categories/politics"))
                #expect(feed["feed_url"] == .string(Self.origin + "/feed.json?category=politics"))
                #expect(feed["items"]?.arrayValue?.map { $0["_newsstore"]?["id"] } == [seed["id"]])
                let tagged = try JSONParser.parse(tag.body)
                #expect(tagged["items"]?.arrayValue?.map { $0["_newsstore"]?["id"] } == [hostile["id"]])
                #expect(tagged["feed_url"] == .string(Self.origin + "/feed.json?tag=%D8%A3%D9%85%D9%86"))
            } else {
                let xml = try ParsedXML.parse(category.body)
                let items = format == "/rss.xml" ? xml.first("channel")?.all("item") ?? [] : xml.all("entry")
                #expect(items.count == 1, "\(format)")
                #expect(try ParsedXML.parse(tag.body).children.isEmpty == false)
            }
            // Unknown, or holding only a draft: readers cannot open it, so neither is there a feed.
            Self.get(api, format + "?category=nothing").expectProblem(.notFound)
            Self.get(api, format + "?tag=empty").expectProblem(.notFound)
            for bad in ["?category=politics&tag=x", "?tag=a&tag=b", "?category=", "?tag="] {
                Self.get(api, format + bad).expectProblem(.badRequest)
            }
            Self.get(api, format + "?limit=5").expectProblem(.badRequest)
        }
    }

    // MARK: Visibility, caching, settings

    @Test func draftsNeverAppearAndAScheduledArticleAppearsWhenItsTimeComes() throws {
        let api = try Self.api()
        defer { api.close() }
        _ = try Self.populate(api)
        let soon = Timestamp(milliseconds: Timestamp.now().milliseconds + 1500).rfc3339
        #expect(
            try api.send(
                .post, "/api/v1/articles", #"{"title":"مجدول","slug":"scheduled","body":"نص","status":"published","published_at":"\#(soon)"}"#
            ).status == .created)
        func shown() -> [Bool] {
            ["/rss.xml", "/atom.xml", "/feed.json"].map { format in
                let body = String(decoding: Self.get(api, format).body, as: UTF8.self)
                #expect(!body.contains("مسودة سرية"), "a draft in \(format)")
                return body.contains("/articles/scheduled")
            }
        }
        #expect(shown() == [false, false, false])
        Thread.sleep(forTimeInterval: 2.6)
        #expect(shown() == [true, true, true])
    }

    @Test func feedsAreCachedLikeTheAPIsReads() throws {
        let api = try Self.api()
        defer { api.close() }
        _ = try Self.populate(api)
        for format in ["/rss.xml", "/atom.xml", "/feed.json", "/rss.xml?category=politics"] {
            let first = Self.get(api, format)
            #expect(first.headers["Cache-Control"] == "public, max-age=60, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400")
            let tag = try #require(first.headers["ETag"])
            let again = Self.get(api, format, headers: [("if-none-match", tag)])
            #expect(again.status == .notModified && again.body.isEmpty, "\(format)")
            #expect(again.headers["ETag"] == tag)
            // An editor's token changes nothing: the feed is the public one.
            let editor = Self.get(api, format, headers: [TestAPI.editor])
            #expect(editor.headers["ETag"] == tag && editor.body == first.body)
        }
        let before = try #require(Self.get(api, "/atom.xml").headers["ETag"])
        _ = try api.send(.patch, "/api/v1/articles/1", #"{"summary":"ملخص جديد"}"#)
        #expect(Self.get(api, "/atom.xml").headers["ETag"] != before)
    }

    @Test func feedItemsSetsHowManyArticlesAFeedCarries() throws {
        let api = try Self.api(feedItems: 1)
        defer { api.close() }
        let (_, hostile) = try Self.populate(api)
        let feed = try JSONParser.parse(Self.get(api, "/feed.json").body)
        #expect(feed["items"]?.arrayValue?.map { $0["_newsstore"]?["id"] } == [hostile["id"]])
    }

    @Test func everyFeedAndSitemapNeedsThePublicURL() throws {
        let api = try TestAPI()
        defer { api.close() }
        _ = try Self.populate(api)
        for target in [
            "/rss.xml", "/atom.xml", "/feed.json", "/feed.json?tag=x", "/sitemap.xml", "/sitemaps/sections.xml", "/sitemaps/articles-1.xml",
            "/sitemap-news.xml", "/robots.txt",
        ] {
            let response = Self.get(api, target)
            response.expectProblem(.serviceUnavailable)
            #expect(response.json["setting"] == "public_url", "\(target)")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("localhost"))
        }
    }
}

extension JSONValue {
    /// The value as JSON text, for building request bodies.
    var jsonText: String {
        var writer = JSONWriter()
        writer.value(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

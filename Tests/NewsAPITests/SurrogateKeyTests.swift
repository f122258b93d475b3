import HTTP
import JSON
import NewsStore
import Testing

@testable import NewsAPI

/// What an HTTP cache in front is told: every public answer's surrogate keys and shared-cache
/// lifetime, and that an editor's answers are never stored.
@Suite struct SurrogateKeyTests {
    static let publicCaching = "public, max-age=60, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400"

    private func keys(_ response: Response, header: String = "Surrogate-Key") -> [String] {
        (response.headers[header] ?? "").split(separator: " ").map(String.init)
    }

    @Test func publicAnswersCarryTheKeysOfWhatTheyShow() throws {
        var configuration = APIConfiguration()
        configuration.publication = Publication(origin: "https://news.example")
        let api = try TestAPI(configuration: configuration)
        defer { api.close() }
        #expect(api.edit(.post, "/api/v1/categories", #"{"name":"أخبار","slug":"news"}"#).status == .created)
        let first = api.edit(.post, "/api/v1/articles", #"{"title":"أول","body":"نص","status":"published","category":"news","tags":["gaza"]}"#)
        let second = api.edit(.post, "/api/v1/articles", #"{"title":"ثان","body":"نص","status":"published","category":"news","tags":["gaza"]}"#)
        let (a, b) = (first.json["id"]!.int64Value!, second.json["id"]!.int64Value!)
        let category = first.json["category"]?["id"]?.int64Value ?? 0
        let tag = api.respond(.get, "/api/v1/tags/gaza").json["id"]?.int64Value ?? 0

        let detail = api.respond(.get, "/api/v1/articles/\(a)")
        #expect(detail.headers["Cache-Control"] == Self.publicCaching)
        // Its own key, then the summaries it shows (the other article is a suggestion).
        #expect(keys(detail) == ["article-\(a)", "article-\(b)"])
        #expect(keys(api.respond(.get, "/api/v1/articles")) == ["list", "article-\(b)", "article-\(a)"])
        #expect(keys(api.respond(.get, "/api/v1/articles?category=news")) == ["category-\(category)", "article-\(b)", "article-\(a)"])
        #expect(keys(api.respond(.get, "/api/v1/articles?tag=gaza")) == ["tag-\(tag)", "article-\(b)", "article-\(a)"])
        #expect(keys(api.respond(.get, "/api/v1/articles?category=empty")) == ["list"], "an empty filtered listing")
        #expect(keys(api.respond(.get, "/api/v1/search?q=%D8%A3%D9%88%D9%84")) == ["search", "article-\(a)"])
        #expect(keys(api.respond(.get, "/api/v1/articles/popular")).first == "popular")
        #expect(keys(api.respond(.get, "/api/v1/articles/\(a)/comments")) == ["comments-\(a)", "article-\(a)"])
        #expect(keys(api.respond(.get, "/api/v1/categories")) == ["list", "category-\(category)"])
        #expect(keys(api.respond(.get, "/api/v1/categories/news")) == ["category-\(category)"])
        #expect(keys(api.respond(.get, "/rss.xml")) == ["feed", "article-\(b)", "article-\(a)"])
        #expect(keys(api.respond(.get, "/sitemap.xml")) == ["sitemap"])

        // An old slug's redirect is the article's too: it goes when the slug changes again.
        #expect(api.edit(.patch, "/api/v1/articles/\(a)", #"{"slug":"renamed"}"#).status == .ok)
        let moved = api.respond(.get, "/api/v1/articles/" + (first.json["slug"]?.stringValue ?? ""))
        #expect(moved.status == .movedPermanently)
        #expect(keys(moved) == ["article-\(a)"] && moved.headers["Cache-Control"] == Self.publicCaching)
    }

    @Test func anEditorsAnswersAreNeverStoredAndCarryNoKeys() throws {
        let api = try TestAPI()
        defer { api.close() }
        let created = api.edit(.post, "/api/v1/articles", #"{"title":"أول","body":"نص","status":"published"}"#)
        for target in ["/api/v1/articles/\(created.json["id"]!.int64Value!)", "/api/v1/articles", "/api/v1/categories"] {
            let response = api.edit(.get, target)
            #expect(response.headers["Cache-Control"] == "private, no-store", "\(target)")
            #expect(response.headers["Surrogate-Key"] == nil, "\(target)")
        }
    }

    @Test func theKeyHeaderAndTheSharedLifetimeAreSettings() throws {
        var configuration = APIConfiguration()
        configuration.surrogateKeyHeader = "Cache-Tag"
        configuration.cacheSharedMaxAge = 600
        let api = try TestAPI(configuration: configuration)
        defer { api.close() }
        let response = api.respond(.get, "/api/v1/articles")
        #expect(keys(response, header: "Cache-Tag") == ["list"])
        #expect(response.headers["Surrogate-Key"] == nil)
        #expect(response.headers["Cache-Control"] == "public, max-age=60, s-maxage=600, stale-while-revalidate=30, stale-if-error=86400")
    }
}

import HTTP
import JSON
import Testing

@testable import NewsAPI

/// Readers' related lists spliced from kept renderings (`RelatedSummaryCache`) read exactly
/// as the rendered ones, and follow every write.
@Suite struct RelatedSplicingTests {
    private func api(relatedCacheSize: Int = APIConfiguration().relatedCacheSize) throws -> TestAPI {
        var configuration = APIConfiguration()
        configuration.responseCacheSize = 0  // every read goes to the service
        configuration.relatedCacheSize = relatedCacheSize
        return try TestAPI(configuration: configuration)
    }

    private func create(_ api: TestAPI, _ slug: String, tags: [String], published: String) throws -> Int64 {
        let tagList = tags.map { "\"\($0)\"" }.joined(separator: ",")
        let response = api.edit(
            .post, "/api/v1/articles",
            #"{"title":"خبر \#(slug)","slug":"\#(slug)","summary":"ملخص \"مقتبس\" \#(slug)","body":"نص","tags":[\#(tagList)],"status":"published","published_at":"\#(published)"}"#
        )
        try #require(response.status == .created)
        return try #require(response.json["id"]?.int64Value)
    }

    private func related(_ response: Response) -> JSONValue? { response.json["related"] }

    @Test func splicedItemsEqualRenderedOnesAndFollowWrites() throws {
        let api = try api()
        defer { api.close() }
        let main = try create(api, "main", tags: ["سوريا", "دمشق"], published: "2025-07-01T10:00:00Z")
        let linked = try create(api, "linked", tags: ["اقتصاد"], published: "2025-06-01T10:00:00Z")
        var suggested: [Int64] = []
        for day in 1...6 {
            suggested.append(try create(api, "s\(day)", tags: ["سوريا"], published: "2025-06-0\(day)T12:00:00Z"))
        }
        #expect(api.edit(.put, "/api/v1/articles/\(main)/related", #"{"ids":[\#(linked)]}"#).status == .ok)

        let first = api.respond(.get, "/api/v1/articles/main")  // renders and keeps
        let second = api.respond(.get, "/api/v1/articles/main")  // splices
        let editors = api.edit(.get, "/api/v1/articles/main")  // always rendered afresh
        #expect(first.status == .ok)
        #expect(second.body == first.body)
        #expect(second.headers["ETag"] == first.headers["ETag"])
        let items = try #require(related(second)?.arrayValue)
        #expect(items.count == 5)
        #expect(related(editors) == related(second))
        #expect(items.map { $0["id"]?.int64Value } == [linked] + suggested.reversed().prefix(4).map { $0 })
        #expect(items.map { $0["suggested"] } == [.bool(false)] + Array(repeating: .bool(true), count: 4))
        #expect(items[0]["views"] == nil && items[0]["comment_count"] == nil)

        // A write to a related article shows at once: its kept rendering is stale.
        #expect(api.edit(.patch, "/api/v1/articles/linked", #"{"title":"عنوان جديد"}"#).status == .ok)
        #expect(related(api.respond(.get, "/api/v1/articles/main"))?.arrayValue?.first?["title"] == .string("عنوان جديد"))
        // An unpublished one leaves readers' lists; the next suggestion takes its place.
        #expect(api.edit(.patch, "/api/v1/articles/s6", #"{"status":"draft"}"#).status == .ok)
        let after = try #require(related(api.respond(.get, "/api/v1/articles/main"))?.arrayValue)
        #expect(after.map { $0["id"]?.int64Value } == [linked] + suggested.reversed().dropFirst().prefix(4).map { $0 })
        #expect(related(api.respond(.get, "/api/v1/articles/main")) == .array(after))

        // A link readers may not see (now a draft) is left out of their list, rendered or
        // spliced, and a suggestion takes its room; editors see it.
        let draft = suggested[5]
        #expect(api.edit(.put, "/api/v1/articles/\(main)/related", #"{"ids":[\#(draft),\#(linked)]}"#).status == .ok)
        let withDraft = try #require(related(api.respond(.get, "/api/v1/articles/main"))?.arrayValue)
        #expect(withDraft.map { $0["id"]?.int64Value } == after.map { $0["id"]?.int64Value })
        #expect(related(api.respond(.get, "/api/v1/articles/main")) == .array(withDraft))
        let editorsItems = try #require(related(api.edit(.get, "/api/v1/articles/main"))?.arrayValue)
        #expect(editorsItems.map { $0["id"]?.int64Value } == [draft, linked] + suggested.reversed().dropFirst().prefix(3).map { $0 })
    }

    /// A reader's detail spliced whole from kept renderings (its summary and its related list)
    /// is byte for byte the one its first read rendered, in every body format and by id too.
    @Test func splicedDetailsEqualRenderedOnes() throws {
        let api = try api()
        defer { api.close() }
        let main = try create(api, "main", tags: ["سوريا"], published: "2025-07-01T10:00:00Z")
        _ = try create(api, "other", tags: ["سوريا"], published: "2025-06-01T10:00:00Z")
        let targets = ["/api/v1/articles/main", "/api/v1/articles/main?body=html", "/api/v1/articles/main?body=text", "/api/v1/articles/\(main)"]
        for (index, target) in targets.enumerated() {
            // A write first, so that nothing is kept and the first read renders it all.
            #expect(api.edit(.patch, "/api/v1/articles/other", #"{"author":"كاتب \#(index)"}"#).status == .ok)
            let rendered = api.respond(.get, target)
            let spliced = api.respond(.get, target)
            #expect(rendered.status == .ok)
            #expect(spliced.body == rendered.body, "\(target)")
            #expect(spliced.headers["ETag"] == rendered.headers["ETag"])
            #expect(spliced.headers["Surrogate-Key"] == rendered.headers["Surrogate-Key"])
        }
        let detail = api.respond(.get, "/api/v1/articles/main").json
        #expect(detail["title"] == .string("خبر main") && detail["summary"] == .string("ملخص \"مقتبس\" main"))
        #expect(detail["related"]?.arrayValue?.count == 1)
    }

    /// With `related_cache_size` 0 nothing is kept: every detail reads and renders its related
    /// summaries, and readers get the list they get with kept renderings.
    @Test func withoutKeptRenderingsDetailsShowTheSameList() throws {
        var lists: [[JSONValue]] = []
        for size in [0, APIConfiguration().relatedCacheSize] {
            let api = try api(relatedCacheSize: size)
            defer { api.close() }
            let main = try create(api, "main", tags: ["سوريا"], published: "2025-07-01T10:00:00Z")
            let linked = try create(api, "linked", tags: ["اقتصاد"], published: "2025-06-01T10:00:00Z")
            for day in 1...3 { _ = try create(api, "s\(day)", tags: ["سوريا"], published: "2025-06-0\(day)T12:00:00Z") }
            #expect(api.edit(.put, "/api/v1/articles/\(main)/related", #"{"ids":[\#(linked)]}"#).status == .ok)
            let first = api.respond(.get, "/api/v1/articles/main")
            #expect(first.status == .ok)
            #expect(api.respond(.get, "/api/v1/articles/main").body == first.body)
            #expect(related(api.edit(.get, "/api/v1/articles/main")) == related(first))
            let items = try #require(related(first)?.arrayValue)
            #expect(items.map { $0["suggested"] } == [.bool(false), .bool(true), .bool(true), .bool(true)])
            // Times differ between the two servers; what the lists show must not.
            lists.append(items.map { item in .array([item["id"], item["slug"], item["title"], item["suggested"]].map { $0 ?? .null }) })
        }
        #expect(lists[0] == lists[1])
    }
}

import HTTP
import JSON
import NewsStore
import Testing

@testable import NewsAPI

/// Counting views over the router: who may, how often, what it changes (not the ETag), and
/// the most-read listing's parameters.
@Suite struct ViewRoutesTests {
    private func view(
        _ api: TestAPI, _ key: String, query: String = "", peer: String = "203.0.113.1", forwardedFor: String? = nil
    ) -> Response {
        var headers: [(String, String)] = []
        if let forwardedFor { headers.append(("x-forwarded-for", forwardedFor)) }
        let target = "/api/v1/articles/\(key)/views" + query
        let request = Request(method: .post, target: target, headers: Headers(headers), peerAddress: peer)
        return api.router.respond(to: request, requestID: "t")
    }

    private func publicGet(_ api: TestAPI, _ target: String) -> Response {
        api.router.respond(to: Request(method: .get, target: target), requestID: "t")
    }

    private func create(_ api: TestAPI, _ json: String) throws -> Int64 {
        let response = try api.send(.post, "/api/v1/articles", json)
        #expect(response.status == .created)
        return try #require(try JSONParser.parse(response.body)["id"]?.int64Value)
    }

    @Test func viewsChangeNeitherTheEditorsETagNorIfMatch() throws {
        let api = try TestAPI()
        defer { api.close() }
        let id = try create(api, #"{"title":"خبر","status":"published","body":"نص"}"#)
        let before = try api.send(.get, "/api/v1/articles/\(id)")
        let tag = try #require(before.headers["ETag"])
        // Readers' view (without the editors' `created_by`) has a tag of its own; asked for
        // under another address, so the response cache does not keep it for the reader below.
        let readersTag = try #require(publicGet(api, "/api/v1/articles/\(id)?body=blocks").headers["ETag"])
        #expect(try JSONParser.parse(before.body)["views"]?.int64Value == 0)

        #expect(view(api, "\(id)").status == .accepted)
        #expect(try api.views.flush() == 1)

        let after = try api.send(.get, "/api/v1/articles/\(id)")
        #expect(try JSONParser.parse(after.body)["views"]?.int64Value == 1)
        #expect(after.headers["ETag"] == tag)
        // The reader who asks next sees the new count, under the same tag.
        let reader = publicGet(api, "/api/v1/articles/\(id)")
        #expect(try JSONParser.parse(reader.body)["views"]?.int64Value == 1)
        #expect(reader.headers["ETag"] == readersTag)

        let patch = Request(
            method: .patch, target: "/api/v1/articles/\(id)",
            headers: Headers([
                ("authorization", "Bearer \(OpenAPITests.adminToken)"), ("content-type", "application/json"), ("if-match", tag),
            ]), body: Array(#"{"summary":"ملخص"}"#.utf8))
        let patched = api.router.respond(to: patch, requestID: "t")
        #expect(patched.status == .ok)
        #expect(patched.headers["ETag"] != tag)
    }

    @Test func viewsIsTheLastMemberAndRelatedSummariesHaveNone() throws {
        let api = try TestAPI()
        defer { api.close() }
        let first = try create(api, #"{"title":"أول","status":"published","body":"نص"}"#)
        let second = try create(api, #"{"title":"ثان","status":"published","body":"نص"}"#)
        #expect(try api.send(.put, "/api/v1/articles/\(first)/related", #"{"ids":[\#(second)]}"#).status == .ok)
        let detail = try JSONParser.parse(api.send(.get, "/api/v1/articles/\(first)").body)
        #expect(detail.objectValue?.keys.last == "views")
        let related = try #require(detail["related"]?.arrayValue?.first?.objectValue)
        #expect(related["id"]?.int64Value == second)
        #expect(related["views"] == nil)
        // Listings keep the count in their summaries.
        let item = try #require(try JSONParser.parse(api.send(.get, "/api/v1/articles").body)["items"]?.arrayValue?.first)
        #expect(item["views"]?.int64Value == 0)
    }

    @Test func onlyPublicArticlesCountByIdSlugOrFormerSlug() throws {
        let api = try TestAPI()
        defer { api.close() }
        let published = try create(api, #"{"title":"منشور","slug":"old-slug","status":"published","body":"نص"}"#)
        #expect(try api.send(.patch, "/api/v1/articles/\(published)", #"{"slug":"new-slug"}"#).status == .ok)
        let draft = try create(api, #"{"title":"مسودة","body":"نص"}"#)
        let scheduled = try create(api, #"{"title":"لاحقا","status":"published","published_at":"2999-01-01","body":"نص"}"#)
        for key in ["\(published)", "new-slug"] {
            #expect(view(api, key, peer: "203.0.113.\(key.count)").status == .accepted, "\(key)")
        }
        #expect(view(api, "old-slug", peer: "203.0.113.99").status == .accepted)
        for key in ["\(draft)", "\(scheduled)", "999", "no-such-slug"] {
            let response = view(api, key)
            #expect(response.status == .notFound, "\(key)")
            #expect(response.headers["Content-Type"] == "application/problem+json; charset=utf-8")
        }
        #expect(try api.views.flush() == 3)
        #expect(view(api, "\(published)", query: "?x=1").status == .badRequest)
    }

    @Test func aClientIsLimitedAndItsRepeatsCountOnce() throws {
        var configuration = APIConfiguration()
        configuration.views.rate = RateLimit(2, per: .seconds(60), burst: 2)
        let api = try TestAPI(configuration: configuration)
        defer { api.close() }
        let first = try create(api, #"{"title":"أول","status":"published","body":"نص"}"#)
        let second = try create(api, #"{"title":"ثان","status":"published","body":"نص"}"#)

        #expect(view(api, "\(first)").status == .accepted)
        // The same client and article again: accepted, not counted.
        #expect(view(api, "\(first)").status == .accepted)
        let refused = view(api, "\(second)")
        #expect(refused.status == .tooManyRequests)
        #expect(refused.headers["Retry-After"] == "30")
        #expect(refused.headers["Content-Type"] == "application/problem+json; charset=utf-8")

        // Other clients have their own allowance: one connecting directly, and two behind the
        // local proxy, told apart by the address the proxy appended.
        #expect(view(api, "\(first)", peer: "203.0.113.2").status == .accepted)
        #expect(view(api, "\(first)", peer: "127.0.0.1", forwardedFor: "198.51.100.7").status == .accepted)
        #expect(view(api, "\(first)", peer: "127.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.8").status == .accepted)
        #expect(try api.views.flush() == 4)
    }

    @Test func popularValidatesItsQueryAndIsNeverAnArticle() throws {
        let api = try TestAPI()
        defer { api.close() }
        #expect(publicGet(api, "/api/v1/articles/popular").status == .ok)
        for target in ["?window=1y", "?limit=0", "?limit=101", "?sort=views", "?window=24h&tag=x"] {
            #expect(publicGet(api, "/api/v1/articles/popular" + target).status == .badRequest, "\(target)")
        }
        let reserved = try api.send(.post, "/api/v1/articles", #"{"title":"popular","slug":"popular"}"#)
        #expect(reserved.status == .unprocessableContent)
        let generated = try api.send(.post, "/api/v1/articles", #"{"title":"Popular","status":"published","body":"x"}"#)
        #expect(try JSONParser.parse(generated.body)["slug"] == "popular-2")
        #expect(try JSONParser.parse(publicGet(api, "/api/v1/articles/popular").body)["items"] == [])
    }
}

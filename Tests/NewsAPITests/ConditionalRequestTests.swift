import HTTP
import JSON
import Testing

@testable import NewsAPI

/// Entity tags both ways: readers revalidate with If-None-Match (304), editors write with
/// If-Match (a stale tag is 412); and who may cache what.
@Suite struct ConditionalRequestTests {
    @Test func conditionalRequestsAndCachingHeaders() throws {
        var configuration = APIConfiguration()
        configuration.cacheMaxAge = 30
        let api = try TestAPI(configuration: configuration)
        defer { api.close() }
        #expect(api.edit(.post, "/api/v1/articles", #"{"title":"دمشق","body":"نص","status":"published"}"#).status == .created)
        let first = api.respond(.get, "/api/v1/articles/1")
        let tag = try #require(first.headers["ETag"])
        #expect(first.headers["Cache-Control"] == "public, max-age=30, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400")
        let cached = api.respond(.get, "/api/v1/articles/1", headers: [("if-none-match", tag)])
        #expect(cached.status == .notModified)
        #expect(cached.body.isEmpty)
        #expect(cached.headers["ETag"] == tag)
        let editor = api.edit(.get, "/api/v1/articles/1")
        #expect(editor.headers["Cache-Control"] == "private, no-store")
        let editorTag = try #require(editor.headers["ETag"])
        let patched = api.respond(
            .patch, "/api/v1/articles/1",
            headers: [TestAPI.editor, ("if-match", editorTag), ("content-type", "application/merge-patch+json")], body: #"{"summary":"ملخص"}"#)
        #expect(patched.status == .ok)
        #expect(patched.json["version"]?.int64Value == 2)
        // The tag the edit was based on is stale now.
        api.edit(.patch, "/api/v1/articles/1", #"{"summary":"آخر"}"#, headers: [("if-match", editorTag)]).expectProblem(.preconditionFailed)
        let after = api.respond(.get, "/api/v1/articles/1", headers: [("if-none-match", tag)])
        #expect(after.status == .ok)
        #expect(after.headers["ETag"] != tag)
        #expect(after.json["summary"]?.stringValue == "ملخص")
        let listing = api.respond(.get, "/api/v1/articles")
        let listingTag = try #require(listing.headers["ETag"])
        #expect(api.respond(.get, "/api/v1/articles", headers: [("if-none-match", "W/\(listingTag)")]).status == .notModified)
    }
}

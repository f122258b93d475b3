import HTTP
import JSON
import Testing

@testable import NewsAPI

/// PATCH as a JSON merge patch, and the 301 from a slug the article no longer has.
@Suite struct MergePatchTests {
    @Test func mergePatchChangesOnlyWhatItNamesAndOldSlugsRedirect() throws {
        let api = try TestAPI()
        defer { api.close() }
        let created = api.edit(
            .post, "/api/v1/articles", #"{"title":"عنوان","slug":"old-name","summary":"ملخص","body":"نص","tags":["سوريا"],"status":"published"}"#)
        #expect(created.status == .created)
        let patched = api.edit(.patch, "/api/v1/articles/1", #"{"slug":"new-name","summary":null}"#)
        #expect(patched.status == .ok)
        #expect(patched.json["summary"]?.isNull == true)
        #expect(patched.json["title"]?.stringValue == "عنوان")
        #expect(patched.json["tags"]?.arrayValue?.first?["name"]?.stringValue == "سوريا")
        let moved = api.respond(.get, "/api/v1/articles/old-name?body=text")
        #expect(moved.status == .movedPermanently)
        #expect(moved.headers["Location"] == "/api/v1/articles/new-name?body=text")
        #expect(api.edit(.patch, "/api/v1/articles/1", #"{"slug":"newest-name"}"#).status == .ok)
        let movedAgain = api.respond(.get, "/api/v1/articles/old-name")
        let location = try #require(movedAgain.headers["Location"])
        #expect(location == "/api/v1/articles/newest-name")
        // Following the redirect, as a client would, finds the article.
        #expect(api.respond(.get, location).status == .ok)
        let readOnly = api.edit(.patch, "/api/v1/articles/1", #"{"views":1000}"#)
        #expect(readOnly.status == .unprocessableContent)
    }
}

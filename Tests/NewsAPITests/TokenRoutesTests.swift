import HTTP
import JSON
import NewsStore
import Testing

@testable import NewsAPI

/// `/api/v1/tokens`: an admin makes a person's token (shown once), lists it with its role,
/// expiry and last use, and revokes it; the token works in between and never after.
@Suite struct TokenRoutesTests {
    @Test func anAdminCreatesListsAndRevokesAToken() throws {
        let api = try TestAPI()
        defer { api.close() }
        let created = api.edit(.post, "/api/v1/tokens", #"{"name": "دينا", "role": "contributor", "expires_in": "90d"}"#)
        #expect(created.status == .created)
        #expect(created.headers["Cache-Control"] == "private, no-store")
        let id = try #require(created.json["id"]?.int64Value)
        #expect(created.headers["Location"] == "/api/v1/tokens/\(id)")
        #expect(created.json["name"] == "دينا")
        #expect(created.json["role"] == "contributor")
        #expect(created.json["last_used_at"] == .null)
        let expiresAt = try #require(created.json["expires_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)))
        let createdAt = try #require(created.json["created_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)))
        #expect(expiresAt.milliseconds - createdAt.milliseconds == 90 * 86_400_000)
        let token = try #require(created.json["token"]?.stringValue)

        // The token works, with its role: a draft is fine, a category is the editors'.
        let bearer = [("authorization", "Bearer \(token)"), ("content-type", "application/json")]
        let draft = api.respond(.post, "/api/v1/articles", headers: bearer, body: #"{"title": "مسودة", "body": "نص."}"#)
        #expect(draft.status == .created)
        #expect(draft.json["created_by"] == "دينا")
        let category = api.respond(.post, "/api/v1/categories", headers: bearer, body: #"{"name": "سياسة"}"#)
        category.expectProblem(.forbidden)
        #expect(category.json["required_role"] == "editor")

        let listed = api.edit(.get, "/api/v1/tokens")
        #expect(listed.status == .ok)
        let items = try #require(listed.json["items"]?.arrayValue)
        #expect(items.count == 1)
        #expect(items[0]["token"] == nil, "a list never shows the token")
        #expect(items[0]["last_used_at"]?.stringValue != nil, "its use was recorded")
        #expect(!String(decoding: listed.body, as: UTF8.self).contains(token))

        api.edit(.post, "/api/v1/tokens", #"{"name": "دينا", "role": "author"}"#).expectProblem(.conflict)
        #expect(api.edit(.delete, "/api/v1/tokens/\(id)").status == .noContent)
        api.respond(.post, "/api/v1/articles", headers: bearer, body: #"{"title": "أخرى"}"#).expectProblem(.unauthorized)
        api.edit(.delete, "/api/v1/tokens/\(id)").expectProblem(.notFound)
        api.edit(.delete, "/api/v1/tokens/abc").expectProblem(.notFound)
        #expect(api.edit(.post, "/api/v1/tokens", #"{"name": "دينا", "role": "author"}"#).status == .created)
    }

    @Test func articlesShowWhoseOwnTheyAreToEditorsOnly() throws {
        let api = try TestAPI()
        defer { api.close() }
        let created = api.edit(.post, "/api/v1/articles", #"{"title": "خبر", "status": "published", "body": "نص."}"#)
        #expect(created.status == .created)
        let id = try #require(created.json["id"]?.int64Value)
        #expect(api.edit(.get, "/api/v1/articles/\(id)").json["created_by"] == "bootstrap")
        let read = api.respond(.get, "/api/v1/articles/\(id)")
        #expect(read.status == .ok)
        #expect(read.json["created_by"] == nil)
        #expect(!String(decoding: read.body, as: UTF8.self).contains("bootstrap"))
    }

    @Test func badTokenWritesAreRefusedWithPointers() throws {
        let api = try TestAPI()
        defer { api.close() }
        let cases: [(String, [String])] = [
            (#"{}"#, ["/name", "/role"]),
            (#"{"name": "x", "role": "chief"}"#, ["/role"]),
            (#"{"name": "x", "role": "author", "expires_in": "forever"}"#, ["/expires_in"]),
            (#"{"name": "x", "role": "author", "expires_in": "0d"}"#, ["/expires_in"]),
            (#"{"name": "system", "role": "admin"}"#, ["/name"]),
            (#"{"name": "x", "role": "author", "token": "ns_mine"}"#, ["/token"]),
        ]
        for (body, pointers) in cases {
            let response = api.edit(.post, "/api/v1/tokens", body)
            response.expectProblem(.unprocessableContent)
            let found = (response.json["errors"]?.arrayValue ?? []).compactMap { $0["pointer"]?.stringValue }
            #expect(found == pointers, "\(body)")
        }
        #expect(api.edit(.get, "/api/v1/tokens").json["items"]?.arrayValue?.isEmpty == true)
    }
}

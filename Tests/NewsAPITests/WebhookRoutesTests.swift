import HTTP
import JSON
import NewsStore
import Testing

@testable import NewsAPI

/// The webhook routes in-process: validation with pointers, the secret shown once, rotation,
/// deliveries with their payloads, and answers with the members the OpenAPI document lists.
@Suite struct WebhookRoutesTests {
    private static func api() throws -> TestAPI {
        var configuration = APIConfiguration()
        configuration.publication = Publication(origin: "https://news.example")
        return try TestAPI(configuration: configuration)
    }

    private static func required(_ schema: String) throws -> [String] {
        let document = try OpenAPITests.document()
        return document["components"]?["schemas"]?[schema]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    @Test func createShowsTheSecretOnceAndListsWithout() throws {
        let api = try Self.api()
        defer { api.close() }
        let created = api.edit(
            .post, "/api/v1/webhooks", #"{"url":"https://hooks.example/in","events":["article.published","article.deleted"],"description":"CDN"}"#)
        #expect(created.status == .created)
        #expect(created.headers["Location"] == "/api/v1/webhooks/1")
        #expect(created.headers["Cache-Control"] == "private, no-store")
        let secret = try #require(created.json["secret"]?.stringValue)
        #expect(secret.hasPrefix("whsec_") && Base64.decode(String(secret.dropFirst(6)))?.count == 32)
        #expect(created.json.objectValue?.keys == (try Self.required("WebhookSubscription")) + ["secret"])
        #expect(created.json["events"] == ["article.published", "article.deleted"])
        #expect(created.json["active"] == .bool(true))

        let list = api.edit(.get, "/api/v1/webhooks")
        #expect(list.status == .ok)
        let item = try #require(list.json["items"]?.arrayValue?.first)
        #expect(item.objectValue?.keys == (try Self.required("WebhookSubscription")))
        #expect(!String(decoding: list.body, as: UTF8.self).contains(secret))
        let tag = try #require(list.headers["ETag"])
        #expect(api.edit(.get, "/api/v1/webhooks", headers: [("if-none-match", tag)]).status == .notModified)
        #expect(api.edit(.get, "/api/v1/webhooks/1").json == item)
        // Readers see nothing of it.
        api.respond(.get, "/api/v1/webhooks").expectProblem(.unauthorized)
    }

    @Test func invalidSubscriptionsAre422WithPointers() throws {
        let api = try Self.api()
        defer { api.close() }
        let both = api.edit(.post, "/api/v1/webhooks", #"{"url":"ftp://hooks.example/","events":["article.published","article.exploded"]}"#)
        both.expectProblem(.unprocessableContent)
        #expect(both.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } == ["/url", "/events/1"])
        for url in ["https://user:secret@hooks.example/", "https://hooks.example/#part", "http://hooks.example:99999/", "https://hooks example/"] {
            let refused = api.edit(.post, "/api/v1/webhooks", #"{"url":"\#(url)","events":["article.published"]}"#)
            refused.expectProblem(.unprocessableContent)
            #expect(refused.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } == ["/url"], "\(url)")
        }
        let serverSet = api.edit(.post, "/api/v1/webhooks", #"{"url":"https://hooks.example/","events":["article.published"],"secret":"whsec_x"}"#)
        serverSet.expectProblem(.unprocessableContent)
        #expect(serverSet.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } == ["/secret"])
        let missing = api.edit(.post, "/api/v1/webhooks", #"{"active":false}"#)
        missing.expectProblem(.unprocessableContent)
        #expect(missing.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } == ["/url", "/events", "/active"])
        api.edit(.post, "/api/v1/webhooks", #"{"url":"https://hooks.example/","events":"article.published"}"#)
            .expectProblem(.unprocessableContent)
    }

    @Test func patchRotateAndDelete() throws {
        let api = try Self.api()
        defer { api.close() }
        let first = try #require(
            api.edit(.post, "/api/v1/webhooks", #"{"url":"https://hooks.example/in","events":["article.published"]}"#).json["secret"]?.stringValue)
        let patched = api.edit(.patch, "/api/v1/webhooks/1", #"{"events":["article.updated"],"active":false,"description":null}"#)
        #expect(patched.status == .ok)
        #expect(patched.json["events"] == ["article.updated"])
        #expect(patched.json["active"] == .bool(false))
        #expect(patched.json["secret"] == nil)
        api.edit(.patch, "/api/v1/webhooks/1", #"{"events":[]}"#).expectProblem(.unprocessableContent)
        // Found by schemathesis: a blank URL was taken for "unchanged".
        let blank = api.edit(.patch, "/api/v1/webhooks/1", #"{"url":" "}"#)
        blank.expectProblem(.unprocessableContent)
        #expect(blank.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } == ["/url"])

        let rotated = api.edit(.post, "/api/v1/webhooks/1/rotate-secret")
        #expect(rotated.status == .ok)
        let second = try #require(rotated.json["secret"]?.stringValue)
        #expect(second != first && second.hasPrefix("whsec_"))
        #expect(rotated.json["previous_secret_expires_at"]?.stringValue != nil)

        #expect(api.edit(.delete, "/api/v1/webhooks/1").status == .noContent)
        api.edit(.get, "/api/v1/webhooks/1").expectProblem(.notFound)
        api.edit(.get, "/api/v1/webhooks/abc").expectProblem(.notFound)
        api.edit(.post, "/api/v1/webhooks/1/rotate-secret").expectProblem(.notFound)
        api.edit(.get, "/api/v1/webhooks/1/deliveries").expectProblem(.notFound)
    }

    @Test func deliveriesCarryThePayloadAndPageByCursor() throws {
        let api = try Self.api()
        defer { api.close() }
        #expect(
            api.edit(.post, "/api/v1/webhooks", #"{"url":"https://hooks.example/in","events":["article.published","article.updated"]}"#).status
                == .created)
        #expect(api.edit(.post, "/api/v1/articles", #"{"title":"خبر","slug":"khabar","body":"نص","status":"published"}"#).status == .created)
        #expect(api.edit(.patch, "/api/v1/articles/khabar", #"{"title":"خبر معدل"}"#).status == .ok)
        #expect(api.edit(.post, "/api/v1/articles", #"{"title":"مسودة","body":"نص"}"#).status == .created)

        let page = api.edit(.get, "/api/v1/webhooks/1/deliveries?limit=1")
        #expect(page.status == .ok)
        #expect(page.json.objectValue?.keys == (try Self.required("WebhookDeliveryPage")))
        let newest = try #require(page.json["items"]?.arrayValue?.first)
        #expect(newest.objectValue?.keys == (try Self.required("WebhookDelivery")))
        #expect(newest["event_type"] == "article.updated")
        #expect(newest["state"] == "pending")
        #expect(newest["attempts"] == [])
        #expect(newest["webhook_id"]?.stringValue?.hasPrefix("msg_") == true)
        #expect(newest["payload"]?.objectValue?.keys == ["type", "timestamp", "data"])
        let data = try #require(newest["payload"]?["data"])
        let summary = try #require(api.edit(.get, "/api/v1/articles").json["items"]?.arrayValue?.first)
        #expect(data.objectValue?.keys == (summary.objectValue?.keys ?? []) + ["url"])
        #expect(data["title"] == "خبر معدل")
        #expect(data["url"] == "https://news.example/articles/khabar")

        let cursor = try #require(page.json["next_cursor"]?.stringValue)
        let older = api.edit(.get, "/api/v1/webhooks/1/deliveries?limit=1&cursor=\(cursor)")
        #expect(older.json["items"]?.arrayValue?.first?["event_type"] == "article.published")
        #expect(older.json["next_cursor"] == .null)
        api.edit(.get, "/api/v1/webhooks/1/deliveries?cursor=nonsense").expectProblem(.badRequest)
        api.edit(.get, "/api/v1/webhooks/1/deliveries?limit=101").expectProblem(.badRequest)

        let id = try #require(newest["id"]?.int64Value)
        let redelivered = api.edit(.post, "/api/v1/webhooks/1/deliveries/\(id)/redeliver")
        #expect(redelivered.status == .accepted)
        #expect(redelivered.json["state"] == "pending")
        api.edit(.post, "/api/v1/webhooks/1/deliveries/999/redeliver").expectProblem(.notFound)
        api.edit(.post, "/api/v1/webhooks/2/deliveries/\(id)/redeliver").expectProblem(.notFound)
    }

    @Test func metricsCountTheBacklog() throws {
        let api = try Self.api()
        defer { api.close() }
        #expect(api.edit(.post, "/api/v1/webhooks", #"{"url":"https://hooks.example/in","events":["article.published"]}"#).status == .created)
        #expect(api.edit(.post, "/api/v1/articles", #"{"title":"خبر","body":"نص","status":"published"}"#).status == .created)
        let metrics = String(decoding: api.edit(.get, "/metrics").body, as: UTF8.self)
        #expect(metrics.contains("newsstore_outbox_backlog 1\n"))
        for outcome in ["delivered", "retry", "failed", "gone"] {
            #expect(metrics.contains("newsstore_webhook_attempts_total{outcome=\"\(outcome)\"} 0\n"), "\(outcome)")
        }
    }
}

import Foundation
import HTTP
import JSON
import NewsStore
import Testing

@testable import NewsAPI

/// Every write route, enumerated from the router, leaves exactly one audit row naming who
/// called (identity and role), from where (client address) and in which request; and
/// `GET /api/v1/audit` lists, filters and pages them for admins.
@Suite struct AuditRouteTests {
    /// A write through the routes: the target and body to send once `prepare` has made what
    /// the route needs, the action its audit row must carry, and any header fields the route
    /// requires besides (`If-Match: *` for a route that insists on a precondition).
    struct Recipe: Sendable {
        var prepare: @Sendable (TestAPI) throws -> (target: String, body: String?) = { _ in ("", nil) }
        let action: String
        var headers: [(String, String)] = []
    }

    /// Routes that change nothing an editor would ask about: a view is a counter, flushed in
    /// batches, not a write anyone makes on purpose.
    static let notAudited: Set<String> = ["POST /api/v1/articles/{key}/views"]

    /// A public article, which readers may comment on.
    static func article(_ api: TestAPI) throws -> Int64 {
        let created = api.edit(.post, "/api/v1/articles", #"{"title":"خبر","body":"نص","status":"published"}"#)
        return try #require(created.json["id"]?.int64Value, "\(created.status) \(String(decoding: created.body, as: UTF8.self))")
    }

    static func comment(_ api: TestAPI) throws -> Int64 {
        let article = try article(api)
        let posted = api.respond(
            .post, "/api/v1/articles/\(article)/comments", headers: [("content-type", "application/json")],
            body: #"{"author_name":"قارئ","body":"تعليق"}"#)
        return try #require(posted.json["id"]?.int64Value)
    }

    static func created(_ api: TestAPI, _ path: String, _ body: String) throws -> Int64 {
        let response = api.edit(.post, path, body)
        return try #require(response.json["id"]?.int64Value, "\(path): \(response.status)")
    }

    static let webhook = #"{"url":"https://hooks.example/in","events":["article.published"]}"#

    static let recipes: [String: Recipe] = [
        "POST /api/v1/admin/backup": Recipe(action: "backup.create"),
        "POST /api/v1/articles": Recipe(prepare: { _ in ("/api/v1/articles", #"{"title":"جديد"}"#) }, action: "article.create"),
        "PATCH /api/v1/articles/{key}": Recipe(
            prepare: { api in ("/api/v1/articles/\(try article(api))", #"{"title":"معدّل"}"#) }, action: "article.update"),
        "DELETE /api/v1/articles/{key}": Recipe(prepare: { api in ("/api/v1/articles/\(try article(api))", nil) }, action: "article.delete"),
        "PUT /api/v1/articles/{key}/related": Recipe(
            prepare: { api in ("/api/v1/articles/\(try article(api))/related", #"{"ids":[\#(try article(api))]}"#) },
            action: "article.related"),
        "POST /api/v1/articles/{key}/comments": Recipe(
            prepare: { api in ("/api/v1/articles/\(try article(api))/comments", #"{"author_name":"قارئة","body":"رأي"}"#) },
            action: "comment.create"),
        "PATCH /api/v1/comments/{id}": Recipe(
            prepare: { api in ("/api/v1/comments/\(try comment(api))", #"{"status":"spam"}"#) }, action: "comment.moderate"),
        "DELETE /api/v1/comments/{id}": Recipe(prepare: { api in ("/api/v1/comments/\(try comment(api))", nil) }, action: "comment.delete"),
        "POST /api/v1/comment-bans": Recipe(
            prepare: { _ in ("/api/v1/comment-bans", #"{"email":"troll@example.com","reason":"إساءة"}"#) }, action: "ban.create"),
        "DELETE /api/v1/comment-bans/{id}": Recipe(
            prepare: { api in
                ("/api/v1/comment-bans/\(try created(api, "/api/v1/comment-bans", #"{"address":"192.0.2.1","reason":"سبام"}"#))", nil)
            }, action: "ban.delete"),
        "POST /api/v1/categories": Recipe(prepare: { _ in ("/api/v1/categories", #"{"name":"سياسة"}"#) }, action: "category.create"),
        "PATCH /api/v1/categories/{key}": Recipe(
            prepare: { api in ("/api/v1/categories/\(try created(api, "/api/v1/categories", #"{"name":"اقتصاد"}"#))", #"{"name":"مال"}"#) },
            action: "category.update"),
        "DELETE /api/v1/categories/{key}": Recipe(
            prepare: { api in ("/api/v1/categories/\(try created(api, "/api/v1/categories", #"{"name":"رياضة"}"#))", nil) },
            action: "category.delete"),
        "POST /api/v1/tags": Recipe(prepare: { _ in ("/api/v1/tags", #"{"name":"سوريا"}"#) }, action: "tag.create"),
        "PATCH /api/v1/tags/{key}": Recipe(
            prepare: { api in ("/api/v1/tags/\(try created(api, "/api/v1/tags", #"{"name":"لبنان"}"#))", #"{"name":"بيروت"}"#) },
            action: "tag.update"),
        "DELETE /api/v1/tags/{key}": Recipe(
            prepare: { api in ("/api/v1/tags/\(try created(api, "/api/v1/tags", #"{"name":"مصر"}"#))", nil) }, action: "tag.delete"),
        "POST /api/v1/articles/{key}/revisions/{number}/restore": Recipe(
            prepare: { api in ("/api/v1/articles/\(try article(api))/revisions/1/restore", nil) }, action: "article.restore",
            headers: [("if-match", "*")]),
        "POST /api/v1/articles/{key}/preview-links": Recipe(
            prepare: { api in ("/api/v1/articles/\(try article(api))/preview-links", #"{"expires_in":"24h"}"#) },
            action: "preview_link.create"),
        "DELETE /api/v1/articles/{key}/preview-links/{link}": Recipe(
            prepare: { api in
                let article = try article(api)
                let link = try created(api, "/api/v1/articles/\(article)/preview-links", #"{"expires_in":"1h"}"#)
                return ("/api/v1/articles/\(article)/preview-links/\(link)", nil)
            }, action: "preview_link.revoke"),
        "POST /api/v1/tokens": Recipe(prepare: { _ in ("/api/v1/tokens", #"{"name":"رنا","role":"editor"}"#) }, action: "token.create"),
        "DELETE /api/v1/tokens/{id}": Recipe(
            prepare: { api in ("/api/v1/tokens/\(try created(api, "/api/v1/tokens", #"{"name":"سامر","role":"author"}"#))", nil) },
            action: "token.revoke"),
        "POST /api/v1/webhooks": Recipe(prepare: { _ in ("/api/v1/webhooks", webhook) }, action: "webhook.create"),
        "PATCH /api/v1/webhooks/{id}": Recipe(
            prepare: { api in ("/api/v1/webhooks/\(try created(api, "/api/v1/webhooks", webhook))", #"{"active":false}"#) },
            action: "webhook.update"),
        "DELETE /api/v1/webhooks/{id}": Recipe(
            prepare: { api in ("/api/v1/webhooks/\(try created(api, "/api/v1/webhooks", webhook))", nil) }, action: "webhook.delete"),
        "POST /api/v1/webhooks/{id}/rotate-secret": Recipe(
            prepare: { api in ("/api/v1/webhooks/\(try created(api, "/api/v1/webhooks", webhook))/rotate-secret", nil) },
            action: "webhook.rotate_secret"),
        "POST /api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver": Recipe(
            prepare: { api in
                let hook = try created(api, "/api/v1/webhooks", webhook)
                _ = try article(api)
                let deliveries = api.edit(.get, "/api/v1/webhooks/\(hook)/deliveries")
                let delivery = try #require(deliveries.json["items"]?.arrayValue?.first?["id"]?.int64Value)
                return ("/api/v1/webhooks/\(hook)/deliveries/\(delivery)/redeliver", nil)
            }, action: "webhook.redeliver"),
    ]

    static func auditRows(_ api: TestAPI) throws -> [JSONValue] {
        let response = api.edit(.get, "/api/v1/audit?limit=500")
        #expect(response.status == .ok)
        return try #require(response.json["items"]?.arrayValue)
    }

    @Test func everyWriteRouteLeavesExactlyOneAuditRowNamingItsCaller() throws {
        var configuration = APIConfiguration()
        let backups = FileManager.default.temporaryDirectory.appendingPathComponent("audit-backups-\(UUID().uuidString)").path
        configuration.backups = BackupFolder(path: backups)
        let api = try TestAPI(configuration: configuration)
        defer {
            api.close()
            try? FileManager.default.removeItem(atPath: backups)
        }
        let writes = api.router.routes.filter { $0.method != .get }
        #expect(writes.count >= Self.recipes.count)
        for (index, route) in writes.enumerated() {
            let label = "\(route.method) \(route.pattern)"
            if Self.notAudited.contains(label) { continue }
            guard let recipe = Self.recipes[label] else {
                Issue.record("\(label) is a write route without an audit recipe here: add one (or a reason in notAudited)")
                continue
            }
            let (target, body) = try recipe.prepare(api)
            let before = try Self.auditRows(api).first?["id"]?.int64Value ?? 0
            let address = "198.51.100.\(index + 1)"
            let requestID = "audit-\(index)"
            var headers = recipe.headers + (body == nil ? [] : [("content-type", "application/json")])
            let anonymous = route.policy.permission.admitsAnonymous
            if !anonymous { headers.append(TestAPI.editor) }
            let request = Request(
                method: route.method, target: target.isEmpty ? route.pattern : target, headers: Headers(headers),
                body: Array((body ?? "").utf8), peerAddress: address)
            let response = api.router.respond(to: request, requestID: requestID)
            #expect((200..<300).contains(response.status.code), "\(label): \(response.status) \(String(decoding: response.body, as: UTF8.self))")
            let new = try Self.auditRows(api).filter { ($0["id"]?.int64Value ?? 0) > before }
            #expect(new.count == 1, "\(label) left \(new.count) audit rows")
            guard let row = new.first else { continue }
            #expect(row["action"]?.stringValue == recipe.action, "\(label)")
            #expect(row["identity"]?.stringValue == (anonymous ? "anonymous" : "bootstrap"), "\(label)")
            #expect(row["role"]?.stringValue == (anonymous ? "reader" : "admin"), "\(label)")
            // A reader's address stays with the comment, under its retention, not in the log.
            #expect(row["client_address"]?.stringValue == (anonymous ? "" : address), "\(label)")
            #expect(row["request_id"]?.stringValue == requestID, "\(label)")
            #expect(row["object"]?.stringValue?.hasPrefix(recipe.action.split(separator: ".")[0] + ":") == true, "\(label)")
        }
        #expect(Set(Self.recipes.keys).isSubset(of: Set(writes.map { "\($0.method) \($0.pattern)" })), "a recipe for a route that is gone")
    }

    @Test func theAuditListingFiltersPagesAndRefusesBadQueries() throws {
        let api = try TestAPI()
        defer { api.close() }
        for name in ["أ", "ب", "ج"] {
            #expect(api.edit(.post, "/api/v1/tags", #"{"name":"\#(name)"}"#).status == .created)
        }
        #expect(api.edit(.patch, "/api/v1/tags/1", #"{"name":"د"}"#).status == .ok)

        let first = api.edit(.get, "/api/v1/audit?limit=2")
        #expect(first.status == .ok)
        #expect(first.headers["Cache-Control"] == "private, no-store")
        let items = try #require(first.json["items"]?.arrayValue)
        #expect(items.map { $0["action"]?.stringValue } == ["tag.update", "tag.create"])
        #expect(items[0]["object"] == "tag:1")
        #expect(items[0]["identity"] == "bootstrap")
        #expect(items[0]["summary"] == "د")
        #expect(items[0]["at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) != nil)
        // Exactly the members the OpenAPI document lists, in its order.
        let schemas = try #require(try OpenAPITests.document()["components"]?["schemas"])
        #expect(first.json.objectValue?.keys == schemas["AuditPage"]?["required"]?.arrayValue?.compactMap(\.stringValue))
        #expect(items[0].objectValue?.keys == schemas["AuditEntry"]?["required"]?.arrayValue?.compactMap(\.stringValue))
        let cursor = try #require(first.json["next_cursor"]?.stringValue)
        let second = api.edit(.get, "/api/v1/audit?limit=2&cursor=\(cursor)")
        #expect(second.json["items"]?.arrayValue?.map { $0["object"]?.stringValue } == ["tag:2", "tag:1"])
        #expect(second.json["next_cursor"] == .null)

        #expect(api.edit(.get, "/api/v1/audit?object=tag:1").json["items"]?.arrayValue?.count == 2)
        #expect(api.edit(.get, "/api/v1/audit?action=tag.create&identity=bootstrap").json["items"]?.arrayValue?.count == 3)
        #expect(api.edit(.get, "/api/v1/audit?identity=nobody").json["items"]?.arrayValue?.isEmpty == true)
        #expect(api.edit(.get, "/api/v1/audit?since=2000-01-01&until=2000-01-02").json["items"]?.arrayValue?.isEmpty == true)
        #expect(api.edit(.get, "/api/v1/audit?since=2000-01-01T00:00:00Z").json["items"]?.arrayValue?.count == 4)

        api.edit(.get, "/api/v1/audit?since=yesterday").expectProblem(.badRequest)
        api.edit(.get, "/api/v1/audit?until=2026-13-01").expectProblem(.badRequest)
        api.edit(.get, "/api/v1/audit?limit=0").expectProblem(.badRequest)
        api.edit(.get, "/api/v1/audit?limit=501").expectProblem(.badRequest)
        api.edit(.get, "/api/v1/audit?cursor=abc").expectProblem(.badRequest)
        api.edit(.get, "/api/v1/audit?actor=x").expectProblem(.badRequest)
        api.respond(.get, "/api/v1/audit").expectProblem(.unauthorized)
    }
}

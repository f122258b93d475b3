import Foundation
import HTTP
import JSON
import NewsStore
import TestSupport
import Testing

@testable import NewsAPI

/// The revision routes in-process on the seed article: every write leaves a revision, the diff
/// names what changed (the body block by block), and a restore needs the current ETag, brings
/// the old state back as a new revision, and refuses a revision retention removed.
@Suite struct RevisionRoutesTests {
    private static let seed = try! String(
        contentsOf: URL(fileURLWithPath: repositoryPath("Tests/EndToEndTests/Fixtures/seed-article.json")), encoding: .utf8)

    /// An API with the seed article's category, and the seed article created as article 1.
    private static func seeded(_ configuration: APIConfiguration = APIConfiguration()) throws -> (TestAPI, JSONValue) {
        let api = try TestAPI(configuration: configuration)
        #expect(api.edit(.post, "/api/v1/categories", #"{"name":"سياسة"}"#).status == .created)
        let created = api.edit(.post, "/api/v1/articles", seed)
        #expect(created.status == .created)
        return (api, created.json)
    }

    private static func required(_ schema: String) throws -> [String] {
        let document = try OpenAPITests.document()
        return document["components"]?["schemas"]?[schema]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    @Test func diffAndRestoreWalkOnTheSeedArticle() throws {
        let (api, original) = try Self.seeded()
        defer { api.close() }
        let base = "/api/v1/articles/1/revisions"
        let blocks = try #require(original["body"]?.arrayValue)

        // An editor rewrites the title, one paragraph, drops the pull quote and adds a closing line.
        var body = blocks
        body[1] = ["type": "paragraph", "text": "فقرة معدلة بعد مراجعة المحرر."]
        body.remove(at: 3)
        body.append(["type": "paragraph", "text": "سطر ختامي جديد."])
        var patch = JSONWriter()
        patch.beginObject()
        patch.member("title", "دمشق توافق على حملة رباعية ضد داعش")
        patch.member("body", JSONValue.array(body))
        patch.endObject()
        let edited = api.edit(.patch, "/api/v1/articles/1", String(decoding: patch.bytes, as: UTF8.self))
        #expect(edited.status == .ok)
        #expect(api.edit(.patch, "/api/v1/articles/1", #"{"status":"draft"}"#).status == .ok)

        // Newest first, one a page, with a cursor to the older ones.
        let list = api.edit(.get, base)
        #expect(list.status == .ok)
        #expect(list.headers["Cache-Control"] == "private, no-store")
        let items = try #require(list.json["items"]?.arrayValue)
        #expect(items.compactMap { $0["number"]?.int64Value } == [3, 2, 1])
        #expect(items.compactMap { $0["action"]?.stringValue } == ["unpublish", "update", "create"])
        #expect(items.allSatisfy { $0["identity"] == "bootstrap" && $0["role"] == "admin" })
        #expect(items[0]["changed"] == ["status"])
        #expect(items[1]["changed"] == ["title", "body"])
        #expect(items[2]["public"] == .bool(true) && items[0]["public"] == .bool(false))
        let first = api.edit(.get, base + "?limit=1")
        #expect(first.json["items"]?.arrayValue?.count == 1)
        let cursor = try #require(first.json["next_cursor"]?.stringValue)
        let second = api.edit(.get, base + "?limit=2&cursor=\(cursor)")
        #expect(second.json["items"]?.arrayValue?.compactMap { $0["number"]?.int64Value } == [2, 1])
        #expect(second.json["next_cursor"] == .null)

        // Revision 1 holds the editors' view as it was.
        let one = api.edit(.get, base + "/1")
        #expect(one.status == .ok)
        #expect(list.json.objectValue?.keys == (try Self.required("RevisionPage")))
        #expect(items[0].objectValue?.keys == (try Self.required("RevisionItem")))
        #expect(one.json.objectValue?.keys == (try Self.required("Revision")))
        #expect(one.json["article"]?.objectValue?.keys == (try Self.required("RevisionSnapshot")))
        #expect(one.json["article"]?["title"] == original["title"])
        #expect(one.json["article"]?["body"] == original["body"])
        #expect(one.json["article"]?["status"] == "published")

        // From revision 1 to now: title and status old/new, the body block by block.
        let diff = api.edit(.get, base + "/1/diff?against=current")
        #expect(diff.status == .ok)
        #expect(diff.json.objectValue?.keys == (try Self.required("RevisionDiff")))
        let changes = try #require(diff.json["changes"]?.objectValue)
        #expect(changes.keys == ["title", "body", "status"])
        #expect(changes["title"]?["old"] == original["title"])
        #expect(changes["title"]?["new"] == "دمشق توافق على حملة رباعية ضد داعش")
        #expect(changes["status"] == ["old": "published", "new": "draft"])
        let blockChanges = try #require(changes["body"]?["blocks"]?.arrayValue)
        #expect(blockChanges.compactMap { $0["change"]?.stringValue } == ["changed", "removed", "added"])
        #expect(blockChanges[0]["old_index"] == 1 && blockChanges[0]["new_index"] == 1)
        #expect(blockChanges[0]["old"] == blocks[1] && blockChanges[0]["new"] == body[1])
        #expect(blockChanges[1]["old_index"] == 3 && blockChanges[1]["old"] == blocks[3])
        #expect(blockChanges[2]["new_index"] == .number(JSONNumber(Int64(body.count - 1))))
        // Between two revisions, and the default side is the current state.
        let between = api.edit(.get, base + "/2/diff?against=3")
        #expect(between.json["changes"] == ["status": ["old": "published", "new": "draft"]])
        #expect(api.edit(.get, base + "/1/diff").json == diff.json)

        // Restore: If-Match required, and it must be current.
        let current = api.edit(.get, "/api/v1/articles/1")
        let tag = try #require(current.headers["ETag"])
        api.edit(.post, base + "/1/restore").expectProblem(.preconditionRequired)
        api.edit(.post, base + "/1/restore", headers: [("if-match", "\"stale\"")]).expectProblem(.preconditionFailed)
        let restored = api.edit(.post, base + "/1/restore", headers: [("if-match", tag)])
        #expect(restored.status == .ok)
        #expect(restored.headers["ETag"] != nil && restored.headers["ETag"] != tag)
        for field in ["title", "body", "status", "slug", "summary", "hero", "sources", "category", "tags", "published_at"] {
            #expect(restored.json[field] == original[field], "\(field)")
        }
        // The old ETag is stale now.
        api.edit(.post, base + "/1/restore", headers: [("if-match", tag)]).expectProblem(.preconditionFailed)

        let newest = try #require(api.edit(.get, base + "?limit=1").json["items"]?.arrayValue?.first)
        #expect(newest["number"] == 4 && newest["action"] == "restore" && newest["restored_from"] == 1)
        #expect(newest["changed"] == ["title", "body", "status"])
        #expect(api.edit(.get, base + "/1/diff?against=4").json["changes"] == .object(JSONObject()))
        // Readers see the restored, published article again.
        #expect(api.respond(.get, "/api/v1/articles/1").json["title"] == original["title"])
    }

    @Test func retentionKeepsTheNewestAndThePublicAndPrunedIsGone() throws {
        var configuration = APIConfiguration()
        configuration.revisionsKept = 2
        let (api, _) = try Self.seeded(configuration)
        defer { api.close() }
        let base = "/api/v1/articles/1/revisions"
        // 1 (created published) stays: it was public. 2 and 3 are drafts, pushed out by 4 and 5.
        #expect(api.edit(.patch, "/api/v1/articles/1", #"{"status":"draft"}"#).status == .ok)
        for title in ["مسودة أولى", "مسودة ثانية", "مسودة ثالثة"] {
            #expect(api.edit(.patch, "/api/v1/articles/1", #"{"title":"\#(title)"}"#).status == .ok)
        }
        let numbers = api.edit(.get, base).json["items"]?.arrayValue?.compactMap { $0["number"]?.int64Value }
        #expect(numbers == [5, 4, 1])
        let tag = try #require(api.edit(.get, "/api/v1/articles/1").headers["ETag"])
        api.edit(.post, base + "/2/restore", headers: [("if-match", tag)]).expectProblem(.gone)
        api.edit(.get, base + "/3").expectProblem(.gone)
        api.edit(.get, base + "/3/diff").expectProblem(.gone)
        api.edit(.get, base + "/6").expectProblem(.notFound)
        api.edit(.post, base + "/9/restore", headers: [("if-match", tag)]).expectProblem(.notFound)
        #expect(api.edit(.post, base + "/1/restore", headers: [("if-match", tag)]).status == .ok)
    }

    @Test func badAddressesAndParametersAreProblems() throws {
        let (api, _) = try Self.seeded()
        defer { api.close() }
        let base = "/api/v1/articles/1/revisions"
        api.respond(.get, base).expectProblem(.unauthorized)
        api.respond(.post, base + "/1/restore", headers: [("if-match", "\"x\"")]).expectProblem(.unauthorized)
        api.edit(.get, "/api/v1/articles/99/revisions").expectProblem(.notFound)
        api.edit(.get, base + "/abc").expectProblem(.notFound)
        api.edit(.get, base + "/0").expectProblem(.notFound)
        api.edit(.get, base + "?limit=0").expectProblem(.badRequest)
        api.edit(.get, base + "?cursor=nonsense").expectProblem(.badRequest)
        api.edit(.get, base + "?sort=asc").expectProblem(.badRequest)
        api.edit(.get, base + "/1/diff?against=latest").expectProblem(.badRequest)
        api.edit(.get, base + "/1/diff?against=7").expectProblem(.notFound)
        // By slug too, as every article route.
        let slug = try #require(api.edit(.get, "/api/v1/articles/1").json["slug"]?.stringValue)
        #expect(api.edit(.get, "/api/v1/articles/\(PercentEncoding.pathSegment(slug))/revisions").json["items"]?.arrayValue?.count == 1)
    }
}

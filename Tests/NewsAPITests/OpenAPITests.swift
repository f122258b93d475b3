import Foundation
import HTTP
import JSON
import NewsStore
import TestSupport
import Testing

@testable import NewsAPI

// Checks that the hand-written OpenAPI document (Sources/NewsAPI/OpenAPI/openapi.json) stays
// true to the code: valid JSON, exactly the router's routes, every `$ref` resolvable, the
// security of each operation, and response members that match what the presenters write.

@Suite struct OpenAPITests {
    static let operationKeys: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    static let adminToken = "openapi-tests-bootstrap-secret"

    // MARK: The document itself

    @Test func documentIsValidOpenAPI31JSON() throws {
        let document = try Self.document()
        #expect(document["openapi"] == "3.1.0")
        #expect(document["info"]?["title"] == "NewsStore")
        // The one place the release version is written (the executable's `Version.current`).
        let version = try #require(document["info"]?["version"]?.stringValue)
        #expect(version == OpenAPIDocument.version)
        #expect(version.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?/) != nil, "\(version) is not a semantic version")
        #expect(document["servers"] == [["url": "/"]])
        let bearer = document["components"]?["securitySchemes"]?["bearer"]
        #expect(bearer?["type"] == "http")
        #expect(bearer?["scheme"] == "bearer")
    }

    @Test func everyReferenceResolves() throws {
        let document = try Self.document()
        var references: [String] = []
        Self.collectReferences(document, into: &references)
        #expect(references.count > 50)
        for reference in references {
            #expect(reference.hasPrefix("#/components/"), "\(reference) is not a local component")
            #expect(Self.resolve(reference, in: document) != nil, "\(reference) points at nothing")
        }
    }

    @Test func operationsHaveUniqueIDsSummariesAndPathParameters() throws {
        let document = try Self.document()
        var operationIDs: Set<String> = []
        for (path, item) in try Self.paths(of: document) {
            let pathParameters = (item["parameters"]?.arrayValue ?? []).compactMap { Self.resolved($0, in: document) }
            for (method, operation) in item.objectValue?.members ?? [] where Self.operationKeys.contains(method) {
                let label = "\(method) \(path)"
                let id = try #require(operation["operationId"]?.stringValue, "\(label) has no operationId")
                #expect(operationIDs.insert(id).inserted, "operationId \(id) is used twice")
                #expect(operation["summary"]?.stringValue?.isEmpty == false, "\(label) has no summary")
                #expect(operation["responses"]?.objectValue?.isEmpty == false, "\(label) has no responses")
                let parameters = pathParameters + (operation["parameters"]?.arrayValue ?? []).compactMap { Self.resolved($0, in: document) }
                for name in Self.templateNames(path) {
                    #expect(
                        parameters.contains { $0["name"]?.stringValue == name && $0["in"] == "path" && $0["required"] == .bool(true) },
                        "\(label) does not describe its path parameter \(name)")
                }
            }
        }
    }

    /// Reads and a reader's comment accept an optional token; writes require one, and so do
    /// metrics, webhooks, comment moderation and an article's preview links, reads included; the service routes and a
    /// reader's view count take none.
    @Test func securityMatchesAuthentication() throws {
        let document = try Self.document()
        let optional: JSONValue = [[:], ["bearer": []]]
        let required: JSONValue = [["bearer": []]]
        let open = ["/healthz", "/readyz", "/api/v1/openapi.json", "/api/v1/articles/{key}/views"]
        let publicWrites = ["post /api/v1/articles/{key}/comments"]
        for (path, item) in try Self.paths(of: document) {
            for (method, operation) in item.objectValue?.members ?? [] where Self.operationKeys.contains(method) {
                // Metrics, webhook subscriptions, comment moderation, tokens, the audit log, revisions and
                // preview links are the editors' alone.
                let editorsOnly =
                    path == "/metrics" || path.hasPrefix("/api/v1/webhooks") || path.hasPrefix("/api/v1/comment")
                    || path.hasPrefix("/api/v1/tokens") || path == "/api/v1/audit"
                    || path.hasPrefix(ArticleRoutes.collection + "/{key}/revisions") || path.hasSuffix("/preview-links")
                let readable = method == "get" && !editorsOnly
                let expected: JSONValue =
                    open.contains(path) ? [] : readable || publicWrites.contains("\(method) \(path)") ? optional : required
                #expect(operation["security"] == expected, "security of \(method) \(path)")
            }
        }
    }

    /// Enumerations and bounds the document repeats from the code.
    @Test func documentedBoundsMatchTheCode() throws {
        let document = try Self.document()
        let schemas = try #require(document["components"]?["schemas"])
        let summaryMembers = schemas["ArticleSummaryMembers"]?["properties"]?.objectValue?.keys ?? []
        #expect(summaryMembers == ArticleField.allCases.map(\.rawValue))
        #expect(schemas["ArticleSummary"]?["required"] == .array(ArticleField.allCases.map { .string($0.rawValue) }))
        #expect(schemas["ArticleStatus"]?["enum"] == .array(ArticleStatus.allCases.map { .string($0.rawValue) }))
        // Every event a subscription may name, and a described payload for each.
        let events = JSONValue.array(EventType.allCases.map { .string($0.rawValue) })
        #expect(schemas["WebhookEventType"]?["enum"] == events)
        #expect(document["webhooks"]?.objectValue.map { JSONValue.array($0.keys.map { .string($0) }) } == events)
        #expect(schemas["WebhookAttempt"]?["properties"]?["outcome"]?["enum"] == .array(DeliveryOutcome.allCases.map { .string($0.rawValue) }))
        // A write's members are its patch's (one list in the document), with some required.
        for (write, patch) in [("ArticleWrite", "ArticlePatch"), ("TermWrite", "TermPatch")] {
            #expect(schemas[write]?["allOf"]?.arrayValue?.first?["$ref"] == .string("#/components/schemas/\(patch)"))
            #expect(schemas[patch]?["properties"]?["slug"]?["maxLength"]?.int64Value == Int64(Slug.maxLength))
        }

        let list = try #require(document["paths"]?["/api/v1/articles"]?["get"]?["parameters"]?.arrayValue)
        let limit = try #require(list.first { $0["name"] == "limit" }?["schema"])
        #expect(limit["minimum"]?.int64Value == Int64(ArticleQuery.limitRange.lowerBound))
        #expect(limit["maximum"]?.int64Value == Int64(ArticleQuery.limitRange.upperBound))
        #expect(limit["default"]?.int64Value == Int64(ArticleQuery().limit))
        let sort = try #require(list.first { $0["name"] == "sort" }?["schema"])
        #expect(sort["enum"] == [.string(ArticleQuery.Order.newestFirst.rawValue), .string(ArticleQuery.Order.oldestFirst.rawValue)])
        // Listings and search share their filters.
        let tag = try #require(document["components"]?["parameters"]?["TagFilter"])
        #expect(tag["name"] == "tag")
        #expect(tag["style"] == "form")
        #expect(tag["explode"] == .bool(true))
        #expect(tag["schema"]?["maxItems"]?.int64Value == Int64(ArticleQuery.maximumTags))
        let problem = try #require(schemas["Problem"]?["properties"])
        #expect(problem["errors"]?["maxItems"]?.int64Value == Int64(NewsStoreError.listedFieldErrors))
        let search = try #require(document["paths"]?["/api/v1/search"]?["get"]?["parameters"]?.arrayValue)
        for filter in ["CategoryFilter", "TagFilter", "Since", "Until"] {
            let reference = JSONValue.object(JSONObject(uniqueKeysWithValues: [("$ref", .string("#/components/parameters/\(filter)"))]))
            #expect(list.contains(reference) && search.contains(reference), "\(filter)")
        }
        let q = try #require(search.first { $0["name"] == "q" }?["schema"])
        #expect(q["maxLength"]?.int64Value == Int64(SearchTerms.maximumLength))
        let qText = q["description"]?.stringValue ?? search.first { $0["name"] == "q" }?["description"]?.stringValue ?? ""
        #expect(qText.contains("\(SearchTerms.minimumPrefixLength) letters"), "\(qText)")
        #expect(qText.contains("\(SearchTerms.maximumTerms)"), "\(qText)")
        let searchLimit = try #require(search.first { $0["name"] == "limit" }?["schema"])
        #expect(searchLimit["maximum"]?.int64Value == Int64(ArticleQuery.limitRange.upperBound))
        #expect(searchLimit["default"]?.int64Value == Int64(SearchRequest(terms: try SearchTerms(parsing: "x")).limit))

        let popular = try #require(document["paths"]?["/api/v1/articles/popular"]?["get"]?["parameters"]?.arrayValue)
        let popularLimit = try #require(popular.first { $0["name"] == "limit" }?["schema"])
        #expect(popularLimit["minimum"]?.int64Value == Int64(PopularQuery.limitRange.lowerBound))
        #expect(popularLimit["maximum"]?.int64Value == Int64(PopularQuery.limitRange.upperBound))
        #expect(popularLimit["default"]?.int64Value == Int64(PopularQuery().limit))
        let window = try #require(popular.first { $0["name"] == "window" }?["schema"])
        #expect(window["enum"] == .array(PopularWindow.allCases.map { .string($0.rawValue) }))
        #expect(window["default"] == .string(PopularQuery().window.rawValue))

        for kind in ["categories", "tags"] {
            let parameters = try #require(document["paths"]?["/api/v1/\(kind)"]?["get"]?["parameters"]?.arrayValue)
            let termLimit = try #require(parameters.compactMap { Self.resolved($0, in: document) }.first { $0["name"] == "limit" }?["schema"])
            #expect(termLimit["minimum"]?.int64Value == Int64(TermService.listLimit.lowerBound))
            #expect(termLimit["maximum"]?.int64Value == Int64(TermService.listLimit.upperBound))
        }
    }

    // MARK: Against the real router

    @Test func documentDescribesExactlyTheRoutes() throws {
        let api = try TestAPI()
        defer { api.close() }
        let document = try Self.document()
        let paths = try Self.paths(of: document)
        let registered = Set(api.router.routes.map { "\($0.method.description.lowercased()) \($0.pattern)" })
        #expect(registered.count > 10)
        var documented: Set<String> = []
        for (path, item) in paths {
            for (method, _) in item.objectValue?.members ?? [] where Self.operationKeys.contains(method) {
                documented.insert("\(method) \(path)")
            }
        }
        for route in registered.sorted() {
            #expect(documented.contains(route), "the router has \(route) but the document does not")
        }
        for operation in documented.sorted() {
            #expect(registered.contains(operation), "the document has \(operation) but the router does not")
        }
    }

    @Test func servesTheDocumentWithCachingHeaders() throws {
        let api = try TestAPI()
        defer { api.close() }
        let response = api.router.respond(to: Request(method: .get, target: "/api/v1/openapi.json"), requestID: "t")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(response.headers["Cache-Control"] == "public, max-age=3600, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400")
        #expect(response.body == OpenAPIDocument.json)
        let tag = try #require(response.headers["ETag"])
        #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && !tag.hasPrefix("W/"))

        let again = api.router.respond(
            to: Request(method: .get, target: "/api/v1/openapi.json", headers: Headers([("if-none-match", tag)])), requestID: "t")
        #expect(again.status == .notModified)
        #expect(again.body.isEmpty)
        #expect(again.headers["ETag"] == tag)

        let post = api.router.respond(to: Request(method: .post, target: "/api/v1/openapi.json"), requestID: "t")
        #expect(post.status == .methodNotAllowed)
        #expect(post.headers["Allow"] == "GET, HEAD, OPTIONS")
    }

    /// Real responses have exactly the members the schemas list, so a presenter change that the
    /// document misses fails here.
    @Test func responsesHaveTheDocumentedMembers() throws {
        let api = try TestAPI()
        defer { api.close() }
        let document = try Self.document()
        let schemas = try #require(document["components"]?["schemas"])
        func members(_ name: String) -> [String] { schemas[name]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] }

        let category = try api.send(.post, "/api/v1/categories", #"{"name":"سياسة","description":"أخبار"}"#)
        #expect(category.status == .created)
        #expect(try Self.keys(category) == members("Term"))
        let article = try api.send(
            .post, "/api/v1/articles",
            #"""
            {"title":"عنوان","summary":"ملخص","status":"published","category":"سياسة","tags":["سوريا"],
             "hero":{"url":"https://example.com/a.jpg","alt":"صورة"},
             "sources":[{"name":"إرم نيوز","url":"https://www.eremnews.com/","relation":"reported_by"}],
             "body":[{"type":"paragraph","text":"فقرة"},{"type":"heading","text":"عنوان فرعي"},{"type":"quote","text":"اقتباس"},
                     {"type":"list","items":["أ","ب"]},{"type":"image","url":"https://example.com/b.jpg"}]}
            """#)
        #expect(article.status == .created)
        #expect(article.headers["Location"] != nil && article.headers["ETag"] != nil)
        let created = try JSONParser.parse(article.body)
        // The editors' view (a token's) adds `created_by`, which the schema lists as optional.
        #expect(try Self.keys(article).filter { $0 != "created_by" } == members("Article"))
        #expect(created["created_by"] == "bootstrap")
        #expect(schemas["Article"]?["properties"]?["created_by"] != nil)
        #expect(created["hero"]?.objectValue?.keys == ["url", "alt", "caption", "credit"])
        #expect(created["category"]?.objectValue?.keys == members("TermReference"))
        #expect(created["sources"]?.arrayValue?.first?.objectValue?.keys == ["name", "url", "relation"])
        let blocks = try #require(created["body"]?.arrayValue)
        #expect(blocks.compactMap { $0["type"]?.stringValue } == ["paragraph", "heading", "quote", "list", "image"])
        for block in blocks {
            let name = (block["type"]?.stringValue ?? "").capitalized + "Block"
            let properties = schemas[name]?["properties"]?.objectValue?.keys ?? []
            #expect(block.objectValue?.keys == properties, "members of \(name)")
        }

        let page = try api.send(.get, "/api/v1/articles")
        #expect(page.status == .ok)
        #expect(try Self.keys(page) == members("ArticlePage"))
        let item = try #require(try JSONParser.parse(page.body)["items"]?.arrayValue?.first)
        #expect(item.objectValue?.keys == members("ArticleSummary"))

        let related = try api.send(.put, "/api/v1/articles/1/related", #"{"ids":[]}"#)
        #expect(related.status == .ok)
        #expect(try Self.keys(related) == members("RelatedList"))
        // A second article with the same tag is suggested in the first one's detail.
        #expect(try api.send(.post, "/api/v1/articles", #"{"title":"ثان","body":"نص","status":"published","tags":["سوريا"]}"#).status == .created)
        let detail = try JSONParser.parse(try api.send(.get, "/api/v1/articles/1").body)
        let relatedItem = try #require(detail["related"]?.arrayValue?.first)
        #expect(relatedItem.objectValue?.keys == members("RelatedArticle"))
        #expect(relatedItem["suggested"] == .bool(true))

        #expect(api.router.respond(to: Request(method: .post, target: "/api/v1/articles/1/views"), requestID: "t").status == .accepted)
        try api.views.flush()
        let popular = try api.send(.get, "/api/v1/articles/popular")
        #expect(try Self.keys(popular) == members("PopularList"))
        let popularItem = try #require(try JSONParser.parse(popular.body)["items"]?.arrayValue?.first)
        #expect(popularItem.objectValue?.keys == members("ArticleSummary") + members("PopularArticle"))
        let terms = try api.send(.get, "/api/v1/tags")
        #expect(try Self.keys(terms) == members("TermList"))

        let missing = try api.send(.get, "/api/v1/articles/999")
        #expect(missing.status == .notFound)
        #expect(missing.headers["Content-Type"] == "application/problem+json; charset=utf-8")
        let problem = try JSONParser.parse(missing.body)
        #expect(problem.objectValue?.keys.allSatisfy { schemas["Problem"]?["properties"]?[$0] != nil } == true)
        let invalid = try api.send(.post, "/api/v1/articles", #"{"title":""}"#)
        #expect(invalid.status == .unprocessableContent)
        #expect(try JSONParser.parse(invalid.body)["errors"]?.arrayValue?.first?.objectValue?.keys == members("FieldError"))
    }

    // MARK: Helpers

    static func document() throws -> JSONValue {
        try JSONParser.parse(OpenAPIDocument.json)
    }

    static func paths(of document: JSONValue) throws -> [(key: String, value: JSONValue)] {
        try #require(document["paths"]?.objectValue).members
    }

    static func keys(_ response: Response) throws -> [String] {
        try JSONParser.parse(response.body).objectValue?.keys ?? []
    }

    /// `{name}` segments of a path template.
    static func templateNames(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    /// Every `$ref`, and every discriminator mapping target, anywhere in `value`.
    static func collectReferences(_ value: JSONValue, into references: inout [String]) {
        switch value {
        case .object(let object):
            for (key, member) in object.members {
                if key == "$ref", let reference = member.stringValue { references.append(reference) }
                if key == "mapping", let mapping = member.objectValue {
                    references += mapping.members.compactMap { $0.value.stringValue }
                    continue
                }
                collectReferences(member, into: &references)
            }
        case .array(let elements):
            for element in elements { collectReferences(element, into: &references) }
        default:
            break
        }
    }

    /// The value a local JSON Pointer reference (`#/a/b`) names.
    static func resolve(_ reference: String, in document: JSONValue) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var current: JSONValue? = document
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            current = current?[key]
        }
        return current
    }

    /// `value`, or what its `$ref` names.
    static func resolved(_ value: JSONValue, in document: JSONValue) -> JSONValue? {
        guard let reference = value["$ref"]?.stringValue else { return value }
        return resolve(reference, in: document)
    }
}

/// The real router on a migrated database in a fresh temporary directory.
final class TestAPI {
    let directory: String
    let database: NewsDatabase
    let views: ViewService
    let router: Router

    init(configuration: APIConfiguration = APIConfiguration()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        do {
            database = try NewsDatabase(path: directory + "/t.sqlite", migrationsDirectory: repositoryPath("migrations"))
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        views = ViewService(database: database)
        router = API.makeRouter(
            database: database, tokens: TokenService(database: database, bootstrapToken: OpenAPITests.adminToken), views: views,
            configuration: configuration, logger: Logger(level: .off, sink: LogSink()))
    }

    /// A request as an editor, with a JSON body when one is given.
    func send(_ method: Method, _ target: String, _ body: String? = nil) throws -> Response {
        var headers = [("authorization", "Bearer \(OpenAPITests.adminToken)")]
        if body != nil { headers.append(("content-type", "application/json")) }
        let request = Request(method: method, target: target, headers: Headers(headers), body: Array((body ?? "").utf8))
        return router.respond(to: request, requestID: "t")
    }

    func close() {
        database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

import HTTP
import JSON
import Testing

@testable import NewsAPI

/// Every route's policy as registered: the table below is the API's contract (who may call
/// what, which budget it draws on), checked against the router and against the OpenAPI
/// document the server serves.
@Suite struct RoutePolicyTests {
    /// Method, pattern, permission, rate class (`-` for none).
    static let table: [(String, String, String, String)] = [
        ("GET", "/healthz", "public", "-"),
        ("GET", "/readyz", "public", "-"),
        ("GET", "/metrics", "token", "-"),
        ("POST", "/api/v1/admin/backup", "token", "write"),
        ("GET", "/api/v1/openapi.json", "public", "-"),
        ("GET", "/api/v1/articles", "public", "read"),
        ("POST", "/api/v1/articles", "token", "write"),
        ("GET", "/api/v1/articles/{key}", "public", "read"),
        ("PATCH", "/api/v1/articles/{key}", "token", "write"),
        ("DELETE", "/api/v1/articles/{key}", "token", "write"),
        ("PUT", "/api/v1/articles/{key}/related", "token", "write"),
        ("GET", "/api/v1/search", "public", "search"),
        ("GET", "/api/v1/articles/popular", "public", "read"),
        ("POST", "/api/v1/articles/{key}/views", "public", "view"),
        ("POST", "/api/v1/articles/{key}/comments", "public", "comments"),
        ("GET", "/api/v1/articles/{key}/comments", "public", "read"),
        ("GET", "/api/v1/comments", "token", "read"),
        ("PATCH", "/api/v1/comments/{id}", "token", "write"),
        ("DELETE", "/api/v1/comments/{id}", "token", "write"),
        ("GET", "/api/v1/comment-bans", "token", "read"),
        ("POST", "/api/v1/comment-bans", "token", "write"),
        ("DELETE", "/api/v1/comment-bans/{id}", "token", "write"),
        ("GET", "/api/v1/categories", "public", "read"),
        ("POST", "/api/v1/categories", "token", "write"),
        ("GET", "/api/v1/categories/{key}", "public", "read"),
        ("PATCH", "/api/v1/categories/{key}", "token", "write"),
        ("DELETE", "/api/v1/categories/{key}", "token", "write"),
        ("GET", "/api/v1/tags", "public", "read"),
        ("POST", "/api/v1/tags", "token", "write"),
        ("GET", "/api/v1/tags/{key}", "public", "read"),
        ("PATCH", "/api/v1/tags/{key}", "token", "write"),
        ("DELETE", "/api/v1/tags/{key}", "token", "write"),
        ("GET", "/rss.xml", "public", "read"),
        ("GET", "/atom.xml", "public", "read"),
        ("GET", "/feed.json", "public", "read"),
        ("GET", "/sitemap.xml", "public", "read"),
        ("GET", "/sitemaps/sections.xml", "public", "read"),
        ("GET", "/sitemaps/{file}", "public", "read"),
        ("GET", "/sitemap-news.xml", "public", "read"),
        ("GET", "/robots.txt", "public", "read"),
        ("GET", "/api/v1/webhooks", "token", "read"),
        ("POST", "/api/v1/webhooks", "token", "write"),
        ("GET", "/api/v1/webhooks/{id}", "token", "read"),
        ("PATCH", "/api/v1/webhooks/{id}", "token", "write"),
        ("DELETE", "/api/v1/webhooks/{id}", "token", "write"),
        ("POST", "/api/v1/webhooks/{id}/rotate-secret", "token", "write"),
        ("GET", "/api/v1/webhooks/{id}/deliveries", "token", "read"),
        ("POST", "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver", "token", "write"),
        ("POST", "/api/v1/articles/{key}/preview-links", "role:admin|author|contributor|editor", "write"),
        ("GET", "/api/v1/articles/{key}/preview-links", "role:admin|author|contributor|editor", "read"),
        ("DELETE", "/api/v1/articles/{key}/preview-links/{link}", "role:admin|author|contributor|editor", "write"),
        ("GET", "/api/v1/preview/{token}", "public", "read"),
    ]

    static func describe(_ route: Router.Entry) -> (String, String, String, String) {
        (route.method.description, route.pattern, route.policy.permission.description, route.policy.rateClass?.name ?? "-")
    }

    @Test func everyRouteHasThePermissionAndRateClassOfTheTable() throws {
        let api = try TestAPI()
        defer { api.close() }
        let registered = api.router.routes.map(Self.describe)
        #expect(registered.count == Self.table.count)
        for row in Self.table {
            #expect(registered.contains { $0 == row }, "\(row) is not registered so")
        }
        for route in registered {
            #expect(Self.table.contains { $0 == route }, "\(route) is not in the table")
        }
    }

    @Test func metricsArePublicOnlyWhenConfiguredSo() throws {
        var configuration = APIConfiguration()
        configuration.metricsAccess = .public
        let api = try TestAPI(configuration: configuration)
        defer { api.close() }
        let metrics = try #require(api.router.routes.first { $0.pattern == "/metrics" })
        #expect(metrics.policy.permission == .public)
    }

    @Test func everyRouteRejectsAnUnknownQueryParameter() throws {
        let api = try TestAPI()
        defer { api.close() }
        for route in api.router.routes where route.policy.query != .any {
            let path = route.pattern.replacingOccurrences(of: "{key}", with: "x")
            var headers = [("content-type", "application/json")]
            if !route.policy.permission.admitsAnonymous { headers.append(("authorization", "Bearer \(OpenAPITests.adminToken)")) }
            let request = Request(method: route.method, target: path + "?unknown_parameter=1", headers: Headers(headers), body: Array("{}".utf8))
            let response = api.router.respond(to: request, requestID: "t")
            let label = "\(route.method) \(route.pattern)"
            #expect(response.status == .badRequest, "\(label)")
            #expect(String(decoding: response.body, as: UTF8.self).contains("unknown_parameter"), "\(label)")
        }
    }

    @Test func tokenRoutesRefuseAnonymousCallersAndPublicOnesAWrongToken() throws {
        let api = try TestAPI()
        defer { api.close() }
        for route in api.router.routes where route.policy.rateClass != nil || !route.policy.permission.admitsAnonymous {
            let path = route.pattern.replacingOccurrences(of: "{key}", with: "x")
            let headers = route.policy.permission.admitsAnonymous ? Headers([("authorization", "Bearer wrong-token")]) : Headers()
            let response = api.router.respond(to: Request(method: route.method, target: path, headers: headers), requestID: "t")
            #expect(response.status == .unauthorized, "\(route.method) \(route.pattern)")
            #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer realm=\"newsstore\"") == true)
        }
    }

    // MARK: Against the OpenAPI document the server serves

    @Test func theServedDocumentDescribesEveryRoutesPolicy() throws {
        let api = try TestAPI()
        defer { api.close() }
        let served = api.router.respond(to: Request(method: .get, target: "/api/v1/openapi.json"), requestID: "t")
        #expect(served.status == .ok)
        let document = try JSONParser.parse(served.body)
        let gaps = Self.gaps(api.router.routes, document)
        for gap in gaps {
            Issue.record("\(gap)")
        }
    }

    /// What the document leaves out of each route's policy, one line per operation and status.
    static func gaps(_ routes: [Router.Entry], _ document: JSONValue) -> [String] {
        var gaps: [String] = []
        for route in routes {
            let label = "\(route.method) \(route.pattern)"
            guard let operation = document["paths"]?[route.pattern]?[route.method.description.lowercased()] else {
                gaps.append("\(label): no operation")
                continue
            }
            let responses = operation["responses"]?.objectValue?.keys ?? []
            let requirements = (operation["security"] ?? document["security"])?.arrayValue ?? []
            let optional = requirements.isEmpty || requirements.contains { $0.objectValue?.isEmpty == true }
            if route.policy.permission.admitsAnonymous {
                if !optional { gaps.append("\(label): public, but its security is mandatory") }
            } else {
                if optional { gaps.append("\(label): needs a token, but its security is optional") }
                if !responses.contains("401") { gaps.append("\(label): 401 not documented") }
            }
            if route.policy.rateClass != nil && !responses.contains("429") {
                gaps.append("\(label): 429 not documented (rate class \(route.policy.rateClass!.name))")
            }
            if route.policy.query != .any && !responses.contains("400") {
                gaps.append("\(label): 400 not documented (unknown query parameters)")
            }
        }
        return gaps
    }
}

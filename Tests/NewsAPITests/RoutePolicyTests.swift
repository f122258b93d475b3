import Foundation
import HTTP
import JSON
import TestSupport
import Testing

@testable import NewsAPI

/// Every route's policy as registered: the table below is the API's contract (who may call
/// what, which budget it draws on), checked against the router and against the OpenAPI
/// document the server serves.
@Suite struct RoutePolicyTests {
    /// Method, pattern, the role it needs (`public`: none; each role admits the roles above
    /// it), rate class (`-` for none).
    static let table: [(String, String, String, String)] = [
        ("GET", "/healthz", "public", "-"),
        ("GET", "/readyz", "public", "-"),
        ("GET", "/metrics", "admin", "-"),
        ("POST", "/api/v1/admin/backup", "admin", "write"),
        ("GET", "/api/v1/openapi.json", "public", "-"),
        ("GET", "/api/v1/articles", "public", "read"),
        ("POST", "/api/v1/articles", "contributor", "write"),
        ("GET", "/api/v1/articles/{key}", "public", "read"),
        ("PATCH", "/api/v1/articles/{key}", "contributor", "write"),
        ("DELETE", "/api/v1/articles/{key}", "contributor", "write"),
        ("PUT", "/api/v1/articles/{key}/related", "editor", "write"),
        ("GET", "/api/v1/articles/{key}/revisions", "contributor", "read"),
        ("GET", "/api/v1/articles/{key}/revisions/{number}", "contributor", "read"),
        ("GET", "/api/v1/articles/{key}/revisions/{number}/diff", "contributor", "read"),
        ("POST", "/api/v1/articles/{key}/revisions/{number}/restore", "contributor", "write"),
        ("GET", "/api/v1/search", "public", "search"),
        ("GET", "/api/v1/articles/popular", "public", "read"),
        ("POST", "/api/v1/articles/{key}/views", "public", "view"),
        ("POST", "/api/v1/articles/{key}/comments", "public", "comments"),
        ("GET", "/api/v1/articles/{key}/comments", "public", "read"),
        ("GET", "/api/v1/comments", "editor", "read"),
        ("PATCH", "/api/v1/comments/{id}", "editor", "write"),
        ("DELETE", "/api/v1/comments/{id}", "editor", "write"),
        ("GET", "/api/v1/comment-bans", "editor", "read"),
        ("POST", "/api/v1/comment-bans", "editor", "write"),
        ("DELETE", "/api/v1/comment-bans/{id}", "editor", "write"),
        ("GET", "/api/v1/categories", "public", "read"),
        ("POST", "/api/v1/categories", "editor", "write"),
        ("GET", "/api/v1/categories/{key}", "public", "read"),
        ("PATCH", "/api/v1/categories/{key}", "editor", "write"),
        ("DELETE", "/api/v1/categories/{key}", "editor", "write"),
        ("GET", "/api/v1/tags", "public", "read"),
        ("POST", "/api/v1/tags", "editor", "write"),
        ("GET", "/api/v1/tags/{key}", "public", "read"),
        ("PATCH", "/api/v1/tags/{key}", "editor", "write"),
        ("DELETE", "/api/v1/tags/{key}", "editor", "write"),
        ("GET", "/rss.xml", "public", "read"),
        ("GET", "/atom.xml", "public", "read"),
        ("GET", "/feed.json", "public", "read"),
        ("GET", "/sitemap.xml", "public", "read"),
        ("GET", "/sitemaps/sections.xml", "public", "read"),
        ("GET", "/sitemaps/{file}", "public", "read"),
        ("GET", "/sitemap-news.xml", "public", "read"),
        ("GET", "/robots.txt", "public", "read"),
        ("GET", "/api/v1/webhooks", "admin", "read"),
        ("POST", "/api/v1/webhooks", "admin", "write"),
        ("GET", "/api/v1/webhooks/{id}", "admin", "read"),
        ("PATCH", "/api/v1/webhooks/{id}", "admin", "write"),
        ("DELETE", "/api/v1/webhooks/{id}", "admin", "write"),
        ("POST", "/api/v1/webhooks/{id}/rotate-secret", "admin", "write"),
        ("GET", "/api/v1/webhooks/{id}/deliveries", "admin", "read"),
        ("POST", "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver", "admin", "write"),
        ("GET", "/api/v1/tokens", "admin", "read"),
        ("POST", "/api/v1/tokens", "admin", "write"),
        ("DELETE", "/api/v1/tokens/{id}", "admin", "write"),
        ("GET", "/api/v1/audit", "admin", "read"),
        ("POST", "/api/v1/articles/{key}/preview-links", "contributor", "write"),
        ("GET", "/api/v1/articles/{key}/preview-links", "contributor", "read"),
        ("DELETE", "/api/v1/articles/{key}/preview-links/{link}", "contributor", "write"),
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

    /// Issue 16: every route's required role, as the router enforces it, is the one the
    /// OpenAPI document (`x-required-role`) and the README's table of roles say.
    @Test func everyRoutesRequiredRoleIsTheDocumentsAndTheReadmes() throws {
        let api = try TestAPI()
        defer { api.close() }
        let document = try OpenAPITests.document()
        let readme = try Self.readmeRoles()
        for route in api.router.routes {
            let label = "\(route.method) \(route.pattern)"
            let role = route.policy.permission.description
            let operation = document["paths"]?[route.pattern]?[route.method.description.lowercased()]
            #expect(operation?["x-required-role"]?.stringValue == role, "\(label): the OpenAPI document says otherwise")
            #expect(readme["\(route.method) \(route.pattern)"] == role, "\(label): the README's table says otherwise")
        }
        #expect(readme.count == api.router.routes.count, "the README lists routes the router does not have")
    }

    /// The rows of the README's "Routes and the role each needs" table: "METHOD path" → role.
    static func readmeRoles() throws -> [String: String] {
        let text = try String(contentsOfFile: repositoryPath("README.md"), encoding: .utf8)
        guard let start = text.range(of: "### Routes and the role each needs") else { return [:] }
        var roles: [String: String] = [:]
        for line in text[start.upperBound...].split(separator: "\n").dropFirst() {
            if line.hasPrefix("#") { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "") }
            guard cells.count == 3, cells[0].uppercased() == cells[0], !cells[0].hasPrefix("-"), cells[0] != "METHOD" else { continue }
            roles["\(cells[0]) \(cells[1])"] = cells[2]
        }
        return roles
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
                if !responses.contains("403") { gaps.append("\(label): 403 not documented (a role too low)") }
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

import HTTP
import NewsStore
import Testing

@testable import NewsAPI

/// Cross-origin access through the whole application (CORS in front of the limits and the
/// routes), as `newsstore serve --cors-allowed-origins` builds it.
@Suite struct CORSTests {
    /// `target` through the application built with `origins` allowed.
    private func respond(
        _ api: TestAPI, origins: [String], _ method: HTTP.Method, _ target: String, headers: [(String, String)] = []
    ) -> Response {
        var configuration = APIConfiguration()
        configuration.corsAllowedOrigins = origins
        let application = API.makeResponder(
            database: api.database, tokens: TokenService(database: api.database, bootstrapToken: OpenAPITests.adminToken), views: api.views,
            configuration: configuration, logger: Logger(level: .off, sink: LogSink()), metrics: ServerMetrics())
        return application.respond(to: Request(method: method, target: target, headers: Headers(headers)), requestID: "t")
    }

    @Test func corsForAConfiguredOriginOnly() throws {
        let api = try TestAPI()
        defer { api.close() }
        let origins = ["https://news.example", "https://other.example"]
        let preflight = respond(
            api, origins: origins, .options, "/api/v1/articles",
            headers: [
                ("origin", "https://news.example"), ("access-control-request-method", "POST"),
                ("access-control-request-headers", "authorization, content-type"),
            ])
        #expect(preflight.status == .noContent)
        #expect(preflight.headers["Access-Control-Allow-Origin"] == "https://news.example")
        #expect(preflight.headers["Access-Control-Allow-Headers"]?.contains("Authorization") == true)
        #expect(preflight.headers["Access-Control-Allow-Credentials"] == nil)
        let allowed = respond(api, origins: origins, .get, "/api/v1/articles", headers: [("origin", "https://other.example")])
        #expect(allowed.headers["Access-Control-Allow-Origin"] == "https://other.example")
        #expect(allowed.headers["Vary"] == "Authorization, Origin")
        let foreign = respond(api, origins: origins, .get, "/api/v1/articles", headers: [("origin", "https://evil.example")])
        #expect(foreign.headers["Access-Control-Allow-Origin"] == nil)
        #expect(foreign.headers["Vary"] == "Authorization, Origin")
        // Without Origin too: a browser cache that kept this answer must not reuse it for a page
        // on an allowed origin, which needs the CORS headers.
        let sameOrigin = respond(api, origins: origins, .get, "/api/v1/articles")
        #expect(sameOrigin.headers["Access-Control-Allow-Origin"] == nil)
        #expect(sameOrigin.headers["Vary"] == "Authorization, Origin")
        let unknownPath = respond(api, origins: origins, .get, "/api/v1/nothing")
        #expect(unknownPath.headers["Vary"] == "Origin")
    }

    @Test func corsForAnyOriginAnswersEveryRequestAlike() throws {
        let api = try TestAPI()
        defer { api.close() }
        for headers in [[("origin", "https://news.example")], []] {
            let response = respond(api, origins: ["*"], .get, "/api/v1/articles", headers: headers)
            #expect(response.headers["Access-Control-Allow-Origin"] == "*")
            #expect(response.headers["Access-Control-Expose-Headers"]?.contains("Retry-After") == true)
            #expect(response.headers["Vary"] == "Authorization")
        }
        let preflight = respond(
            api, origins: ["*"], .options, "/api/v1/articles/1",
            headers: [("origin", "https://any.example"), ("access-control-request-method", "PATCH")])
        #expect(preflight.status == .noContent)
        #expect(preflight.headers["Access-Control-Allow-Origin"] == "*")
        #expect(preflight.headers["Access-Control-Allow-Credentials"] == nil)
    }

    @Test func noCORSHeadersAtAllUntilOriginsAreConfigured() throws {
        let api = try TestAPI()
        defer { api.close() }
        let response = respond(
            api, origins: APIConfiguration().corsAllowedOrigins, .get, "/api/v1/articles", headers: [("origin", "https://news.example")])
        #expect(response.headers["Access-Control-Allow-Origin"] == nil)
        #expect(response.headers["Vary"] == "Authorization")
    }
}

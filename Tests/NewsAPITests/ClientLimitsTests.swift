import HTTP
import Testing

@testable import NewsAPI

/// The API's rate classes, declared with its routes and drawn on by the router once the
/// decoded path matched.
@Suite struct ClientLimitsTests {
    /// A request from `client` through the local proxy.
    static func request(_ method: HTTP.Method, _ target: String, from client: String, token: Bool = false) -> Request {
        var headers = [("x-forwarded-for", client)]
        if token { headers.append(("authorization", "Bearer \(OpenAPITests.adminToken)")) }
        return Request(method: method, target: target, headers: Headers(headers), peerAddress: "127.0.0.1")
    }

    static func api(_ configure: (inout ClientLimitSettings) -> Void) throws -> TestAPI {
        var configuration = APIConfiguration()
        configure(&configuration.clientLimits)
        return try TestAPI(configuration: configuration)
    }

    @Test func searchesBeyondTheRateAre429WithRetryAfterPerClientWhateverTheSpelling() throws {
        let api = try Self.api { $0.searches = RateLimit(1, per: .seconds(60), burst: 3) }
        defer { api.close() }
        for target in ["/api/v1/search?q=x", "/api/v1/%73earch?q=x", "/api/v1/s%65arch?q=y"] {
            #expect(api.router.respond(to: Self.request(.get, target, from: "10.0.0.1"), requestID: "t").status == .ok, "\(target)")
        }
        let refused = api.router.respond(to: Self.request(.get, "/api/v1/%73earch?q=y", from: "10.0.0.1"), requestID: "t")
        #expect(refused.status == .tooManyRequests)
        #expect(refused.headers["Retry-After"] == "60")
        #expect(refused.headers["Content-Type"]?.hasPrefix("application/problem+json") == true)
        // Other clients, and other reads of the same client, go on.
        #expect(api.router.respond(to: Self.request(.get, "/api/v1/search?q=x", from: "10.0.0.2"), requestID: "t").status == .ok)
        #expect(api.router.respond(to: Self.request(.get, "/api/v1/articles", from: "10.0.0.1"), requestID: "t").status == .ok)
    }

    @Test func writesAreLimitedButViewsAreLeftToTheirOwnLimits() throws {
        let api = try Self.api { $0.writes = RateLimit(1, per: .seconds(60), burst: 2) }
        defer { api.close() }
        #expect(api.router.respond(to: Self.request(.delete, "/api/v1/tags/x", from: "10.0.0.1", token: true), requestID: "t").status == .notFound)
        #expect(api.router.respond(to: Self.request(.delete, "/api/v1/tags/y", from: "10.0.0.1", token: true), requestID: "t").status == .notFound)
        let refused = api.router.respond(to: Self.request(.patch, "/api/v1/articles/1", from: "10.0.0.1", token: true), requestID: "t")
        #expect(refused.status == .tooManyRequests)
        for _ in 0..<5 {
            #expect(api.router.respond(to: Self.request(.post, "/api/v1/articles/1/views", from: "10.0.0.1"), requestID: "t").status == .notFound)
        }
    }

    @Test func readsHaveAGenerousClassOfTheirOwn() throws {
        let api = try Self.api { $0.reads = RateLimit(1, per: .seconds(60), burst: 2) }
        defer { api.close() }
        #expect(api.router.respond(to: Self.request(.get, "/api/v1/articles", from: "10.0.0.1"), requestID: "t").status == .ok)
        #expect(api.router.respond(to: Self.request(.get, "/api/v1/tags", from: "10.0.0.1"), requestID: "t").status == .ok)
        #expect(api.router.respond(to: Self.request(.head, "/api/v1/articles/popular", from: "10.0.0.1"), requestID: "t").status == .tooManyRequests)
        // Health, documentation and searches are not reads.
        for target in ["/healthz", "/api/v1/openapi.json", "/api/v1/search?q=x"] {
            #expect(api.router.respond(to: Self.request(.get, target, from: "10.0.0.1"), requestID: "t").status == .ok, "\(target)")
        }
    }

    @Test func localRequestsWithoutAProxyAreNotLimited() throws {
        let api = try Self.api { $0.searches = RateLimit(1, per: .seconds(60), burst: 1) }
        defer { api.close() }
        for _ in 0..<10 {
            let local = Request(method: .get, target: "/api/v1/search?q=x", peerAddress: "127.0.0.1")
            #expect(api.router.respond(to: local, requestID: "t").status == .ok)
        }
        // A remote peer without a proxy is a client like any other.
        let remote = Request(method: .get, target: "/api/v1/search?q=x", peerAddress: "192.0.2.7")
        #expect(api.router.respond(to: remote, requestID: "t").status == .ok)
        #expect(api.router.respond(to: remote, requestID: "t").status == .tooManyRequests)
    }

    @Test func anIPv6ClientIsItsSlash64() throws {
        let api = try Self.api { $0.searches = RateLimit(1, per: .seconds(60), burst: 1) }
        defer { api.close() }
        let first = api.router.respond(to: Self.request(.get, "/api/v1/search?q=x", from: "2001:db8:1:2::1"), requestID: "t")
        #expect(first.status == .ok)
        let sameBlock = api.router.respond(to: Self.request(.get, "/api/v1/search?q=x", from: "2001:db8:1:2:ffff::9"), requestID: "t")
        #expect(sameBlock.status == .tooManyRequests)
        let otherBlock = api.router.respond(to: Self.request(.get, "/api/v1/search?q=x", from: "2001:db8:1:3::1"), requestID: "t")
        #expect(otherBlock.status == .ok)
    }

    @Test func failedAuthenticationIsThrottledBeforeAnyTokenIsChecked() throws {
        let api = try Self.api { $0.authenticationFailures = RateLimit(1, per: .seconds(60), burst: 3) }
        defer { api.close() }
        func attempt(_ token: String, from client: String = "10.0.0.1") -> Response {
            let request = Request(
                method: .get, target: "/api/v1/articles",
                headers: Headers([("x-forwarded-for", client), ("authorization", "Bearer \(token)")]), peerAddress: "127.0.0.1")
            return api.router.respond(to: request, requestID: "t")
        }
        for guess in 0..<3 { #expect(attempt("guess-\(guess)").status == .unauthorized) }
        // Even the right token is not checked now: a guesser learns nothing more.
        let refused = attempt(OpenAPITests.adminToken)
        #expect(refused.status == .tooManyRequests)
        #expect(refused.headers["Retry-After"] == "60")
        // Without credentials a public read goes on; another client guesses on its own budget.
        let anonymous = Request(
            method: .get, target: "/api/v1/articles", headers: Headers([("x-forwarded-for", "10.0.0.1")]), peerAddress: "127.0.0.1")
        #expect(api.router.respond(to: anonymous, requestID: "t").status == .ok)
        #expect(attempt(OpenAPITests.adminToken, from: "10.0.0.2").status == .ok)
    }
}

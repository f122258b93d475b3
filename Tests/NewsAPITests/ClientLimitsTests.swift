import HTTP
import Testing

@testable import NewsAPI

/// The per-client limits in front of the router, with a stand-in for the routes.
@Suite struct ClientLimitsTests {
    /// Answers 200 to everything.
    struct Routes: Responder {
        func respond(to request: Request, requestID: String) -> Response { Response(status: .ok) }
    }

    static func limits(_ configure: (inout ClientLimitSettings) -> Void = { _ in }, routes: Responder = Routes()) -> ClientLimits {
        var settings = ClientLimitSettings()
        configure(&settings)
        return ClientLimits(settings: settings, proxies: .loopback, next: routes)
    }

    /// A request from `client` through the local proxy.
    static func request(_ method: HTTP.Method, _ target: String, from client: String) -> Request {
        Request(method: method, target: target, headers: Headers([("x-forwarded-for", client)]), peerAddress: "127.0.0.1")
    }

    @Test func searchesBeyondTheRateAre429WithRetryAfterPerClient() {
        let limits = Self.limits { $0.searches = RateLimit(1, per: .seconds(60), burst: 3) }
        for _ in 0..<3 {
            #expect(limits.respond(to: Self.request(.get, "/api/v1/search?q=x", from: "10.0.0.1"), requestID: "t").status == .ok)
        }
        let refused = limits.respond(to: Self.request(.get, "/api/v1/search?q=y", from: "10.0.0.1"), requestID: "t")
        #expect(refused.status == .tooManyRequests)
        #expect(refused.headers["Retry-After"] == "60")
        #expect(refused.headers["Content-Type"]?.hasPrefix("application/problem+json") == true)
        // Other clients, and other reads of the same client, go on.
        #expect(limits.respond(to: Self.request(.get, "/api/v1/search?q=x", from: "10.0.0.2"), requestID: "t").status == .ok)
        #expect(limits.respond(to: Self.request(.get, "/api/v1/articles", from: "10.0.0.1"), requestID: "t").status == .ok)
    }

    @Test func writesAreLimitedButViewsAreLeftToTheirOwnLimits() {
        let limits = Self.limits { $0.writes = RateLimit(1, per: .seconds(60), burst: 2) }
        #expect(limits.respond(to: Self.request(.post, "/api/v1/articles", from: "10.0.0.1"), requestID: "t").status == .ok)
        #expect(limits.respond(to: Self.request(.delete, "/api/v1/tags/x", from: "10.0.0.1"), requestID: "t").status == .ok)
        #expect(limits.respond(to: Self.request(.patch, "/api/v1/articles/1", from: "10.0.0.1"), requestID: "t").status == .tooManyRequests)
        for _ in 0..<5 {
            #expect(limits.respond(to: Self.request(.post, "/api/v1/articles/1/views", from: "10.0.0.1"), requestID: "t").status == .ok)
        }
    }

    @Test func localRequestsWithoutAProxyAreNotLimited() {
        let limits = Self.limits { $0.searches = RateLimit(1, per: .seconds(60), burst: 1) }
        for _ in 0..<10 {
            let local = Request(method: .get, target: "/api/v1/search?q=x", peerAddress: "127.0.0.1")
            #expect(limits.respond(to: local, requestID: "t").status == .ok)
        }
        // A remote peer without a proxy is a client like any other.
        #expect(limits.respond(to: Request(method: .get, target: "/api/v1/search?q=x", peerAddress: "192.0.2.7"), requestID: "t").status == .ok)
        #expect(
            limits.respond(to: Request(method: .get, target: "/api/v1/search?q=x", peerAddress: "192.0.2.7"), requestID: "t").status
                == .tooManyRequests)
    }
}

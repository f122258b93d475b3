import HTTP

/// Keeps one client from taking the server from the others: caps the rate of its searches and
/// writes (429 with `Retry-After` beyond). It answers before routing, so a refused request costs
/// a few lookups, not a handler. (The transport caps the requests a client has under way:
/// `ServerConfiguration.requestsPerClient`.)
///
/// Which requests are searches and writes is read from the method and path here, the one
/// place before the router that sees every request: `GET /api/v1/search` is a search; POST,
/// PUT, PATCH and DELETE are writes, except a view (`POST …/views`), which `ViewRoutes` limits.
/// Who is a client, and who is not limited: `TrustedProxies.limitedClient(of:)`.
struct ClientLimits: Responder {
    let next: Responder
    let proxies: TrustedProxies
    let searches: RateLimiter<String>
    let writes: RateLimiter<String>

    init(settings: ClientLimitSettings, proxies: TrustedProxies, next: Responder) {
        self.next = next
        self.proxies = proxies
        searches = RateLimiter(settings.searches)
        writes = RateLimiter(settings.writes)
    }

    func respond(to request: Request, requestID: String) -> Response {
        if let limiter = limiter(for: request), let client = proxies.limitedClient(of: request),
            case .refused(let wait) = limiter.admit(client)
        {
            return FinishedResponse.tooManyRequests(retryAfter: wait).response
        }
        return next.respond(to: request, requestID: requestID)
    }

    private func limiter(for request: Request) -> RateLimiter<String>? {
        switch request.method {
        case .get, .head:
            return request.path == SearchRoutes.path ? searches : nil
        case .post:
            return request.path.hasSuffix(ViewRoutes.viewsSuffix) ? nil : writes
        case .put, .patch, .delete:
            return writes
        case .options, .other:
            return nil
        }
    }
}

import HTTP

/// Keeps one client from taking the server from the others: caps the requests it has under
/// way, and the rate of its searches and writes (429 with `Retry-After` beyond). It answers
/// before routing, so a refused request costs a few lookups, not a handler.
///
/// Which requests are searches and writes is read from the method and path here, the one
/// place before the router that sees every request: `GET /api/v1/search` is a search; any
/// unsafe method is a write, except a view (`POST …/views`), which `ViewRoutes` limits itself.
///
/// Requests from this machine that no proxy forwarded (loopback, no `X-Forwarded-For`: an
/// operator's curl, a health check, a benchmark) are not limited. Behind a proxy every request
/// carries the header, so nothing from outside passes unlimited; and should a proxy forget the
/// header, the site stays open rather than every reader sharing one client's limits.
struct ClientLimits: Responder {
    let next: Responder
    let proxies: TrustedProxies
    let running: ConcurrencyLimiter<String>
    let searches: RateLimiter<String>
    let writes: RateLimiter<String>

    init(settings: ClientLimitSettings, proxies: TrustedProxies, next: Responder) {
        self.next = next
        self.proxies = proxies
        running = ConcurrencyLimiter(limit: settings.concurrentRequests)
        searches = RateLimiter(settings.searches)
        writes = RateLimiter(settings.writes)
    }

    func respond(to request: Request, requestID: String) -> Response {
        if !request.headers.contains("x-forwarded-for"), TrustedProxies.loopback.isTrusted(request.peerAddress) {
            return next.respond(to: request, requestID: requestID)
        }
        let client = proxies.clientAddress(of: request)
        guard running.start(client) else {
            return FinishedResponse.tooManyRequests(retryAfter: .seconds(1)).response
        }
        defer { running.finish(client) }
        if let limiter = limiter(for: request), case .refused(let wait) = limiter.admit(client) {
            return FinishedResponse.tooManyRequests(retryAfter: wait).response
        }
        return next.respond(to: request, requestID: requestID)
    }

    private func limiter(for request: Request) -> RateLimiter<String>? {
        switch request.method {
        case .get, .head:
            return request.path == SearchRoutes.path ? searches : nil
        case .options:
            return nil
        default:
            return request.method == .post && request.path.hasSuffix(ViewRoutes.viewsSuffix) ? nil : writes
        }
    }
}

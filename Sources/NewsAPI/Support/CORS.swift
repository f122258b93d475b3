import HTTP

/// Cross-origin access for a frontend served from another origin (the Fetch standard's CORS
/// protocol). Only configured origins get the headers; `*` allows any origin, and since this
/// API authenticates with bearer tokens, never cookies, credentials are never allowed.
public struct CORS: Responder {
    private let next: Responder
    private let allowedOrigins: Set<String>
    private let allowsAnyOrigin: Bool

    static let allowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
    static let allowedHeaders = "Authorization, Content-Type, If-Match, If-None-Match, X-Request-ID"
    static let exposedHeaders = "ETag, Location, X-Request-ID, Retry-After"

    public init(allowedOrigins: [String], next: Responder) {
        self.next = next
        allowsAnyOrigin = allowedOrigins.contains("*")
        self.allowedOrigins = Set(allowedOrigins.filter { $0 != "*" })
    }

    public func route(_ request: Request, client: Client, requestID: String) -> RouteMatch {
        next.route(request, client: client, requestID: requestID)
    }

    /// A refusal before the body is read goes to the browser like any answer, readable by the
    /// page that sent the request.
    public func admit(_ request: Request, _ match: inout RouteMatch) -> Response? {
        next.admit(request, &match).map { withHeaders($0, for: request) }
    }

    public func quickResponse(to request: Request, _ match: inout RouteMatch) -> Response? {
        next.quickResponse(to: request, &match).map { withHeaders($0, for: request) }
    }

    public func respond(to request: Request, _ match: RouteMatch) -> Response {
        guard allowsAnyOrigin || !allowedOrigins.isEmpty else { return next.respond(to: request, match) }
        if let origin = request.headers["origin"], allows(origin), request.method == .options,
            request.headers.contains("access-control-request-method")
        {
            var preflight = Response(status: .noContent)
            preflight.headers.set("Access-Control-Allow-Origin", allowsAnyOrigin ? "*" : origin)
            preflight.headers.set("Access-Control-Allow-Methods", Self.allowedMethods)
            preflight.headers.set("Access-Control-Allow-Headers", Self.allowedHeaders)
            preflight.headers.set("Access-Control-Max-Age", "600")
            if !allowsAnyOrigin { preflight.headers.set("Vary", "Origin") }
            return preflight
        }
        return withHeaders(next.respond(to: request, match), for: request)
    }

    private func allows(_ origin: String) -> Bool {
        allowsAnyOrigin || allowedOrigins.contains(origin)
    }

    private func withHeaders(_ response: Response, for request: Request) -> Response {
        guard allowsAnyOrigin || !allowedOrigins.isEmpty else { return response }
        var response = response
        if allowsAnyOrigin {
            // The same answer for every origin and for none, so caches need not tell them apart.
            response.headers.set("Access-Control-Allow-Origin", "*")
            response.headers.set("Access-Control-Expose-Headers", Self.exposedHeaders)
            return response
        }
        // The answer depends on Origin whether or not this request sent one: a browser or CDN
        // that kept a same-origin answer (no CORS headers) must not hand it to another origin's
        // page, which would then fail.
        response.headers.set("Vary", response.headers["Vary"].map { "\($0), Origin" } ?? "Origin")
        if let origin = request.headers["origin"], allows(origin) {
            response.headers.set("Access-Control-Allow-Origin", origin)
            response.headers.set("Access-Control-Expose-Headers", Self.exposedHeaders)
        }
        return response
    }
}

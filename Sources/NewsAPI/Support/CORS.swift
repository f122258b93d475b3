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

    public func respond(to request: Request, requestID: String) -> Response {
        guard let origin = request.headers["origin"], allowsAnyOrigin || allowedOrigins.contains(origin) else {
            return next.respond(to: request, requestID: requestID)
        }
        let allowOrigin = allowsAnyOrigin ? "*" : origin
        if request.method == .options, request.headers.contains("access-control-request-method") {
            var preflight = Response(status: .noContent)
            preflight.headers.set("Access-Control-Allow-Origin", allowOrigin)
            preflight.headers.set("Access-Control-Allow-Methods", Self.allowedMethods)
            preflight.headers.set("Access-Control-Allow-Headers", Self.allowedHeaders)
            preflight.headers.set("Access-Control-Max-Age", "600")
            preflight.headers.set("Vary", "Origin")
            return preflight
        }
        var response = next.respond(to: request, requestID: requestID)
        response.headers.set("Access-Control-Allow-Origin", allowOrigin)
        response.headers.set("Access-Control-Expose-Headers", Self.exposedHeaders)
        if !allowsAnyOrigin {
            response.headers.set("Vary", response.headers["Vary"].map { "\($0), Origin" } ?? "Origin")
        }
        return response
    }
}

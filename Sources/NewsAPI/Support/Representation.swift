import HTTP
import NewsStore

/// Answers a GET with a JSON representation: ETag, Cache-Control, and 304 when the client's
/// `If-None-Match` already holds it. Editors' responses are private and never stored by
/// caches, since they may include drafts; readers' responses are kept in the response cache.
struct Representation: Sendable {
    /// Seconds shared caches and browsers may reuse a public response.
    let maxAge: Int
    let cache: ResponseCache?

    init(maxAge: Int, cache: ResponseCache? = nil) {
        self.maxAge = maxAge
        self.cache = cache
    }

    /// Answers from the cache when a reader's response for this target is fresh there, else
    /// renders it with `render` (which may throw a finished response, such as a redirect).
    func respond(to request: Request, audience: Audience, render: () throws -> [UInt8]) throws -> Response {
        guard audience == .reader, let cache else {
            return respond(to: request, body: try render(), audience: audience)
        }
        if let entry = cache.entry(for: request.target) {
            return respond(to: request, body: entry.body, tag: entry.entityTag, audience: audience)
        }
        let generation = cache.generation
        let body = try render()
        let tag = EntityTag.of(body)
        cache.store(body, entityTag: tag, for: request.target, generation: generation)
        return respond(to: request, body: body, tag: tag, audience: audience)
    }

    /// The answer to a successful write: the resource as it now is, with the ETag a later GET
    /// will carry, never stored by caches.
    static func written(_ body: [UInt8], status: Status = .ok) -> Response {
        var response = Response.json(body, status: status)
        response.headers.set("ETag", EntityTag.of(body))
        response.headers.set("Cache-Control", "private, no-store")
        return response
    }

    func respond(to request: Request, body: [UInt8], audience: Audience) -> Response {
        respond(to: request, body: body, tag: EntityTag.of(body), audience: audience)
    }

    private func respond(to request: Request, body: [UInt8], tag: String, audience: Audience) -> Response {
        var headers = Headers()
        headers.set("ETag", tag)
        headers.set("Cache-Control", audience == .editor ? "private, no-store" : "public, max-age=\(maxAge)")
        headers.set("Vary", "Authorization")
        if let condition = request.headers["if-none-match"], EntityTag.noneMatch(condition, tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers.set("Content-Type", "application/json; charset=utf-8")
        return Response(status: .ok, headers: headers, body: body)
    }
}

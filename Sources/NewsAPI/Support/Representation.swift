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
    func respond(
        to request: Request, audience: Audience, contentType: String = Representation.json, render: () throws -> [UInt8]
    ) throws -> Response {
        try respond(to: request, audience: audience, contentType: contentType, renderTagged: { TaggedJSON(try render()) })
    }

    /// `respond(to:audience:render:)` for a body whose tag covers only a prefix (see `TaggedJSON`).
    func respond(
        to request: Request, audience: Audience, contentType: String = Representation.json, renderTagged render: () throws -> TaggedJSON
    ) throws -> Response {
        guard audience == .reader, let cache else {
            let rendered = try render()
            return respond(to: request, body: rendered.bytes, tag: rendered.entityTag, audience: audience, contentType: contentType)
        }
        if let entry = cache.entry(for: request.target) {
            return respond(to: request, body: entry.body, tag: entry.entityTag, audience: audience, contentType: contentType)
        }
        let generation = cache.generation
        let rendered = try render()
        let tag = rendered.entityTag
        cache.store(rendered.bytes, entityTag: tag, for: request.target, generation: generation)
        return respond(to: request, body: rendered.bytes, tag: tag, audience: audience, contentType: contentType)
    }

    /// The answer to a successful write: the resource as it now is, with the ETag a later GET
    /// will carry, never stored by caches.
    static func written(_ body: [UInt8], status: Status = .ok) -> Response {
        written(TaggedJSON(body), status: status)
    }

    static func written(_ body: TaggedJSON, status: Status = .ok) -> Response {
        var response = Response.json(body.bytes, status: status)
        response.headers.set("ETag", body.entityTag)
        response.headers.set("Cache-Control", "private, no-store")
        return response
    }

    func respond(to request: Request, body: [UInt8], audience: Audience, contentType: String = Representation.json) -> Response {
        respond(to: request, body: body, tag: TaggedJSON(body).entityTag, audience: audience, contentType: contentType)
    }

    /// The media type of the API's own representations.
    static let json = "application/json; charset=utf-8"

    private func respond(to request: Request, body: [UInt8], tag: String, audience: Audience, contentType: String) -> Response {
        var headers = Headers()
        headers.set("ETag", tag)
        headers.set("Cache-Control", audience == .editor ? "private, no-store" : "public, max-age=\(maxAge)")
        headers.set("Vary", "Authorization")
        if let condition = request.headers["if-none-match"], EntityTag.noneMatch(condition, tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers.set("Content-Type", contentType)
        return Response(status: .ok, headers: headers, body: body)
    }
}

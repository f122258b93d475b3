import HTTP
import NewsStore

/// Answers a GET with a JSON representation: ETag, Cache-Control, and 304 when the client's
/// `If-None-Match` already holds it. Editors' responses are private and never stored by
/// caches, since they may include drafts; readers' responses are kept in the response cache.
///
/// Readers' responses are public for HTTP caches too: browsers keep them `max-age`, a shared
/// cache (Varnish, a CDN) `s-maxage`, since every write purges what it touched from it
/// (`CacheKey`, the outbox), and may serve them stale while revalidating or while the server
/// is down. The surrogate keys a rendering reports go out in the key header
/// (`Surrogate-Key`, or Cloudflare's `Cache-Tag`) for the cache to file the response under.
struct Representation: Sendable {
    /// The response field that carries the surrogate keys.
    let surrogateKeyHeader: String
    let cache: ResponseCache?
    /// `Cache-Control` of every public response.
    let publicCacheControl: String

    /// How long a shared cache may serve a stale response while it revalidates, and while the
    /// server answers errors or not at all.
    static let staleWhileRevalidate = 30
    static let staleIfError = 86_400

    /// `maxAge`: seconds browsers may reuse a public response; `sharedMaxAge`: seconds shared
    /// caches may (purged sooner when it changes).
    init(maxAge: Int, sharedMaxAge: Int = 86_400, surrogateKeyHeader: String = "Surrogate-Key", cache: ResponseCache? = nil) {
        self.surrogateKeyHeader = surrogateKeyHeader
        self.cache = cache
        publicCacheControl =
            "public, max-age=\(maxAge), s-maxage=\(sharedMaxAge), stale-while-revalidate=\(Self.staleWhileRevalidate), stale-if-error=\(Self.staleIfError)"
    }

    /// Makes `response` public for caches, filed under `keys`: for answers built outside
    /// `respond`, such as a redirect from an old slug.
    func markPublic(_ response: inout Response, keys: [String]) {
        response.headers.set("Cache-Control", publicCacheControl)
        if !keys.isEmpty { response.headers.set(surrogateKeyHeader, keys.joined(separator: " ")) }
    }

    /// Answers from the cache when a reader's response for this target is fresh there, else
    /// renders it with `render` (which may throw a finished response, such as a redirect).
    /// `cacheAsked`: the route's quick answer (`kept`) had nothing for this request moments
    /// ago (`RequestContext.quickAnswerMissed`), so the cache is not asked again; a response
    /// kept meanwhile is rendered once more, which is rare and harmless.
    func respond(
        to request: Request, audience: Audience, contentType: String = Representation.json, cacheAsked: Bool = false,
        render: () throws -> [UInt8]
    ) throws -> Response {
        try respond(
            to: request, audience: audience, contentType: contentType, cacheAsked: cacheAsked,
            keyedTagged: { _ in TaggedJSON(try render()) })
    }

    /// `respond(to:audience:render:)` for a rendering that names the surrogate keys of what it
    /// shows (`CacheKey`) as it reads it.
    func respond(
        to request: Request, audience: Audience, contentType: String = Representation.json, cacheAsked: Bool = false,
        keyed render: (inout KeySet) throws -> [UInt8]
    ) throws -> Response {
        try respond(
            to: request, audience: audience, contentType: contentType, cacheAsked: cacheAsked,
            keyedTagged: { keys in TaggedJSON(try render(&keys)) })
    }

    /// `respond(to:audience:keyed:)` for a body whose tag covers only a prefix (see `TaggedJSON`).
    func respond(
        to request: Request, audience: Audience, contentType: String = Representation.json, cacheAsked: Bool = false,
        keyedTagged render: (inout KeySet) throws -> TaggedJSON
    ) throws -> Response {
        guard audience == .reader, let cache else {
            var keys = KeySet()
            let rendered = try render(&keys)
            return respond(
                to: request, body: rendered.bytes, tag: rendered.entityTag, surrogateKeys: Self.headerValue(keys), audience: audience,
                contentType: contentType)
        }
        if !cacheAsked, let response = kept(request) { return response }
        let generation = cache.generation
        var keys = KeySet()
        let rendered = try render(&keys)
        let tag = rendered.entityTag
        let surrogateKeys = Self.headerValue(keys)
        cache.store(
            rendered.bytes, entityTag: tag, contentType: contentType, surrogateKeys: surrogateKeys, for: request.target, generation: generation)
        return respond(
            to: request, body: rendered.bytes, tag: tag, surrogateKeys: surrogateKeys, audience: audience, contentType: contentType)
    }

    /// A reader's response to `request` from the cache, if it is fresh there: the quick answer
    /// (`QuickAnswer`) of routes that answer with `respond`. It is the answer `respond` would
    /// give, since only the same target rendered for a reader is kept under it, and only a
    /// request without credentials (a reader's) gets a quick answer.
    func kept(_ request: Request) -> Response? {
        guard let entry = cache?.entry(for: request.target) else { return nil }
        return respond(
            to: request, body: entry.body, tag: entry.entityTag, surrogateKeys: entry.surrogateKeys, audience: .reader,
            contentType: entry.contentType)
    }

    /// The surrogate keys as the key header's value; empty for none.
    private static func headerValue(_ keys: KeySet) -> String {
        keys.keys.joined(separator: " ")
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
        respond(to: request, body: body, tag: TaggedJSON(body).entityTag, surrogateKeys: "", audience: audience, contentType: contentType)
    }

    /// The media type of the API's own representations.
    static let json = "application/json; charset=utf-8"

    private func respond(
        to request: Request, body: [UInt8], tag: String, surrogateKeys: String, audience: Audience, contentType: String
    ) -> Response {
        // Added, not set: the fields are new, and every reader's response writes them.
        var headers = Headers()
        headers.add("ETag", tag)
        if audience == .editor {
            headers.add("Cache-Control", "private, no-store")
        } else {
            headers.add("Cache-Control", publicCacheControl)
            if !surrogateKeys.isEmpty { headers.add(surrogateKeyHeader, surrogateKeys) }
        }
        headers.add("Vary", "Authorization")
        if let condition = request.headers["if-none-match"], EntityTag.noneMatch(condition, tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers.add("Content-Type", contentType)
        return Response(status: .ok, headers: headers, body: body)
    }
}

import HTTP
import NewsStore

/// Answers a GET with a JSON representation: ETag, Cache-Control, and 304 when the client's
/// `If-None-Match` already holds it. Editors' responses are private and never stored by
/// caches, since they may include drafts.
struct Representation: Sendable {
    /// Seconds shared caches and browsers may reuse a public response.
    let maxAge: Int

    func respond(to request: Request, body: [UInt8], audience: Audience, status: Status = .ok) -> Response {
        let tag = EntityTag.of(body)
        var headers = Headers()
        headers.set("ETag", tag)
        headers.set("Cache-Control", audience == .editor ? "private, no-store" : "public, max-age=\(maxAge)")
        headers.set("Vary", "Authorization")
        if let condition = request.headers["if-none-match"], EntityTag.noneMatch(condition, tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers.set("Content-Type", "application/json; charset=utf-8")
        return Response(status: status, headers: headers, body: body)
    }
}

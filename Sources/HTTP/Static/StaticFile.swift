/// A file served as it is from memory: a web page, a script, a style sheet, an icon.
///
/// Files are read once at start, so a request costs no disk access and no path is ever taken
/// from a request: only the files known at start exist, which rules out traversal (`/../`) by
/// construction. The tag is computed from the bytes once.
public struct StaticFile: Sendable {
    /// The path it is served at, with its leading `/` (`/app.js`, `/render/article.js`).
    public let path: String
    public let body: [UInt8]
    public let contentType: String
    public let entityTag: String

    public init(path: String, body: [UInt8]) {
        self.path = path
        self.body = body
        self.contentType = Self.contentType(of: path)
        self.entityTag = EntityTag.of(body[...])
    }

    /// Answers a GET: the file with `headers` added, or `304` when `If-None-Match` holds its tag.
    public func response(to request: Request, headers extra: Headers) -> Response {
        var headers = extra
        headers.set("ETag", entityTag)
        if let condition = request.headers["if-none-match"], EntityTag.noneMatch(condition, entityTag) {
            return Response(status: .notModified, headers: headers)
        }
        headers.set("Content-Type", contentType)
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The media type for a file name's extension. Text types name UTF-8, since browsers
    /// otherwise guess a legacy encoding and garble Arabic; an unknown extension is opaque bytes
    /// (with `nosniff`, which every response carries, a browser will not run it as anything).
    public static func contentType(of path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        switch name[name.index(after: dot)...].lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "webmanifest": return "application/manifest+json; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        default: return "application/octet-stream"
        }
    }
}

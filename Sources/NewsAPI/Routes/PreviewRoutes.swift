import HTTP
import NewsStore

/// Preview links of unpublished articles: the routes that make, list and revoke an article's
/// links, the public JSON a link's token opens (`/api/v1/preview/{token}`), and the reader's
/// page at `/preview/{token}` that renders it like an article page.
///
/// Every answer under a token is private and never indexed (`Cache-Control: private,
/// no-store`, `X-Robots-Tag: noindex`) and bypasses the response cache: it shows what the
/// public may not see, to whoever holds the address. Once the article is public, both
/// addresses redirect to the article's own.
struct PreviewRoutes: Sendable {
    let previews: PreviewLinkService
    let articles: ArticleService
    let publication: Publication
    /// The reader's page shell; without one, no page is served at `/preview/{token}`.
    let shell: SharePreviewShell?
    let limits: ClientLimits
    let representation: Representation

    static let links = "/api/v1/articles/{key}/preview-links"
    static let api = "/api/v1/preview"
    static let page = "/preview"

    func register(on router: inout Router) {
        router.post(Self.links, .role(.contributor), rate: limits.write) { context in try create(context) }
        router.get(Self.links, .role(.contributor), rate: limits.read) { context in try list(context) }
        router.delete(Self.links + "/{link}", .role(.contributor), rate: limits.write) { context in try revoke(context) }
        router.get(Self.api + "/{token}", .public, rate: limits.read, query: ["body"]) { context in
            try privately { try show(context) }
        }
        if let shell {
            let pages = Pages(previews: previews, shell: shell, preview: SharePreview(publication: publication))
            router.get(Self.page + "/{token}", .public, rate: limits.read, query: .any) { context in
                try privately { try pages.page(context) }
            }
        }
    }

    // MARK: The editors' routes

    private func create(_ context: RequestContext) throws -> Response {
        var reader = ObjectReader(try RequestBody.json(context.request), at: "")
        let expiresIn = reader.string("expires_in")
        reader.rejectUnreadMembers()
        guard reader.errors.isEmpty else { throw NewsStoreError.invalid(reader.errors) }
        let (link, token) = try previews.create(articleID: try articleID(context), expiresIn: expiresIn, by: context.principal)
        let path = "\(Self.page)/\(token)"
        let apiPath = "\(Self.api)/\(token)"
        return Representation.written(
            PreviewLinkJSON.created(
                link, url: publication.url(path: path) ?? path, apiURL: publication.url(path: apiPath) ?? apiPath, at: Timestamp.now()),
            status: .created)
    }

    private func list(_ context: RequestContext) throws -> Response {
        let links = try previews.list(articleID: try articleID(context), by: context.principal)
        var response = Response.json(PreviewLinkJSON.list(links, at: Timestamp.now()))
        response.headers.set("Cache-Control", "private, no-store")
        return response
    }

    private func revoke(_ context: RequestContext) throws -> Response {
        guard let linkID = Int64(context.parameters["link"]!), linkID > 0 else { throw NewsStoreError.notFound("preview link") }
        try previews.revoke(articleID: try articleID(context), linkID: linkID, by: context.principal)
        return Response(status: .noContent)
    }

    /// The article the route's `{key}` names, by id, current slug or old slug.
    private func articleID(_ context: RequestContext) throws -> Int64 {
        switch try articles.article(context.parameters["key"]!, for: .editor) {
        case .found(let article): article.id
        case .moved(let id, _): id
        }
    }

    // MARK: What a link opens

    /// The article as its public detail will be (`?body=` as there), or a redirect to that
    /// detail once it is public. The ETag still answers 304 to a reload of an unchanged draft.
    private func show(_ context: RequestContext) throws -> Response {
        var format = BodyFormat.blocks
        if let requested = context.query["body"] {
            guard let parsed = BodyFormat(rawValue: requested) else { throw ProblemDetails.badRequest("body must be blocks, html or text.") }
            format = parsed
        }
        switch try previews.resolve(context.parameters["token"]!) {
        case .unpublished(let article):
            // Answered as editors' reads are: private, and never kept in the response cache.
            return try representation.respond(to: context.request, audience: .editor) { _ in
                ArticleJSON.detail(article, body: format, for: .reader)
            }
        case .published(let article):
            let query = context.request.query.map { "?\($0)" } ?? ""
            return Self.redirect(to: "\(ArticleRoutes.collection)/\(PercentEncoding.pathSegment(article.slug))\(query)")
        case .expired: throw Self.expired
        case .revoked: throw Self.revoked
        }
    }

    /// The reader's preview page: the page shell with the article's title and `noindex`; the
    /// reader's script then renders the article from the API. Gone and unknown links get the
    /// shell with their status, and the reader shows why.
    private struct Pages: Sendable {
        let previews: PreviewLinkService
        let shell: SharePreviewShell
        let preview: SharePreview

        func page(_ context: RequestContext) throws -> Response {
            let status: Status
            let article: Article?
            do {
                switch try previews.resolve(context.parameters["token"]!) {
                case .unpublished(let found): (status, article) = (.ok, found)
                case .published(let found): return PreviewRoutes.redirect(to: "/articles/\(PercentEncoding.pathSegment(found.slug))")
                case .expired, .revoked: (status, article) = (.gone, nil)
                }
            } catch NewsStoreError.notFound {
                (status, article) = (.notFound, nil)
            }
            var headers = Headers([("Content-Type", shell.file.contentType)])
            headers.set("Content-Security-Policy", WebReaderRoutes.contentSecurityPolicy)
            return Response(status: status, headers: headers, body: shell.page(preview.previewPage(article)))
        }
    }

    static let expired = ProblemDetails(status: .gone, detail: "This preview link has expired; ask the newsroom for a new one.")
    static let revoked = ProblemDetails(status: .gone, detail: "This preview link was revoked.")

    /// `302 Found`: the link may be revoked or the article taken down again, so the move is
    /// not for keeps.
    private static func redirect(to location: String) -> Response {
        var response = Response(status: .found)
        response.headers.set("Location", location)
        return response
    }

    /// Runs `answer` and marks whatever it answers, errors included, as private and not to
    /// be indexed: even a 404 or a redirect under a secret address stays out of caches.
    private func privately(_ answer: () throws -> Response) throws -> Response {
        var response: Response
        do {
            response = try answer()
        } catch let error as ResponseError {
            response = error.response
        }
        response.headers.set("Cache-Control", "private, no-store")
        response.headers.set("X-Robots-Tag", "noindex")
        return response
    }
}

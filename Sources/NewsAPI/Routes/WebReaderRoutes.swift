import HTTP
import NewsStore

/// The reader (`web/`) served at `/`: each of its files at its own path, and its one HTML shell
/// at every page address the reader routes in the browser, so a shared link or a reload of
/// `/articles/{slug}` opens that page. The reader calls the API like any other client.
///
/// The pages of an article, a category, a tag and the home page carry their own head (title,
/// description, canonical address, link-preview cards; see `SharePreview`), so a crawler or a
/// chat app that runs no JavaScript sees what the page is. An article or a section the public
/// may not see is a 404, still with the shell; an article's old slug moves to its current one.
struct WebReaderRoutes {
    /// What the pages may load: their own scripts, styles and fonts, images from anywhere on
    /// http(s) (hero images live on the newsroom's CDN), API calls to this origin. No inline
    /// script or style, no plugins, no framing, no `<base>` rewriting.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; "
        + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
        + "frame-ancestors 'none'"

    /// The addresses of the reader's pages, which all answer with the shell.
    static let pagePatterns = ["/", "/articles/{key}", "/categories/{key}", "/tags/{key}", "/search", "/moderate"]
    static let shellPath = "/index.html"

    let files: [StaticFile]
    let articles: ArticleService
    let terms: TermService
    let publication: Publication
    let limits: ClientLimits
    let representation: Representation

    /// Registers after the API's routes: a file whose path an API route already has, or whose
    /// name reads as a route parameter, is not served (the API keeps its addresses).
    func register(on router: inout Router) {
        let taken = Set(router.routes.filter { $0.method == .get }.map(\.pattern))
        // Every file revalidates on each load (a cheap 304): a new release never mixes a new
        // page with a script a browser kept from the old one.
        let headers = Headers([("Cache-Control", "no-cache")])
        let pageHeaders = Headers([("Cache-Control", "no-cache"), ("Content-Security-Policy", Self.contentSecurityPolicy)])
        for file in files where !taken.contains(file.path) && !file.path.contains("{") && !file.path.contains("}") {
            let fileHeaders = file.contentType.hasPrefix("text/html") ? pageHeaders : headers
            router.get(file.path, .public, rate: nil, query: .any) { context in file.response(to: context.request, headers: fileHeaders) }
        }
        guard let shell = files.first(where: { $0.path == Self.shellPath }) else { return }
        let pages = Pages(
            shell: SharePreviewShell(shell), preview: SharePreview(publication: publication), articles: articles, terms: terms,
            representation: representation, headers: pageHeaders)
        for pattern in Self.pagePatterns where !taken.contains(pattern) {
            switch pattern {
            case "/":
                let home = StaticFile(path: Self.shellPath, body: pages.shell.page(pages.preview.home()))
                router.get(pattern, .public, rate: nil, query: .any) { context in home.response(to: context.request, headers: pageHeaders) }
            case "/articles/{key}":
                router.get(pattern, .public, rate: limits.read, query: .any) { context in try pages.article(context) }
            case "/categories/{key}":
                router.get(pattern, .public, rate: limits.read, query: .any) { context in try pages.term(.category, context) }
            case "/tags/{key}":
                router.get(pattern, .public, rate: limits.read, query: .any) { context in try pages.term(.tag, context) }
            default:
                router.get(pattern, .public, rate: nil, query: .any) { context in shell.response(to: context.request, headers: pageHeaders) }
            }
        }
        // A browser that follows a stale or mistyped link gets the reader, which shows its own
        // "not found" page, with the status still saying 404; API clients keep the problem.
        router.setFallback { context in
            let request = context.request
            guard request.method == .get || request.method == .head, !request.path.hasPrefix("/api/"),
                request.headers["accept"]?.contains("text/html") == true
            else { return Router.notFound }
            var response = Response(status: .notFound, headers: pageHeaders, body: shell.body)
            response.headers.set("Content-Type", shell.contentType)
            return response
        }
    }

    /// The pages rendered from the database, for the public whoever asks: a page is what a
    /// shared link shows, never an editor's draft.
    private struct Pages: Sendable {
        let shell: SharePreviewShell
        let preview: SharePreview
        let articles: ArticleService
        let terms: TermService
        let representation: Representation
        let headers: Headers

        func article(_ context: RequestContext) throws -> Response {
            try page(context) { keys in
                switch try articles.article(context.parameters["key"]!, for: .reader) {
                case .moved(let id, let slug):
                    var response = Response(status: .movedPermanently)
                    let query = context.request.query.map { "?\($0)" } ?? ""
                    response.headers.set("Location", "/articles/\(PercentEncoding.pathSegment(slug))\(query)")
                    representation.markPublic(&response, keys: [CacheKey.article(id)])
                    throw FinishedResponse(response: response)
                case .found(let article):
                    keys.insert(CacheKey.article(article.id))
                    return shell.page(preview.article(article))
                }
            }
        }

        func term(_ kind: TermKind, _ context: RequestContext) throws -> Response {
            try page(context) { keys in
                let term = try terms.term(kind, context.parameters["key"]!, for: .reader)
                keys.insert(CacheKey.term(kind, term.id))
                return shell.page(preview.term(term))
            }
        }

        /// The rendered page with the API's public caching and an ETag that changes with what
        /// the page shows (304 while it does not); the shell with status 404 when there is nothing.
        private func page(_ context: RequestContext, render: (inout KeySet) throws -> [UInt8]) throws -> Response {
            var response: Response
            do {
                response = try representation.respond(to: context.request, audience: .reader, contentType: shell.file.contentType, keyed: render)
            } catch NewsStoreError.notFound {
                response = Response(status: .notFound, headers: headers, body: shell.file.body)
                response.headers.set("Content-Type", shell.file.contentType)
                return response
            }
            response.headers.set("Content-Security-Policy", WebReaderRoutes.contentSecurityPolicy)
            return response
        }
    }
}

import HTTP

/// The reader (`web/`) served at `/`: each of its files at its own path, and its one HTML shell
/// at every page address the reader routes in the browser, so a shared link or a reload of
/// `/articles/{slug}` opens that page. The reader calls the API like any other client.
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
        for pattern in Self.pagePatterns where !taken.contains(pattern) {
            router.get(pattern, .public, rate: nil, query: .any) { context in shell.response(to: context.request, headers: pageHeaders) }
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
}

import HTTP
import NewsStore

/// Sitemaps and robots.txt:
///
/// - `/sitemap.xml`: the sitemap index, naming every file below;
/// - `/sitemaps/articles-N.xml`: public articles, oldest first, 10,000 a file, with `lastmod`;
/// - `/sitemaps/sections.xml`: the home page and every category and tag page with a public article;
/// - `/sitemap-news.xml`: Google News, the public articles of the last 48 hours (1,000 at most);
/// - `/robots.txt`: names the index and the news sitemap.
///
/// All are written with the configured public origin only (503 without one).
struct SitemapRoutes: Sendable {
    let feeds: FeedService
    let publication: Publication
    let limits: ClientLimits
    let representation: Representation

    static let index = "/sitemap.xml"
    static let news = "/sitemap-news.xml"
    static let sections = "/sitemaps/sections.xml"
    static let robots = "/robots.txt"

    /// `/sitemaps/articles-N.xml`, N from 1.
    static func articles(page number: Int) -> String { "/sitemaps/articles-\(number).xml" }

    func register(on router: inout Router) {
        router.get(Self.index, .public, rate: limits.read, query: []) { context in try index(context) }
        router.get(Self.sections, .public, rate: limits.read, query: []) { context in try sections(context) }
        router.get("/sitemaps/{file}", .public, rate: limits.read, query: []) { context in try articles(context) }
        router.get(Self.news, .public, rate: limits.read, query: []) { context in try news(context) }
        router.get(Self.robots, .public, rate: limits.read, query: []) { context in try robots(context) }
    }

    private func index(_ context: RequestContext) throws -> Response {
        let site = try SiteAddresses.required(publication)
        return try representation.respond(to: context.request, audience: .reader, contentType: SitemapXML.contentType) { keys in
            keys.insert(CacheKey.sitemap)
            let index = try feeds.sitemapIndex()
            var entries = index.articlePages.map {
                SitemapXML.IndexEntry(url: site.url(Self.articles(page: $0.number)), lastModified: $0.lastModified)
            }
            entries.append(SitemapXML.IndexEntry(url: site.url(Self.sections), lastModified: index.sectionsLastModified))
            entries.append(SitemapXML.IndexEntry(url: site.url(Self.news), lastModified: index.newsLastModified))
            return SitemapXML.index(entries)
        }
    }

    private func sections(_ context: RequestContext) throws -> Response {
        let site = try SiteAddresses.required(publication)
        return try representation.respond(to: context.request, audience: .reader, contentType: SitemapXML.contentType) { keys in
            keys.insert(CacheKey.sitemap)
            let sitemap = try feeds.sectionSitemap()
            let home = (url: site.url("/"), lastModified: sitemap.homeLastPublished)
            return SitemapXML.urls([home] + sitemap.terms.map { (site.term($0.kind, slug: $0.slug), $0.lastPublished) })
        }
    }

    /// `articles-N.xml`; any other name, or a page past the last, is not found.
    private func articles(_ context: RequestContext) throws -> Response {
        let site = try SiteAddresses.required(publication)
        let file = context.parameters["file"]!
        guard let number = Self.articlePage(file) else { throw NewsStoreError.notFound("sitemap") }
        return try representation.respond(to: context.request, audience: .reader, contentType: SitemapXML.contentType) { keys in
            keys.insert(CacheKey.sitemap)
            let articles = try feeds.articleSitemap(page: number)
            guard !articles.isEmpty else { throw NewsStoreError.notFound("sitemap") }
            return SitemapXML.urls(articles.map { (site.article(slug: $0.slug), $0.updatedAt) })
        }
    }

    /// N of `articles-N.xml`, written as the index writes it (no sign, no leading zero).
    static func articlePage(_ file: String) -> Int? {
        guard file.hasPrefix("articles-"), file.hasSuffix(".xml") else { return nil }
        let digits = file.dropFirst("articles-".count).dropLast(".xml".count)
        guard let first = digits.first, first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) else {
            return nil
        }
        return number
    }

    private func news(_ context: RequestContext) throws -> Response {
        let site = try SiteAddresses.required(publication)
        return try representation.respond(to: context.request, audience: .reader, contentType: SitemapXML.contentType) { keys in
            keys.insert(CacheKey.sitemap)
            return SitemapXML.news(try feeds.newsSitemap(), site: site)
        }
    }

    private func robots(_ context: RequestContext) throws -> Response {
        let site = try SiteAddresses.required(publication)
        return representation.respond(
            to: context.request, body: RobotsText.write(sitemaps: [site.url(Self.index), site.url(Self.news)]), audience: .reader,
            contentType: RobotsText.contentType)
    }
}

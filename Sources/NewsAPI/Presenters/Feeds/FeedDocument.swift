import NewsStore

/// What the three feed formats say alike: the feed's title, addresses and items, under the
/// configured public origin. Each format's writer only spells it.
struct FeedDocument {
    let feed: Feed
    let site: SiteAddresses
    /// This feed's own absolute address, query included (`…/rss.xml?tag=…`, percent-encoded).
    let selfURL: String

    /// `path` is the feed's own (`/rss.xml`); the scope's term, if any, comes from `feed`.
    init(feed: Feed, site: SiteAddresses, path: String) {
        self.feed = feed
        self.site = site
        var query = ""
        if let term = feed.term {
            query = (term.kind == .category ? "?category=" : "?tag=") + PercentEncoding.pathSegment(term.slug)
        }
        selfURL = site.url(path + query)
    }

    /// The publication's name, and the category's or tag's after it for a scoped feed.
    var title: String {
        guard let term = feed.term else { return site.publication.displayName }
        return "\(site.publication.displayName) — \(term.name)"
    }

    /// The category's or tag's description, else the title (RSS requires one).
    var description: String { feed.term?.description ?? title }

    var language: String { site.publication.language }

    /// The reader's page this feed follows: the home page, or the category's or tag's page.
    var homeURL: String {
        guard let term = feed.term else { return site.url("/") }
        return site.term(term.kind, slug: term.slug)
    }

    /// The newest change among the items; nil for an empty feed.
    var updated: Timestamp? { feed.items.map(\.summary.updatedAt).max() }

    func articleURL(_ article: ArticleSummary) -> String { site.article(slug: article.slug) }

    /// An item's permanent identifier: the article's API address by id, which no change of
    /// slug or title alters, so feed readers never show an edited article twice.
    func itemID(_ article: ArticleSummary) -> String { site.url(ArticleRoutes.collection + "/\(article.id)") }

    /// The folder of the reader's pages of a kind of term, which names the kind (Atom's
    /// category `scheme`).
    func termScheme(_ kind: TermKind) -> String { site.term(kind, slug: "") }

    /// The body as the API's `?body=html` renders it: escaped text in a few plain elements.
    func contentHTML(_ item: FeedArticle) -> String { BodyRenderer.html(item.body.blocks) }
}

/// One article sitemap file: its number (1, 2, …), how many addresses it holds and the newest
/// change among them, for the sitemap index's `lastmod`.
public struct ArticleSitemapPage: Sendable, Equatable {
    public var number: Int
    public var urlCount: Int
    public var lastModified: Timestamp

    public init(number: Int, urlCount: Int, lastModified: Timestamp) {
        self.number = number
        self.urlCount = urlCount
        self.lastModified = lastModified
    }
}

/// An article's address in an article sitemap, and when it last changed.
public struct SitemapArticle: Sendable, Equatable {
    public var slug: String
    public var updatedAt: Timestamp

    public init(slug: String, updatedAt: Timestamp) {
        self.slug = slug
        self.updatedAt = updatedAt
    }
}

/// A category's or tag's page in the sitemap of sections, and when a public article last
/// appeared on it.
public struct SitemapTerm: Sendable, Equatable {
    public var kind: TermKind
    public var slug: String
    public var lastPublished: Timestamp

    public init(kind: TermKind, slug: String, lastPublished: Timestamp) {
        self.kind = kind
        self.slug = slug
        self.lastPublished = lastPublished
    }
}

/// The sitemap of sections: the home page and the category and tag pages readers can open.
public struct SectionSitemap: Sendable, Equatable {
    /// The newest publication, which is on the home page: nil while nothing is public. No
    /// section has a newer one, so it is the whole sitemap's `lastmod` too.
    public var homeLastPublished: Timestamp?
    public var terms: [SitemapTerm]

    public init(homeLastPublished: Timestamp?, terms: [SitemapTerm]) {
        self.homeLastPublished = homeLastPublished
        self.terms = terms
    }
}

/// An article of the Google News sitemap: what `news:news` says of it.
public struct NewsSitemapArticle: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var publishedAt: Timestamp
    public var updatedAt: Timestamp

    public init(slug: String, title: String, publishedAt: Timestamp, updatedAt: Timestamp) {
        self.slug = slug
        self.title = title
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
    }
}

/// What the sitemap index says of the files it names, read in one snapshot.
public struct SitemapIndex: Sendable, Equatable {
    public var articlePages: [ArticleSitemapPage]
    /// The sitemap of sections' `lastmod`: the newest publication; nil while nothing is public.
    public var sectionsLastModified: Timestamp?
    /// The news sitemap's: the newest change among its articles; nil while it has none.
    public var newsLastModified: Timestamp?

    public init(articlePages: [ArticleSitemapPage], sectionsLastModified: Timestamp?, newsLastModified: Timestamp?) {
        self.articlePages = articlePages
        self.sectionsLastModified = sectionsLastModified
        self.newsLastModified = newsLastModified
    }
}

import HTTP
import NewsStore

/// `/rss.xml`, `/atom.xml`, `/feed.json`: the newest public articles, all or of one category
/// (`?category=slug`) or tag (`?tag=slug`), in each format. Everyone gets the public feed, so
/// an answer is cached like a reader's, whoever asked.
struct FeedRoutes: Sendable {
    let feeds: FeedService
    let publication: Publication
    /// Items a feed carries (`feed_items`).
    let itemCount: Int
    let limits: ClientLimits
    let representation: Representation

    /// A feed format: its address, media type and writer.
    struct Format: Sendable {
        let path: String
        let contentType: String
        let write: @Sendable (FeedDocument) -> [UInt8]
    }

    static let formats = [
        Format(path: "/rss.xml", contentType: RSSFeed.contentType, write: RSSFeed.write),
        Format(path: "/atom.xml", contentType: AtomFeed.contentType, write: AtomFeed.write),
        Format(path: "/feed.json", contentType: JSONFeed.contentType, write: JSONFeed.write),
    ]

    func register(on router: inout Router) {
        for format in Self.formats {
            router.get(format.path, .public, rate: limits.read, query: ["category", "tag"]) { context in try feed(format, context) }
        }
    }

    private func feed(_ format: Format, _ context: RequestContext) throws -> Response {
        let site = try SiteAddresses.required(publication)
        let scope = try Self.scope(context.query)
        return try representation.respond(to: context.request, audience: .reader, contentType: format.contentType) { keys in
            let feed = try feeds.feed(scope, limit: itemCount)
            keys.insert(CacheKey.feed)
            if let term = feed.term { keys.insert(CacheKey.term(term.kind, term.id)) }
            keys.insert(summaries: feed.items.map(\.summary))
            return format.write(FeedDocument(feed: feed, site: site, path: format.path))
        }
    }

    /// A feed is of one category or one tag at most: naming both, or one twice, is refused
    /// rather than read as an intersection the feeds do not offer.
    static func scope(_ query: QueryParameters) throws -> FeedScope {
        let categories = query.values("category")
        let tags = query.values("tag")
        guard categories.count + tags.count <= 1 else {
            throw ProblemDetails.badRequest("A feed takes one category or one tag, not both and not one twice.")
        }
        if let slug = categories.first {
            guard !slug.isEmpty else { throw ProblemDetails.badRequest("category must be a category's slug.") }
            return .category(slug: slug)
        }
        if let slug = tags.first {
            guard !slug.isEmpty else { throw ProblemDetails.badRequest("tag must be a tag's slug.") }
            return .tag(slug: slug)
        }
        return .all
    }
}

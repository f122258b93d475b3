/// Preview links: secret addresses that show an article nobody may read yet (a draft, an
/// article scheduled for later) exactly as readers will see it once it is published, to
/// whoever holds one, with no token. A link is bound to one article, ends at its expiry or
/// when revoked, and leads to the public article once that is published.
///
/// A preview changes nothing in the article, so a draft reaches no feed, search, sitemap or
/// related list through it: those read only public articles.
public final class PreviewLinkService: Sendable {
    private let database: NewsDatabase
    private let articles: ArticleService
    private let clock: @Sendable () -> Timestamp
    private let repository = PreviewLinkRepository()
    private let articleRepository = ArticleRepository()
    private let audit = AuditLog()

    /// How long a link lives when the request does not say.
    public static let defaultLifetime = "24h"
    /// The lifetimes a link may be given: long enough to read a draft, short enough that a
    /// forwarded link does not open drafts for months.
    public static let lifetimes = Duration.seconds(60)...Duration.seconds(30 * 86_400)

    public init(database: NewsDatabase, articles: ArticleService, clock: @escaping @Sendable () -> Timestamp = Timestamp.now) {
        self.database = database
        self.articles = articles
        self.clock = clock
    }

    /// Makes a link to article `articleID` that lives `expiresIn` (`30m`, `24h`, `7d`; see
    /// `TimeSpan`), and returns it with its token, which exists nowhere else. The article's
    /// editors and its owner may (`ArticleAccess`), as for listing and revoking its links.
    public func create(articleID: Int64, expiresIn: String?, by principal: Principal) throws -> (link: PreviewLink, token: String) {
        let text = expiresIn ?? Self.defaultLifetime
        guard let lifetime = TimeSpan.parse(text), Self.lifetimes.contains(lifetime) else {
            throw NewsStoreError.invalid([
                FieldError(
                    "/expires_in", "must be a whole number followed by m, h, d or w (minutes, hours, days, weeks), from 1m to 30d, such as 24h")
            ])
        }
        let (token, hash) = PreviewToken.generate()
        let now = clock()
        return try database.write { db in
            guard let article = try articleRepository.article(id: articleID, in: db) else { throw NewsStoreError.notFound("article") }
            try ArticleAccess.check(.preview, article, by: principal)
            let link = try repository.insert(
                articleID: articleID, hash: hash, createdBy: principal.identity, now: now, expiresAt: now + lifetime, in: db)
            try audit.record(
                "preview_link.create", object: "preview_link:\(link.id)",
                summary: "article:\(articleID) for \(text), until \(link.expiresAt.rfc3339)", by: principal, at: now, in: db)
            return (link, token)
        }
    }

    /// The article's links, newest first, revoked and expired ones too.
    public func list(articleID: Int64, by principal: Principal) throws -> [PreviewLink] {
        try database.read { db in
            guard let article = try articleRepository.article(id: articleID, in: db) else { throw NewsStoreError.notFound("article") }
            try ArticleAccess.check(.preview, article, by: principal)
            return try repository.links(ofArticle: articleID, in: db)
        }
    }

    /// Revokes link `linkID` of article `articleID`: from now on it answers as gone. A link
    /// already revoked is not found, as a revoked API token is.
    public func revoke(articleID: Int64, linkID: Int64, by principal: Principal) throws {
        let now = clock()
        try database.write { db in
            guard let article = try articleRepository.article(id: articleID, in: db) else { throw NewsStoreError.notFound("article") }
            try ArticleAccess.check(.preview, article, by: principal)
            guard try repository.link(id: linkID, ofArticle: articleID, in: db) != nil, try repository.revoke(id: linkID, now: now, in: db)
            else { throw NewsStoreError.notFound("preview link") }
            try audit.record(
                "preview_link.revoke", object: "preview_link:\(linkID)", summary: "article:\(articleID)", by: principal, at: now, in: db)
        }
    }

    /// What `token` leads to, for anyone who holds it. A revoked link stays gone even after
    /// its article is published; an expired one still leads to the article once it is public,
    /// since the public may read it anyway.
    public func resolve(_ token: String) throws -> PreviewResolution {
        guard PreviewToken.looksValid(token) else { throw NewsStoreError.notFound("preview link") }
        let hash = PreviewToken.hash(token)
        guard let link = try database.read({ db in try repository.link(hash: hash, in: db) }) else {
            throw NewsStoreError.notFound("preview link")
        }
        if link.revokedAt != nil { return .revoked }
        let article = try articles.preview(id: link.articleID)
        let now = clock()
        if article.isPublic(at: now) { return .published(article) }
        return link.state(at: now) == .expired ? .expired : .unpublished(article)
    }
}

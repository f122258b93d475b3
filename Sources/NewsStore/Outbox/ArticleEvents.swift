import JSON
import SQLite

/// Which events an article write announces, decided inside its transaction from the article
/// before and after it: published when it becomes public, updated while it stays public,
/// unpublished when it stops being public, deleted when a public article goes. Drafts and
/// scheduled articles announce nothing until they are public.
///
/// A scheduled article becomes public by the clock, not by a write: its row in
/// `scheduled_announcements` says when, and `announceDue` (the delivery loop, every tick)
/// appends its article.published then. A write to an article whose time has come but whose
/// announcement has not been made yet makes it first, so "was public before this write" always
/// means "its publication was announced", and a receiver never hears of an update first.
///
/// The same moments purge HTTP caches: a write appends a purge of the keys it touched
/// (`CacheKey.touched`), and a scheduled article's publication purges when it is announced.
public struct ArticleEvents: Sendable {
    private let renderer: any ArticleSummaryRendering
    private let publication: Publication
    private let purges: CachePurges
    private let outbox = Outbox()
    private let repository = ArticleRepository()

    /// `renderer` writes summaries as the API does; `publication` gives their public URLs;
    /// `purges` says which caches to purge.
    public init(renderer: any ArticleSummaryRendering, publication: Publication, purges: CachePurges = .none) {
        self.renderer = renderer
        self.publication = publication
        self.purges = purges
    }

    /// Appends the events of a write that turned `before` into `after` (nil: created; nil:
    /// deleted), and keeps the article's scheduled announcement in step.
    func record(before: Article?, after: Article?, at now: Timestamp, in db: Connection) throws {
        if let before { try announceIfDue(before, at: now, in: db) }
        let wasPublic = before?.isPublic(at: now) ?? false
        let isPublic = after?.isPublic(at: now) ?? false
        switch (wasPublic, isPublic, after) {
        case (true, _, nil): try append(.articleDeleted, before!, at: now, in: db)
        case (false, true, let after?): try append(.articlePublished, after, at: now, in: db)
        case (true, true, let after?): try append(.articleUpdated, after, at: now, in: db)
        case (true, false, let after?): try append(.articleUnpublished, after, at: now, in: db)
        default: break
        }
        try purges.append(CacheKey.touched(before: before, after: after, at: now), at: now, in: db)
        if let after { try schedule(after, at: now, in: db) }
    }

    /// Appends article.published for every scheduled article whose time has come by `now`, in
    /// the caller's transaction; returns how many.
    func announceDue(at now: Timestamp, in db: Connection) throws -> Int {
        let due = try db.withStatement("SELECT article_id FROM scheduled_announcements WHERE due_at <= ? ORDER BY due_at, article_id") {
            statement in
            try statement.bind(now.milliseconds, at: 1)
            return try statement.mapRows { $0.int64(at: 0) }
        }
        for id in due {
            try removeSchedule(of: id, in: db)
            if let article = try repository.article(id: id, in: db), article.isPublic(at: now) {
                try append(.articlePublished, article, at: now, in: db)
                try purges.append(CacheKey.touched(before: nil, after: article, at: now), at: now, in: db)
            }
        }
        return due.count
    }

    /// Whether a scheduled announcement is due by `now`, without a write.
    func hasDueAnnouncement(at now: Timestamp, in db: Connection) throws -> Bool {
        try db.exists("SELECT 1 FROM scheduled_announcements WHERE due_at <= ?", [.integer(now.milliseconds)])
    }

    /// When the next scheduled article becomes public, if one is scheduled.
    func nextAnnouncement(in db: Connection) throws -> Timestamp? {
        try db.withStatement("SELECT min(due_at) FROM scheduled_announcements") { statement in
            _ = try statement.step()
            return statement.timestamp(at: 0)
        }
    }

    private func announceIfDue(_ article: Article, at now: Timestamp, in db: Connection) throws {
        guard
            try db.exists(
                "SELECT 1 FROM scheduled_announcements WHERE article_id = ? AND due_at <= ?", [.integer(article.id), .integer(now.milliseconds)])
        else { return }
        try removeSchedule(of: article.id, in: db)
        if article.isPublic(at: now) { try append(.articlePublished, article, at: now, in: db) }
    }

    /// A published article whose time is still to come waits in `scheduled_announcements`;
    /// any other leaves it.
    private func schedule(_ article: Article, at now: Timestamp, in db: Connection) throws {
        guard article.status == PublicArticles.status, let publishedAt = article.publishedAt, publishedAt > now else {
            return try removeSchedule(of: article.id, in: db)
        }
        try db.withStatement(
            "INSERT INTO scheduled_announcements (article_id, due_at) VALUES (?1, ?2) ON CONFLICT (article_id) DO UPDATE SET due_at = ?2"
        ) { statement in
            try statement.bind([.integer(article.id), .integer(publishedAt.milliseconds)])
            try statement.executeUpdate()
        }
    }

    private func removeSchedule(of id: Int64, in db: Connection) throws {
        try db.withStatement("DELETE FROM scheduled_announcements WHERE article_id = ?") { statement in
            try statement.bind(id, at: 1)
            try statement.executeUpdate()
        }
    }

    /// The event's data: the article's summary as the API shows it, and its public address
    /// (null while no public URL is configured).
    private func append(_ type: EventType, _ article: Article, at now: Timestamp, in db: Connection) throws {
        try outbox.append(type, orderingKey: "article:\(article.id)", at: now, in: db) { writer in
            renderer.writeMembers(of: ArticleSummary(article), to: &writer)
            writer.member("url", publication.articleURL(slug: article.slug))
        }
    }
}

import SQLite

/// Reads an article's revisions and compares them, for the editors. Revisions are written by
/// `ArticleService`, inside each article write's transaction; restoring one is an article
/// write too (`ArticleService.restore`).
public final class RevisionService: Sendable {
    private let database: NewsDatabase
    private let log = RevisionLog(kept: RevisionLog.defaultKept)
    private let repository = ArticleRepository()

    /// The page sizes a listing may ask for, and the one it gets by default.
    public static let limitRange = 1...100
    public static let defaultLimit = 20

    /// The state a revision is compared with: the article as it is now, or another revision.
    public enum Comparison: Sendable, Equatable {
        case current
        case revision(Int64)
    }

    public init(database: NewsDatabase) {
        self.database = database
    }

    /// The article's revisions, newest first, `limit` to a page.
    public func revisions(ofArticle key: String, after cursor: RevisionCursor?, limit: Int) throws -> RevisionPage {
        let limit = Self.limitRange.clamp(limit)
        return try database.read { db in
            let rows = try log.revisions(of: articleID(key, in: db), after: cursor, limit: limit, in: db)
            let items = Array(rows.prefix(limit))
            return RevisionPage(items: items, nextCursor: rows.count > limit ? items.last.map { RevisionCursor(number: $0.number) } : nil)
        }
    }

    /// Revision `number` with the article as it was; `RevisionPruned` when retention removed it.
    public func revision(_ number: Int64, ofArticle key: String) throws -> RevisionDetail {
        try database.read { db in try log.detail(number, of: articleID(key, in: db), in: db) }
    }

    /// How the article changed from revision `number` to `comparison`: old values are
    /// revision `number`'s, new ones the other side's.
    public func diff(_ number: Int64, against comparison: Comparison, ofArticle key: String) throws -> RevisionDiff {
        try database.read { db in
            let id = try articleID(key, in: db)
            let old = try log.detail(number, of: id, in: db).snapshot
            let new: RevisionSnapshot
            switch comparison {
            case .current:
                guard let article = try repository.article(id: id, in: db) else { throw NewsStoreError.notFound("article") }
                new = try log.snapshot(of: article, in: db)
            case .revision(let other):
                new = try log.detail(other, of: id, in: db).snapshot
            }
            return RevisionDiff(from: old, to: new)
        }
    }

    /// The id of the article `key` names: its id, its slug, or an old slug of it.
    private func articleID(_ key: String, in db: Connection) throws -> Int64 {
        if let id = Int64(key), id > 0, try repository.article(id: id, in: db) != nil { return id }
        if let article = try repository.article(slug: key, in: db) { return article.id }
        if let moved = try repository.redirect(fromSlug: key, in: db) { return moved.id }
        throw NewsStoreError.notFound("article")
    }
}

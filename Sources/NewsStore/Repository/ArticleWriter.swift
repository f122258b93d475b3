import JSON
import SQLite

/// Writes articles and everything attached to them. Callers run these inside one write
/// transaction, so an article is never visible without its tags, sources or slug history.
struct ArticleWriter {
    private let categories = TermRepository(kind: .category)
    private let tags = TermRepository(kind: .tag)

    /// What the row needs beyond the validated input: who decided the slug, times, version.
    struct Stamp {
        var slug: String
        var publishedAt: Timestamp?
        var createdAt: Timestamp
        var now: Timestamp
        var version: Int64
    }

    /// Inserts a new article created by `identity` and returns its id.
    func insert(_ article: ValidArticle, stamp: Stamp, createdBy identity: String, in db: Connection) throws -> Int64 {
        let categoryID = try resolveCategory(article.category, in: db)
        let tagReferences = try resolveTags(article.tags, now: stamp.now, in: db)
        let id = try db.withStatement(
            """
            INSERT INTO articles (slug, title, summary, body, hero, author, category_id, status, published_at,
                                  sort_at, created_at, updated_at, version, tags_json, sources_json, comments, created_by)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
            """
        ) { statement in
            try statement.bind(columns(article, categoryID: categoryID, tags: tagReferences, stamp: stamp) + [.text(identity)])
            try statement.executeUpdate()
            return db.lastInsertRowID
        }
        try releaseRedirect(stamp.slug, in: db)
        try writeLinks(article, tags: tagReferences, id: id, stamp: stamp, in: db)
        return id
    }

    /// Replaces the article's content; the caller has checked that it exists and its version.
    func update(id: Int64, _ article: ValidArticle, stamp: Stamp, previousSlug: String, in db: Connection) throws {
        let categoryID = try resolveCategory(article.category, in: db)
        let tagReferences = try resolveTags(article.tags, now: stamp.now, in: db)
        try db.withStatement(
            """
            UPDATE articles SET slug = ?1, title = ?2, summary = ?3, body = ?4, hero = ?5, author = ?6,
                category_id = ?7, status = ?8, published_at = ?9, sort_at = ?10, created_at = ?11,
                updated_at = ?12, version = ?13, tags_json = ?14, sources_json = ?15, comments = ?16
            WHERE id = ?17
            """
        ) { statement in
            try statement.bind(columns(article, categoryID: categoryID, tags: tagReferences, stamp: stamp) + [.integer(id)])
            try statement.executeUpdate()
        }
        if stamp.slug != previousSlug {
            try releaseRedirect(stamp.slug, in: db)
            try db.withStatement("INSERT INTO slug_redirects (slug, article_id) VALUES (?, ?)") { statement in
                try statement.bind([.text(previousSlug), .integer(id)])
                try statement.executeUpdate()
            }
        }
        for table in ["article_tags", "article_sources"] {
            try db.withStatement("DELETE FROM \(table) WHERE article_id = ?") { statement in
                try statement.bind(id, at: 1)
                try statement.executeUpdate()
            }
        }
        try writeLinks(article, tags: tagReferences, id: id, stamp: stamp, in: db)
    }

    func delete(id: Int64, in db: Connection) throws -> Bool {
        try db.withStatement("DELETE FROM articles WHERE id = ?") { statement in
            try statement.bind(id, at: 1)
            return try statement.executeUpdate() > 0
        }
    }

    /// Replaces the editors' related list and bumps the article's version.
    func setRelated(id: Int64, to relatedIDs: [Int64], now: Timestamp, in db: Connection) throws {
        try db.withStatement("DELETE FROM related_articles WHERE article_id = ?") { statement in
            try statement.bind(id, at: 1)
            try statement.executeUpdate()
        }
        for (position, relatedID) in relatedIDs.enumerated() {
            try db.withStatement("INSERT INTO related_articles (article_id, position, related_id) VALUES (?, ?, ?)") { statement in
                try statement.bind([.integer(id), .integer(Int64(position)), .integer(relatedID)])
                try statement.executeUpdate()
            }
        }
        try db.withStatement("UPDATE articles SET version = version + 1, updated_at = ? WHERE id = ?") { statement in
            try statement.bind([.integer(now.milliseconds), .integer(id)])
            try statement.executeUpdate()
        }
    }

    /// Which of `ids` name no article.
    func missingArticles(_ ids: [Int64], in db: Connection) throws -> [Int64] {
        try ids.filter { id in try !db.exists("SELECT 1 FROM articles WHERE id = ?", [.integer(id)]) }
    }

    /// Whether `slug` is an article's current slug or an old one kept for redirects.
    func slugInUse(_ slug: String, excluding id: Int64? = nil, in db: Connection) throws -> Bool {
        try db.exists(
            """
            SELECT 1 FROM articles WHERE slug = ?1 AND id IS NOT ?2
            UNION ALL SELECT 1 FROM slug_redirects WHERE slug = ?1 AND article_id IS NOT ?2
            """, [.text(slug), id.map(SQLiteValue.integer) ?? .null])
    }

    /// Whether another article has `slug` as its current slug (old slugs can be taken over).
    func slugTaken(_ slug: String, excluding id: Int64? = nil, in db: Connection) throws -> Bool {
        try db.exists("SELECT 1 FROM articles WHERE slug = ? AND id IS NOT ?", [.text(slug), id.map(SQLiteValue.integer) ?? .null])
    }

    /// `base`, or `base-2`, `base-3`… whichever no article uses or used, and is not reserved.
    func uniqueSlug(from base: String, in db: Connection) throws -> String {
        try Slug.firstFree(from: base) { try Slug.reservedForArticles.contains($0) || slugInUse($0, in: db) }
    }

    private func columns(_ article: ValidArticle, categoryID: Int64?, tags: [TermReference], stamp: Stamp) -> [SQLiteValue] {
        var hero = JSONWriter()
        if let image = article.hero { BlockCoding.write(image, to: &hero) }
        let body = ArticleBody(article.body)
        return [
            .text(stamp.slug), .text(article.title), article.summary.map(SQLiteValue.text) ?? .null,
            .text(String(decoding: body.json, as: UTF8.self)),
            article.hero == nil ? .null : .text(String(decoding: hero.bytes, as: UTF8.self)),
            article.author.map(SQLiteValue.text) ?? .null, categoryID.map(SQLiteValue.integer) ?? .null,
            .text(article.status.rawValue), stamp.publishedAt.map { .integer($0.milliseconds) } ?? .null,
            .integer((stamp.publishedAt ?? stamp.createdAt).milliseconds), .integer(stamp.createdAt.milliseconds),
            .integer(stamp.now.milliseconds), .integer(stamp.version),
            .text(String(decoding: TagList(tags).json, as: UTF8.self)), .text(String(decoding: SourceList(article.sources).json, as: UTF8.self)),
            .text(article.comments.rawValue),
        ]
    }

    /// An old slug that an article now takes as its own stops redirecting elsewhere.
    private func releaseRedirect(_ slug: String, in db: Connection) throws {
        try db.withStatement("DELETE FROM slug_redirects WHERE slug = ?") { statement in
            try statement.bind(slug, at: 1)
            try statement.executeUpdate()
        }
    }

    private func resolveCategory(_ key: String?, in db: Connection) throws -> Int64? {
        guard let key else { return nil }
        guard let found = try categories.reference(key: key, in: db) else {
            throw NewsStoreError.invalid([FieldError("/category", "no category has this slug or id")])
        }
        return found.id
    }

    /// The tags an article names, in order and each once, creating those that do not exist.
    private func resolveTags(_ names: [String], now: Timestamp, in db: Connection) throws -> [TermReference] {
        var references: [TermReference] = []
        for name in names {
            let reference = try tagReference(named: name, now: now, in: db)
            if !references.contains(where: { $0.id == reference.id }) { references.append(reference) }
        }
        return references
    }

    /// Writes tag links and cited sources.
    private func writeLinks(_ article: ValidArticle, tags: [TermReference], id: Int64, stamp: Stamp, in db: Connection) throws {
        let sortAt = (stamp.publishedAt ?? stamp.createdAt).milliseconds
        for (position, tag) in tags.enumerated() {
            try db.withStatement("INSERT INTO article_tags (article_id, tag_id, position, status, sort_at) VALUES (?, ?, ?, ?, ?)") { statement in
                try statement.bind([.integer(id), .integer(tag.id), .integer(Int64(position)), .text(article.status.rawValue), .integer(sortAt)])
                try statement.executeUpdate()
            }
        }
        for (position, source) in article.sources.enumerated() {
            try db.withStatement(
                """
                INSERT INTO article_sources (article_id, position, name, url, relation, status, sort_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
            ) { statement in
                try statement.bind([
                    .integer(id), .integer(Int64(position)), .text(source.name), source.url.map(SQLiteValue.text) ?? .null,
                    source.relation.map(SQLiteValue.text) ?? .null, .text(article.status.rawValue), .integer(sortAt),
                ])
                try statement.executeUpdate()
            }
        }
    }

    /// The tag with this slug or name, created when there is none.
    private func tagReference(named name: String, now: Timestamp, in db: Connection) throws -> TermReference {
        if let existing = try tags.reference(key: name, in: db) { return existing }
        let base = Slug.make(from: name)
        let slug = try tags.uniqueSlug(from: base.isEmpty ? "tag" : base, in: db)
        return TermReference(id: try tags.insert(slug: slug, name: name, description: nil, now: now, in: db), slug: slug, name: name)
    }

    private static let tagRow: (sql: String, columns: TermReferenceColumns) = {
        var list = SelectList()
        let columns = TermReferenceColumns(&list, table: "t")
        return (list.sql, columns)
    }()

    /// Rewrites the `tags_json` copies of these articles from their links, after a tag they
    /// carry was renamed or deleted.
    func refreshTagCopies(ofArticles ids: [Int64], in db: Connection) throws {
        for id in ids {
            let tag = Self.tagRow
            let references = try db.withStatement(
                """
                SELECT \(tag.sql) FROM article_tags l CROSS JOIN tags t ON t.id = l.tag_id
                WHERE l.article_id = ? ORDER BY l.position
                """
            ) { statement in
                try statement.bind(id, at: 1)
                return try statement.mapRows(tag.columns.read)
            }
            try db.withStatement("UPDATE articles SET tags_json = ? WHERE id = ?") { statement in
                try statement.bind([.text(String(decoding: TagList(references).json, as: UTF8.self)), .integer(id)])
                try statement.executeUpdate()
            }
        }
    }
}

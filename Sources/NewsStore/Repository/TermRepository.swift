import SQLite

/// Categories and tags in SQLite: the same SQL on two tables.
struct TermRepository {
    let kind: TermKind

    private var table: String { kind == .category ? "categories" : "tags" }

    /// The term's public articles, rows of the index that lists them: `articles_by_category`
    /// or `article_tags_by_tag`, aliased `x`.
    private var publicArticles: String { Self.publicArticles(kind) }

    private static func publicArticles(_ kind: TermKind) -> String {
        let visible = PublicArticles.condition("x", now: ":now")
        return switch kind {
        case .category: "FROM articles x WHERE x.category_id = t.id AND \(visible)"
        case .tag: "FROM article_tags x WHERE x.tag_id = t.id AND \(visible)"
        }
    }

    /// A term's columns, with how many articles the public can see in it.
    private struct TermColumns {
        let reference: TermReferenceColumns
        let description: Int
        let createdAt: Int
        let updatedAt: Int
        let articleCount: Int

        init(_ list: inout SelectList, publicArticles: String) {
            reference = TermReferenceColumns(&list, table: "t")
            description = list.column("t.description")
            createdAt = list.column("t.created_at")
            updatedAt = list.column("t.updated_at")
            articleCount = list.column("(SELECT count(*) \(publicArticles))")
        }

        func read(_ row: Statement, kind: TermKind) -> Term {
            let reference = reference.read(row)
            return Term(
                kind: kind, id: reference.id, slug: reference.slug, name: reference.name, description: row.string(at: description),
                articleCount: row.int(at: articleCount), createdAt: Timestamp(milliseconds: row.int64(at: createdAt)),
                updatedAt: Timestamp(milliseconds: row.int64(at: updatedAt)))
        }
    }

    private var termRow: (sql: String, columns: TermColumns) { kind == .category ? Self.categoryRow : Self.tagRow }
    private static let categoryRow = termRow(.category)
    private static let tagRow = termRow(.tag)

    private static func termRow(_ kind: TermKind) -> (sql: String, columns: TermColumns) {
        var list = SelectList()
        let columns = TermColumns(&list, publicArticles: publicArticles(kind))
        return (list.sql, columns)
    }

    /// What readers may see of terms: those with at least one public article, so a topic whose
    /// articles are all drafts or still scheduled does not leak before they are published.
    private func visibility(_ audience: Audience) -> String {
        audience == .reader ? "EXISTS (SELECT 1 \(publicArticles))" : "1"
    }

    func id(slug: String, in db: Connection) throws -> Int64? {
        try db.withStatement("SELECT id FROM \(table) WHERE slug = ?") { statement in
            try statement.bind(slug, at: 1)
            return try statement.step() ? statement.int64(at: 0) : nil
        }
    }

    /// Finds a term by numeric id, or else by slug; for readers, only a term with public articles.
    func term(idOrSlug key: String, now: Timestamp, for audience: Audience, in db: Connection) throws -> Term? {
        if let id = Int64(key), id > 0 {
            return try term(where: "t.id = :key", .integer(id), now: now, for: audience, in: db)
        }
        return try term(where: "t.slug = :key", .text(key), now: now, for: audience, in: db)
    }

    /// Finds a term by slug only, as the reader's addresses and the feeds' `?category=` name
    /// it (a number there is a slug, never an id); for readers, only a term with public articles.
    func term(slug: String, now: Timestamp, for audience: Audience, in db: Connection) throws -> Term? {
        try term(where: "t.slug = :key", .text(slug), now: now, for: audience, in: db)
    }

    /// The term an article write names: a category by id, slug or exact name; a tag by slug or
    /// exact name (tag names may be numbers, so a number is never a tag id).
    func reference(key: String, in db: Connection) throws -> TermReference? {
        if kind == .category, let id = Int64(key), id > 0 {
            return try reference(where: "id = ?1", .integer(id), in: db)
        }
        return try reference(where: "slug = ?1 OR name = ?1", .text(key), in: db)
    }

    private func reference(where condition: String, _ key: SQLiteValue, in db: Connection) throws -> TermReference? {
        let row = Self.referenceRow
        return try db.withStatement("SELECT \(row.sql) FROM \(table) t WHERE \(condition) ORDER BY t.slug = ?1 DESC LIMIT 1") { statement in
            try statement.bind(key, at: 1)
            return try statement.step() ? row.columns.read(statement) : nil
        }
    }

    private static let referenceRow: (sql: String, columns: TermReferenceColumns) = {
        var list = SelectList()
        let columns = TermReferenceColumns(&list, table: "t")
        return (list.sql, columns)
    }()

    private func term(where condition: String, _ key: SQLiteValue, now: Timestamp, for audience: Audience, in db: Connection) throws -> Term? {
        let row = termRow
        return try db.withStatement("SELECT \(row.sql) FROM \(table) t WHERE \(condition) AND \(visibility(audience))") { statement in
            try statement.bind(key, named: ":key")
            try statement.bind(now.milliseconds, named: ":now")
            return try statement.step() ? row.columns.read(statement, kind: kind) : nil
        }
    }

    /// Terms in name order; with a prefix, those whose name or slug starts with it. Readers get
    /// only terms with public articles.
    func list(prefix: String?, limit: Int, now: Timestamp, for audience: Audience, in db: Connection) throws -> [Term] {
        // A prefix is a range on the UNIQUE indexes of name and slug: [prefix, prefix + U+10FFFF).
        let range = prefix == nil ? "1" : "((t.name >= :from AND t.name < :to) OR (t.slug >= :from AND t.slug < :to))"
        let row = termRow
        return try db.withStatement(
            "SELECT \(row.sql) FROM \(table) t WHERE \(range) AND \(visibility(audience)) ORDER BY t.name LIMIT :limit"
        ) { statement in
            try statement.bind(now.milliseconds, named: ":now")
            try statement.bind(limit, named: ":limit")
            if let prefix {
                try statement.bind(prefix, named: ":from")
                try statement.bind(prefix + "\u{10FFFF}", named: ":to")
            }
            return try statement.mapRows { row.columns.read($0, kind: kind) }
        }
    }

    /// Whether `name` belongs to a term other than `excluding`.
    func nameTaken(_ name: String, excluding id: Int64? = nil, in db: Connection) throws -> Bool {
        try db.exists("SELECT 1 FROM \(table) WHERE name = ? AND id IS NOT ?", [.text(name), id.map(SQLiteValue.integer) ?? .null])
    }

    func slugTaken(_ slug: String, excluding id: Int64? = nil, in db: Connection) throws -> Bool {
        try db.exists("SELECT 1 FROM \(table) WHERE slug = ? AND id IS NOT ?", [.text(slug), id.map(SQLiteValue.integer) ?? .null])
    }

    /// `base`, or `base-2`, `base-3`… whichever is free.
    func uniqueSlug(from base: String, in db: Connection) throws -> String {
        try Slug.firstFree(from: base) { try slugTaken($0, in: db) }
    }

    func insert(slug: String, name: String, description: String?, now: Timestamp, in db: Connection) throws -> Int64 {
        try db.withStatement("INSERT INTO \(table) (slug, name, description, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)") { statement in
            try statement.bind([.text(slug), .text(name), description.map(SQLiteValue.text) ?? .null, .integer(now.milliseconds)])
            try statement.executeUpdate()
            return db.lastInsertRowID
        }
    }

    func update(id: Int64, slug: String, name: String, description: String?, now: Timestamp, in db: Connection) throws {
        try db.withStatement("UPDATE \(table) SET slug = ?, name = ?, description = ?, updated_at = ? WHERE id = ?") { statement in
            try statement.bind([.text(slug), .text(name), description.map(SQLiteValue.text) ?? .null, .integer(now.milliseconds), .integer(id)])
            try statement.executeUpdate()
        }
    }

    func delete(id: Int64, in db: Connection) throws {
        try db.withStatement("DELETE FROM \(table) WHERE id = ?") { statement in
            try statement.bind(id, at: 1)
            try statement.executeUpdate()
        }
    }

    /// Articles of any status linked to the term.
    func linkedArticleCount(id: Int64, in db: Connection) throws -> Int {
        let sql =
            kind == .category
            ? "SELECT count(*) FROM articles WHERE category_id = ?"
            : "SELECT count(*) FROM article_tags WHERE tag_id = ?"
        return try db.withStatement(sql) { statement in
            try statement.bind(id, at: 1)
            _ = try statement.step()
            return statement.int(at: 0)
        }
    }

    /// The articles that carry tag `id`.
    func taggedArticleIDs(tag id: Int64, in db: Connection) throws -> [Int64] {
        try db.withStatement("SELECT article_id FROM article_tags WHERE tag_id = ?") { statement in
            try statement.bind(id, at: 1)
            return try statement.mapRows { $0.int64(at: 0) }
        }
    }

    /// The articles linked to term `id`: those in the category, or carrying the tag.
    func linkedArticleIDs(id: Int64, in db: Connection) throws -> [Int64] {
        guard kind == .category else { return try taggedArticleIDs(tag: id, in: db) }
        return try db.withStatement("SELECT id FROM articles WHERE category_id = ?") { statement in
            try statement.bind(id, at: 1)
            return try statement.mapRows { $0.int64(at: 0) }
        }
    }

    /// Marks the articles linked to the term as changed (new version), since their
    /// representation names the term.
    func touchLinkedArticles(id: Int64, now: Timestamp, in db: Connection) throws {
        let sql =
            kind == .category
            ? "UPDATE articles SET version = version + 1, updated_at = ?1 WHERE category_id = ?2"
            : "UPDATE articles SET version = version + 1, updated_at = ?1 WHERE id IN (SELECT article_id FROM article_tags WHERE tag_id = ?2)"
        try db.withStatement(sql) { statement in
            try statement.bind([.integer(now.milliseconds), .integer(id)])
            try statement.executeUpdate()
        }
    }

    /// Moves every article of category `id` to category `target`.
    func moveArticles(fromCategory id: Int64, to target: Int64, now: Timestamp, in db: Connection) throws {
        try db.withStatement("UPDATE articles SET category_id = ?1, version = version + 1, updated_at = ?2 WHERE category_id = ?3") { statement in
            try statement.bind([.integer(target), .integer(now.milliseconds), .integer(id)])
            try statement.executeUpdate()
        }
    }
}

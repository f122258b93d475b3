import SQLite

/// Categories and tags in SQLite: the same SQL on two tables.
struct TermRepository {
    let kind: TermKind

    private var table: String { kind == .category ? "categories" : "tags" }

    /// Counts the articles the public can see in term `t`, through the index that lists them.
    private var publicCount: String {
        switch kind {
        case .category:
            "(SELECT count(*) FROM articles x WHERE x.category_id = t.id AND x.status = 'published' AND x.sort_at <= :now)"
        case .tag:
            "(SELECT count(*) FROM article_tags x WHERE x.tag_id = t.id AND x.status = 'published' AND x.sort_at <= :now)"
        }
    }

    private var columns: String { "t.id, t.slug, t.name, t.description, t.created_at, t.updated_at, \(publicCount)" }

    func id(slug: String, in db: Connection) throws -> Int64? {
        try db.withStatement("SELECT id FROM \(table) WHERE slug = ?") { statement in
            try statement.bind(slug, at: 1)
            return try statement.step() ? statement.int64(at: 0) : nil
        }
    }

    /// Finds a term by numeric id, or else by slug.
    func term(idOrSlug key: String, now: Timestamp, in db: Connection) throws -> Term? {
        if let id = Int64(key), id > 0 {
            return try term(where: "t.id = :key", .integer(id), now: now, in: db)
        }
        return try term(where: "t.slug = :key", .text(key), now: now, in: db)
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
        try db.withStatement("SELECT id, slug, name FROM \(table) WHERE \(condition) ORDER BY slug = ?1 DESC LIMIT 1") { statement in
            try statement.bind(key, at: 1)
            guard try statement.step() else { return nil }
            return TermReference(id: statement.int64(at: 0), slug: statement.string(at: 1)!, name: statement.string(at: 2)!)
        }
    }

    private func term(where condition: String, _ key: SQLiteValue, now: Timestamp, in db: Connection) throws -> Term? {
        try db.withStatement("SELECT \(columns) FROM \(table) t WHERE \(condition)") { statement in
            try statement.bind(key, named: ":key")
            try statement.bind(now.milliseconds, named: ":now")
            return try statement.step() ? readTerm(statement) : nil
        }
    }

    /// Terms in name order; with a prefix, those whose name or slug starts with it.
    func list(prefix: String?, limit: Int, now: Timestamp, in db: Connection) throws -> [Term] {
        // A prefix is a range on the UNIQUE indexes of name and slug: [prefix, prefix + U+10FFFF).
        let condition = prefix == nil ? "" : "WHERE (t.name >= :from AND t.name < :to) OR (t.slug >= :from AND t.slug < :to)"
        return try db.withStatement("SELECT \(columns) FROM \(table) t \(condition) ORDER BY t.name LIMIT :limit") { statement in
            try statement.bind(now.milliseconds, named: ":now")
            try statement.bind(limit, named: ":limit")
            if let prefix {
                try statement.bind(prefix, named: ":from")
                try statement.bind(prefix + "\u{10FFFF}", named: ":to")
            }
            return try statement.mapRows(readTerm)
        }
    }

    private func readTerm(_ row: Statement) -> Term {
        Term(
            kind: kind, id: row.int64(at: 0), slug: row.string(at: 1)!, name: row.string(at: 2)!,
            description: row.string(at: 3), articleCount: row.int(at: 6),
            createdAt: Timestamp(milliseconds: row.int64(at: 4)), updatedAt: Timestamp(milliseconds: row.int64(at: 5)))
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

import SQLite

/// The rules for categories and tags: unique names and slugs, slugs generated from names,
/// and no category deleted while articles still use it (unless they are moved first).
///
/// A change to a term's name, slug or description, and a deletion, purges HTTP caches of
/// what shows it (`purge`); a new term shows nowhere public until an article uses it.
public final class TermService: Sendable {
    private let database: NewsDatabase
    private let purges: CachePurges
    private let clock: @Sendable () -> Timestamp
    private let audit = AuditLog()

    public init(database: NewsDatabase, purges: CachePurges = .none, clock: @escaping @Sendable () -> Timestamp = Timestamp.now) {
        self.database = database
        self.purges = purges
        self.clock = clock
    }

    public static let listLimit = 1...500

    /// Terms in name order. Readers see only the terms that hold a public article: a tag or
    /// category whose articles are all drafts or scheduled would give away what is coming.
    /// `articleCount` counts public articles for everyone.
    public func list(_ kind: TermKind, prefix: String? = nil, limit: Int = 100, for audience: Audience) throws -> [Term] {
        let now = clock()
        let limit = Self.listLimit.clamp(limit)
        let prefix = prefix.map { String($0.trimmingWhitespace) }.flatMap { $0.isEmpty ? nil : $0 }
        return try database.read { db in
            try TermRepository(kind: kind).list(prefix: prefix, limit: limit, now: now, for: audience, in: db)
        }
    }

    /// Finds a term by id or slug; for readers, only one that holds a public article.
    public func term(_ kind: TermKind, _ key: String, for audience: Audience) throws -> Term {
        let now = clock()
        return try database.read { db in
            guard let term = try TermRepository(kind: kind).term(idOrSlug: key, now: now, for: audience, in: db) else {
                throw NewsStoreError.notFound(kind.rawValue)
            }
            return term
        }
    }

    public func create(_ kind: TermKind, _ input: TermInput, by principal: Principal) throws -> Term {
        var rules = FieldRules()
        let name = rules.text(input.name, at: "/name", max: Limits.termNameLength, required: true)
        let description = rules.text(input.description ?? nil, at: "/description", max: Limits.termDescriptionLength)
        if let slug = input.slug, !Slug.isValid(slug) { rules.add("/slug", Self.slugRule) }
        guard rules.errors.isEmpty, let name else { throw NewsStoreError.invalid(rules.errors) }
        let now = clock()
        return try database.write { db in
            let repository = TermRepository(kind: kind)
            if try repository.nameTaken(name, in: db) {
                throw NewsStoreError.conflict("A \(kind.rawValue) named '\(name)' already exists.")
            }
            let slug: String
            if let given = input.slug {
                if try repository.slugTaken(given, in: db) {
                    throw NewsStoreError.conflict("A \(kind.rawValue) with the slug '\(given)' already exists.")
                }
                slug = given
            } else {
                let base = Slug.make(from: name)
                slug = try repository.uniqueSlug(from: base.isEmpty ? kind.rawValue : base, in: db)
            }
            let id = try repository.insert(slug: slug, name: name, description: description, now: now, in: db)
            try audit.record("\(kind.rawValue).create", object: "\(kind.rawValue):\(id)", summary: name, by: principal, at: now, in: db)
            return try repository.term(idOrSlug: String(id), now: now, for: .editor, in: db)!
        }
    }

    /// Changes the fields `input` carries; the others stay.
    public func update(_ kind: TermKind, _ key: String, _ input: TermInput, by principal: Principal) throws -> Term {
        var rules = FieldRules()
        let name = input.name == nil ? nil : rules.text(input.name, at: "/name", max: Limits.termNameLength, required: true)
        let description = input.description.map { rules.text($0, at: "/description", max: Limits.termDescriptionLength) }
        if let slug = input.slug, !Slug.isValid(slug) { rules.add("/slug", Self.slugRule) }
        guard rules.errors.isEmpty else { throw NewsStoreError.invalid(rules.errors) }
        let now = clock()
        return try database.write { db in
            let repository = TermRepository(kind: kind)
            guard let current = try repository.term(idOrSlug: key, now: now, for: .editor, in: db) else {
                throw NewsStoreError.notFound(kind.rawValue)
            }
            let newName = name ?? current.name
            let newSlug = input.slug ?? current.slug
            if try repository.nameTaken(newName, excluding: current.id, in: db) {
                throw NewsStoreError.conflict("A \(kind.rawValue) named '\(newName)' already exists.")
            }
            if try repository.slugTaken(newSlug, excluding: current.id, in: db) {
                throw NewsStoreError.conflict("A \(kind.rawValue) with the slug '\(newSlug)' already exists.")
            }
            try repository.update(
                id: current.id, slug: newSlug, name: newName, description: description ?? current.description, now: now, in: db)
            try purge(kind, current.id, in: db, at: now)
            if newName != current.name || newSlug != current.slug {
                try repository.touchLinkedArticles(id: current.id, now: now, in: db)
                if kind == .tag {
                    try ArticleWriter().refreshTagCopies(ofArticles: repository.taggedArticleIDs(tag: current.id, in: db), in: db)
                }
            }
            try audit.record(
                "\(kind.rawValue).update", object: "\(kind.rawValue):\(current.id)", summary: newName, by: principal, at: now, in: db)
            return try repository.term(idOrSlug: String(current.id), now: now, for: .editor, in: db)!
        }
    }

    /// Deletes a term. A category that articles still use is refused unless `moveTo` names
    /// another category to move them to first; a tag is simply removed from its articles.
    public func delete(_ kind: TermKind, _ key: String, moveTo: String? = nil, by principal: Principal) throws {
        let now = clock()
        try database.write { db in
            let repository = TermRepository(kind: kind)
            guard let current = try repository.term(idOrSlug: key, now: now, for: .editor, in: db) else {
                throw NewsStoreError.notFound(kind.rawValue)
            }
            var summary = current.name
            try purge(kind, current.id, in: db, at: now)
            if kind == .category, try repository.linkedArticleCount(id: current.id, in: db) > 0 {
                guard let moveTo else {
                    throw NewsStoreError.conflict(
                        "The category still holds articles; give move_to with another category to move them there first.")
                }
                guard let target = try repository.reference(key: moveTo, in: db), target.id != current.id else {
                    throw NewsStoreError.invalid([FieldError("/move_to", "must name another existing category")])
                }
                try purges.append([CacheKey.category(target.id)], at: now, in: db)
                try repository.moveArticles(fromCategory: current.id, to: target.id, now: now, in: db)
                summary += ", articles moved to category:\(target.id)"
            } else {
                try repository.touchLinkedArticles(id: current.id, now: now, in: db)
            }
            let tagged = kind == .tag ? try repository.taggedArticleIDs(tag: current.id, in: db) : []
            try repository.delete(id: current.id, in: db)
            try ArticleWriter().refreshTagCopies(ofArticles: tagged, in: db)
            try audit.record("\(kind.rawValue).delete", object: "\(kind.rawValue):\(current.id)", summary: summary, by: principal, at: now, in: db)
        }
    }

    /// Purges everything that shows term `id`: its own responses, the lists, searches, feeds
    /// and sitemaps (which name terms or link to their pages), and each linked article.
    private func purge(_ kind: TermKind, _ id: Int64, in db: Connection, at now: Timestamp) throws {
        guard !purges.targets.isEmpty else { return }
        var keys = KeySet([CacheKey.term(kind, id), CacheKey.list, CacheKey.search, CacheKey.feed, CacheKey.sitemap])
        for article in try TermRepository(kind: kind).linkedArticleIDs(id: id, in: db) { keys.insert(CacheKey.article(article)) }
        try purges.append(keys.keys, at: now, in: db)
    }

    private static let slugRule = "must be 1 to \(Slug.maxLength) lowercase letters, digits or single hyphens, and not only digits"
}

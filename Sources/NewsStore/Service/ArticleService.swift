import JSON
import SQLite

/// The rules for articles: who sees what, how slugs and publication times are decided, and
/// what a write must satisfy. Reads run on a pooled reader (one snapshot each), writes in one
/// transaction each on the single writer.
public final class ArticleService: Sendable {
    private let database: NewsDatabase
    private let clock: @Sendable () -> Timestamp
    private let repository = ArticleRepository()
    private let writer = ArticleWriter()
    private let relatedSelector: RelatedSelector
    private let relatedSelections = RelatedSelectionCache()
    /// Renders related summaries for `relatedSummaries`; nil reads them afresh every time.
    private let relatedRenderer: (any RelatedSummaryRendering)?
    private let relatedSummaries: RelatedSummaryCache
    private let events: ArticleEvents
    private let audit = AuditLog()
    private let revisions: RevisionLog

    /// How many related articles a detail shows unless configured otherwise.
    public static let defaultRelatedCount = 5
    /// The related counts that may be configured: up to as many links as editors may set.
    public static let relatedCounts = 0...Limits.relatedArticles
    /// Bytes of readers' related summaries kept unless configured otherwise (see `RelatedSummaryCache`).
    public static let defaultRelatedCacheSize = RelatedSummaryCache.defaultCapacity
    /// How many revisions of each article are kept unless configured otherwise (besides those
    /// that were public, which are all kept), and the counts that may be configured.
    public static let defaultRevisionsKept = RevisionLog.defaultKept
    public static let revisionsKeptCounts = RevisionLog.keptCounts

    /// `relatedCount`: how many related articles a detail shows at least, the editors' links
    /// first and then suggestions (see `RelatedSelector`); 0 suggests nothing. `events` decides
    /// what each write announces to the outside, in the write's transaction. `revisionsKept`:
    /// the newest revisions of an article retention keeps, besides those that were public.
    /// With a `relatedRenderer`, readers' related lists are spliced from summaries it rendered
    /// and the service keeps, up to `relatedCacheSize` bytes (see `RelatedSummaryCache`).
    public init(
        database: NewsDatabase, events: ArticleEvents, clock: @escaping @Sendable () -> Timestamp = Timestamp.now,
        relatedCount: Int = ArticleService.defaultRelatedCount, revisionsKept: Int = ArticleService.defaultRevisionsKept,
        relatedRenderer: (any RelatedSummaryRendering)? = nil, relatedCacheSize: Int = ArticleService.defaultRelatedCacheSize
    ) {
        self.database = database
        self.events = events
        self.clock = clock
        relatedSelector = RelatedSelector(count: max(0, relatedCount))
        revisions = RevisionLog(kept: max(1, revisionsKept))
        self.relatedRenderer = relatedRenderer
        relatedSummaries = RelatedSummaryCache(capacity: relatedCacheSize)
    }

    // MARK: Reading

    /// Finds an article by id or slug. An old slug answers `.moved`; an article the audience
    /// may not see is not found. Its related articles are the editors' links the audience may
    /// see, then suggestions (public articles only, for editors too: it is the page readers get).
    public func article(_ key: String, for audience: Audience) throws -> ArticleLookup {
        let now = clock()
        // Read before the data, so a write committing meanwhile makes the kept selection stale, never wrong.
        let generation = database.generation
        return try database.read { db in
            let found: Article?
            if let id = Int64(key), id > 0 {
                found = try repository.article(id: id, in: db)
            } else if let article = try repository.article(slug: key, in: db) {
                found = article
            } else if let moved = try repository.redirect(fromSlug: key, in: db) {
                let target = try repository.article(id: moved.id, in: db)
                guard audience == .editor || target?.isPublic(at: now) == true else {
                    throw NewsStoreError.notFound("article")
                }
                return .moved(id: moved.id, slug: moved.slug)
            } else {
                found = nil
            }
            guard var article = found, audience == .editor || article.isPublic(at: now) else {
                throw NewsStoreError.notFound("article")
            }
            try attachRelated(to: &article, for: audience, at: now, generation: generation, in: db)
            // What the next reader's `splicedDetail` splices instead of reading it, rendered
            // only when not kept yet: a web page's read comes here every time.
            if audience == .reader, let relatedRenderer, !relatedSummaries.keeps(article.id, generation: generation) {
                relatedSummaries.store([article.id: Self.members(of: ArticleSummary(article), with: relatedRenderer)], generation: generation)
            }
            return .found(article)
        }
    }

    /// A reader's detail of the article `key` (an id or its current slug) from renderings the
    /// service keeps: its summary's and its related list's. Nil when they are not at hand, or
    /// the key is no public article's id or current slug: `article(_:for:)` answers then, as it
    /// does for editors, and keeps what the next reader's detail splices.
    ///
    /// The same article as `article(_:for: .reader)` gives, in another form: its summary is
    /// kept for the database's generation, as related ones are, so any write reads it afresh.
    /// Its row is one statement, read in no transaction: the summaries of related articles not
    /// kept are read apart, as any kept one was by an earlier read, stale at worst, never
    /// wrong (`RelatedSummaryCache`).
    public func splicedDetail(_ key: String) throws -> SplicedArticle? {
        guard let relatedRenderer else { return nil }
        let now = clock()
        let generation = database.generation
        return try database.readStatementsAlone { db in
            let found: ArticleDetailRow?
            if let id = Int64(key), id > 0 {
                found = try ArticleDetailRow.read(id: id, in: db)
            } else {
                found = try ArticleDetailRow.read(slug: key, in: db)
            }
            guard let row = found, row.isPublic(at: now),
                let summaryMembers = relatedSummaries.members(of: row.id, generation: generation),
                let selection = relatedSelections.selection(of: row.id, generation: generation, at: now)
            else { return nil }
            let related = try renderedRelated(
                selection, count: relatedSelector.count, with: relatedRenderer, at: now, generation: generation, in: db)
            return SplicedArticle(
                id: row.id, summaryMembers: summaryMembers, body: row.body, sources: row.sources, comments: row.comments,
                createdAt: row.createdAt, version: row.version, commentCount: row.commentCount, views: row.views,
                renderedRelated: related)
        }
    }

    /// The article `id` as readers will see it once it is public, whatever its status now:
    /// what a preview link shows. Its related articles are the ones readers get (public ones
    /// only), so a preview never shows another unpublished article.
    public func preview(id: Int64) throws -> Article {
        let now = clock()
        let generation = database.generation
        return try database.read { db in
            guard var article = try repository.article(id: id, in: db) else { throw NewsStoreError.notFound("article") }
            try attachRelated(to: &article, for: .reader, at: now, generation: generation, in: db)
            return article
        }
    }

    /// One page of a listing. Readers only ever list what is public, whatever `query.status` says.
    /// A tag named twice counts once; more than `ArticleQuery.maximumTags` different tags is refused.
    public func list(_ query: ArticleQuery, for audience: Audience) throws -> ArticlePage {
        var query = query
        if audience == .reader { query.status = PublicArticles.status }
        if let cursor = query.cursor, cursor.order != query.order {
            throw NewsStoreError.invalidQuery("The cursor belongs to a listing in another order.")
        }
        var tags: [String] = []
        for tag in query.tags where !tags.contains(tag) { tags.append(tag) }
        guard tags.count <= ArticleQuery.maximumTags else {
            throw NewsStoreError.invalidQuery(ArticleQuery.tooManyTags)
        }
        query.tags = tags
        query.limit = ArticleQuery.limitRange.clamp(query.limit)
        let now = clock()
        // Editors listing published articles see scheduled ones too.
        let publicAt: Timestamp? = audience == .reader ? now : nil
        return try database.read { db in try repository.page(query, publicAt: publicAt, in: db) }
    }

    /// Fills in the editors' links `audience` may see and the suggestions after them. A read
    /// reuses the selection kept for the data at `generation`; a write (nil) makes a fresh one,
    /// since no kept selection knows its change yet.
    private func attachRelated(
        to article: inout Article, for audience: Audience, at now: Timestamp, generation: UInt64?, in db: Connection
    ) throws {
        let selection: RelatedSelection
        if let generation, let kept = relatedSelections.selection(of: article.id, generation: generation, at: now) {
            selection = kept
        } else {
            selection = try relatedSelector.select(for: article, at: now, generation: generation, in: db)
            if let generation { relatedSelections.store(selection, of: article.id, generation: generation) }
        }
        let count = relatedSelector.count
        // Kept renderings pay off for suggestions, which gather on each tag's newest articles,
        // and for editors' links alone too: with suggestions off, splicing links cost 90 µs of
        // CPU per detail against 106 µs reading and rendering them (the 20,000-article
        // benchmark, 64 connections), although links spread over the whole archive.
        if audience == .reader, let generation, let relatedRenderer {
            article.renderedRelated = try renderedRelated(
                selection, count: count, with: relatedRenderer, at: now, generation: generation, in: db)
            return
        }
        // A reader's read finds only public summaries: those are the links readers see.
        let summaries = try repository.summaries(
            ids: selection.linked + selection.suggested, publicAt: audience == .editor ? nil : now, in: db)
        article.related = selection.linked.compactMap { summaries[$0] }
        article.suggestions = Array(selection.suggested.lazy.compactMap { summaries[$0] }.prefix(max(0, count - article.related.count)))
    }

    /// A reader's related list from kept renderings; only the summaries not kept are read
    /// and rendered (and kept). The links shown are the public ones, found so: a kept
    /// summary is a public one, and only public ones are read.
    private func renderedRelated(
        _ selection: RelatedSelection, count: Int, with renderer: any RelatedSummaryRendering, at now: Timestamp,
        generation: UInt64, in db: Connection
    ) throws -> RenderedRelated {
        let linked = selection.linked
        // Links are usually all public; then suggestions fill what they leave of the count.
        var suggested = selection.suggested.prefix(max(0, count - linked.count))
        let shown = linked + suggested
        var rendered = RenderedRelated()
        if relatedSummaries.render(shown, firstSuggested: linked.count, generation: generation, into: &rendered) {
            return rendered
        }
        var members = try publicMembers(of: shown, with: renderer, at: now, generation: generation, in: db)
        let publicLinks = linked.filter { members[$0] != nil }
        if publicLinks.count < linked.count {
            // Links readers may not see leave room for more suggestions.
            suggested = selection.suggested.prefix(max(0, count - publicLinks.count))
            let more = suggested.filter { members[$0] == nil }
            members.merge(try publicMembers(of: more, with: renderer, at: now, generation: generation, in: db)) { kept, _ in kept }
        }
        for id in publicLinks { if let bytes = members[id] { rendered.append(id: id, members: bytes[...], suggested: false) } }
        for id in suggested { if let bytes = members[id] { rendered.append(id: id, members: bytes[...], suggested: true) } }
        return rendered
    }

    /// The rendered members of those of `ids` that are public, by id: kept ones, and the
    /// others read (only public ones are), rendered and kept.
    private func publicMembers(
        of ids: [Int64], with renderer: any RelatedSummaryRendering, at now: Timestamp, generation: UInt64, in db: Connection
    ) throws -> [Int64: [UInt8]] {
        var members = relatedSummaries.members(of: ids, generation: generation)
        let missing = ids.filter { members[$0] == nil }
        guard !missing.isEmpty else { return members }
        var fresh: [Int64: [UInt8]] = [:]
        for (id, summary) in try repository.summaries(ids: missing, publicAt: now, in: db) {
            fresh[id] = Self.members(of: summary, with: renderer)
        }
        relatedSummaries.store(fresh, generation: generation)
        members.merge(fresh) { kept, _ in kept }
        return members
    }

    /// The JSON members of `summary` as `renderer` writes a related item's, as between braces.
    private static func members(of summary: ArticleSummary, with renderer: any RelatedSummaryRendering) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        renderer.writeRelatedMembers(of: summary, to: &writer)
        writer.endObject()
        return Array(writer.bytes.dropFirst().dropLast())
    }

    // MARK: Writing
    //
    // Every write names its `principal`: who owns an article, who made each revision and
    // whom the audit log blames all come from it.

    /// Creates an article owned by `principal`'s identity, if its role may create it so.
    public func create(_ input: ArticleInput, by principal: Principal) throws -> Article {
        let article = try ArticleValidation.validate(input)
        try ArticleAccess.check(.create(article.status), nil, by: principal)
        let now = clock()
        return try database.write { db in
            var created = try insert(article, by: principal, at: now, in: db)
            try audit.record("article.create", object: "article:\(created.id)", summary: created.title, by: principal, at: now, in: db)
            try attachRelated(to: &created, for: .editor, at: now, generation: nil, in: db)
            return created
        }
    }

    /// Inserts a valid article owned by `principal`, deciding its slug and publication time,
    /// and records its events and first revision: what `create` and `importArticles` both do
    /// for each article.
    private func insert(_ article: ValidArticle, by principal: Principal, at now: Timestamp, in db: Connection) throws -> Article {
        let slug: String
        if let given = article.slug {
            guard try !writer.slugTaken(given, in: db) else {
                throw NewsStoreError.conflict("Another article already has the slug '\(given)'.")
            }
            slug = given
        } else {
            let base = Slug.make(from: article.title)
            slug = try writer.uniqueSlug(from: base.isEmpty ? "article" : base, in: db)
        }
        let publishedAt = article.publishedAt ?? (article.status == .published ? now : nil)
        let stamp = ArticleWriter.Stamp(slug: slug, publishedAt: publishedAt, createdAt: now, now: now, version: 1)
        let id = try writer.insert(article, stamp: stamp, createdBy: principal.identity, in: db)
        let created = try repository.article(id: id, in: db)!
        try events.record(before: nil, after: created, at: now, in: db)
        try revisions.record(.create, before: nil, after: created, by: principal, at: now, in: db)
        return created
    }

    /// Replaces an article's content with `input` (a patch is merged into the current content
    /// by the caller). With `expectedVersion`, refuses if someone changed it since. The
    /// ownership rules (`ArticleAccess`) are checked against the article as stored.
    public func update(id: Int64, _ input: ArticleInput, expectedVersion: Int64? = nil, by principal: Principal) throws -> Article {
        let article = try ArticleValidation.validate(input)
        let now = clock()
        return try database.write { db in
            guard let current = try repository.article(id: id, in: db) else { throw NewsStoreError.notFound("article") }
            try ArticleAccess.check(.edit(to: article.status), current, by: principal)
            if let expectedVersion, expectedVersion != current.version {
                throw NewsStoreError.versionMismatch(current: current.version)
            }
            let before = try revisions.snapshot(of: current, in: db)
            var updated = try replace(current, with: article, at: now, in: db)
            try events.record(before: current, after: updated, at: now, in: db)
            try revisions.record(.of(before: current, after: updated), before: before, after: updated, by: principal, at: now, in: db)
            try audit.record("article.update", object: "article:\(id)", summary: updated.title, by: principal, at: now, in: db)
            try attachRelated(to: &updated, for: .editor, at: now, generation: nil, in: db)
            return updated
        }
    }

    /// Makes revision `number` the article's state again, as a new revision: its fields through
    /// the same rules as `update`, ownership included (`reading` turns the snapshot's
    /// input-shaped JSON into an input, as the API reads a write), and, for editors and above
    /// who may set them, its editors' related links, less those to articles deleted since;
    /// below editor the links stay as they are, as an update leaves them. The caller must name
    /// the version it saw: a restore over a change it did not see would silently undo that too.
    public func restore(
        id: Int64, revision number: Int64, expectedVersion: Int64, by principal: Principal, reading: (JSONValue) -> ArticleInput
    ) throws -> Article {
        let now = clock()
        return try database.write { db in
            guard let current = try repository.article(id: id, in: db) else { throw NewsStoreError.notFound("article") }
            let restoration = try revisions.detail(number, of: id, in: db).snapshot.restoration
            let article = try ArticleValidation.validate(reading(restoration.input))
            try ArticleAccess.check(.edit(to: article.status), current, by: principal)
            guard expectedVersion == current.version else { throw NewsStoreError.versionMismatch(current: current.version) }
            let before = try revisions.snapshot(of: current, in: db)
            var restored = try replace(current, with: article, at: now, in: db)
            if principal.role >= .editor {
                let missing = Set(try writer.missingArticles(restoration.related, in: db))
                try writer.replaceRelated(id: id, to: restoration.related.filter { !missing.contains($0) }, in: db)
            }
            try events.record(before: current, after: restored, at: now, in: db)
            try revisions.record(.restore, before: before, after: restored, restoredFrom: number, by: principal, at: now, in: db)
            try audit.record("article.restore", object: "article:\(id)", summary: "revision \(number)", by: principal, at: now, in: db)
            try attachRelated(to: &restored, for: .editor, at: now, generation: nil, in: db)
            return restored
        }
    }

    /// Writes `article` over `current` and reads the result back: the part of an update that
    /// a restore shares.
    private func replace(_ current: Article, with article: ValidArticle, at now: Timestamp, in db: Connection) throws -> Article {
        let slug = article.slug ?? current.slug
        if slug != current.slug, try writer.slugTaken(slug, excluding: current.id, in: db) {
            throw NewsStoreError.conflict("Another article already has the slug '\(slug)'.")
        }
        // A published article keeps its first publication time unless a new one is given;
        // an unpublished one may drop its planned time.
        let publishedAt = article.publishedAt ?? (article.status == .published ? current.publishedAt ?? now : nil)
        let stamp = ArticleWriter.Stamp(
            slug: slug, publishedAt: publishedAt, createdAt: current.createdAt, now: now, version: current.version + 1)
        try writer.update(id: current.id, article, stamp: stamp, previousSlug: current.slug, in: db)
        return try repository.article(id: current.id, in: db)!
    }

    public func delete(id: Int64, expectedVersion: Int64? = nil, by principal: Principal) throws {
        let now = clock()
        try database.write { db in
            guard let current = try repository.article(id: id, in: db) else { throw NewsStoreError.notFound("article") }
            try ArticleAccess.check(.delete, current, by: principal)
            if let expectedVersion, expectedVersion != current.version {
                throw NewsStoreError.versionMismatch(current: current.version)
            }
            try events.record(before: current, after: nil, at: now, in: db)
            _ = try writer.delete(id: id, in: db)
            try audit.record("article.delete", object: "article:\(id)", summary: current.title, by: principal, at: now, in: db)
        }
    }

    /// Sets the editors' related articles, in order, and returns them.
    public func setRelated(id: Int64, to relatedIDs: [Int64], expectedVersion: Int64? = nil, by principal: Principal) throws
        -> [ArticleSummary]
    {
        var errors: [FieldError] = []
        if relatedIDs.count > Limits.relatedArticles {
            errors.append(FieldError("/ids", "must have at most \(Limits.relatedArticles) entries"))
        }
        var seen: Set<Int64> = []
        for (index, relatedID) in relatedIDs.enumerated() {
            if relatedID == id { errors.append(FieldError("/ids/\(index)", "an article cannot be related to itself")) }
            if !seen.insert(relatedID).inserted { errors.append(FieldError("/ids/\(index)", "is listed twice")) }
        }
        let now = clock()
        return try database.write { db in
            guard let current = try repository.article(id: id, in: db) else { throw NewsStoreError.notFound("article") }
            if let expectedVersion, expectedVersion != current.version {
                throw NewsStoreError.versionMismatch(current: current.version)
            }
            for missing in try writer.missingArticles(relatedIDs, in: db) {
                let index = relatedIDs.firstIndex(of: missing)!
                errors.append(FieldError("/ids/\(index)", "no article has this id"))
            }
            guard errors.isEmpty else { throw NewsStoreError.invalid(errors) }
            let before = try revisions.snapshot(of: current, in: db)
            try writer.setRelated(id: id, to: relatedIDs, now: now, in: db)
            let after = try repository.article(id: id, in: db)!
            try revisions.record(.related, before: before, after: after, by: principal, at: now, in: db)
            try audit.record(
                "article.related", object: "article:\(id)", summary: relatedIDs.map(String.init).joined(separator: ","), by: principal,
                at: now, in: db)
            try events.record(before: current, after: after, at: now, in: db)
            return try repository.related(ofArticle: id, publicAt: nil, in: db)
        }
    }

    // MARK: Importing

    /// What `importArticles` did with one batch.
    public struct ImportedBatch: Sendable, Equatable {
        /// The ids of the articles created, in input order.
        public let created: [Int64]
        /// The positions in the batch of the inputs left out because their slug was taken.
        public let skipped: [Int]
    }

    /// Why a batch was refused: the input at `index` broke a rule (`error`), so nothing of
    /// the batch was written.
    public struct ImportRefusal: Error, Sendable, Equatable {
        public let index: Int
        public let error: NewsStoreError
    }

    /// Creates the articles `inputs` in one transaction, each exactly as `create` would
    /// (same validation, slugs, publication times and events) and each with its own audit row,
    /// `article.import`. One transaction a batch is what makes a bulk load fast: one commit
    /// instead of one per article. With `skipExisting`, an input whose given slug an article
    /// already has is left out instead of refused, so a stopped import can be run again.
    public func importArticles(_ inputs: [ArticleInput], skipExisting: Bool, by principal: Principal) throws -> ImportedBatch {
        var valid: [ValidArticle] = []
        valid.reserveCapacity(inputs.count)
        for (index, input) in inputs.enumerated() {
            do {
                valid.append(try ArticleValidation.validate(input))
            } catch {
                throw ImportRefusal(index: index, error: error)
            }
        }
        let now = clock()
        return try database.write { db in
            var created: [Int64] = []
            var skipped: [Int] = []
            for (index, article) in valid.enumerated() {
                if skipExisting, let slug = article.slug, try writer.slugTaken(slug, in: db) {
                    skipped.append(index)
                    continue
                }
                let inserted: Article
                do {
                    inserted = try insert(article, by: principal, at: now, in: db)
                } catch let error as NewsStoreError {
                    throw ImportRefusal(index: index, error: error)
                }
                try audit.record("article.import", object: "article:\(inserted.id)", summary: inserted.title, by: principal, at: now, in: db)
                created.append(inserted.id)
            }
            return ImportedBatch(created: created, skipped: skipped)
        }
    }
}

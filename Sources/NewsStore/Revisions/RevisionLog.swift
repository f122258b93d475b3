import JSON
import SQLite

/// Stores and reads article revisions. `record` runs inside the transaction of the write it
/// describes, so a rolled-back write leaves no revision and a committed one always has one;
/// it also applies retention to that article, so the table never outgrows
/// `kept` revisions per article plus those that were public.
struct RevisionLog {
    /// How many revisions of an article are kept unless configured otherwise.
    static let defaultKept = 50
    /// The counts that may be configured: at least the current one.
    static let keptCounts = 1...1_000_000

    let kept: Int

    /// The article as a revision holds it, with its current editors' links.
    func snapshot(of article: Article, in db: Connection) throws -> RevisionSnapshot {
        RevisionSnapshot(article, related: try relatedIDs(of: article.id, in: db))
    }

    /// Records the change that turned `before` (nil: the article was created) into `after`,
    /// and returns its number. An article older than revisions gets its `before` recorded
    /// first as a baseline, so restoring what it was is possible too.
    @discardableResult
    func record(
        _ action: RevisionAction, before: RevisionSnapshot?, after: Article, restoredFrom: Int64? = nil, by principal: Principal,
        at now: Timestamp, in db: Connection
    ) throws -> Int64 {
        let id = after.id
        var latest = try latestNumber(of: id, in: db)
        if latest == nil, let before {
            let members = before.members
            let publishedAt =
                members["status"]?.stringValue == ArticleStatus.published.rawValue
                ? members["published_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) : nil
            try insert(
                RevisionRow(
                    number: 1, at: Timestamp(rfc3339: members["updated_at"]?.stringValue ?? "") ?? now, principal: .system,
                    action: .baseline, changed: [], restoredFrom: nil, publishedAt: publishedAt, snapshot: before),
                of: id, in: db)
            latest = 1
        }
        let snapshot = try self.snapshot(of: after, in: db)
        let changed = before.map { Self.changedFields(from: $0, to: snapshot) } ?? Self.filledFields(of: snapshot)
        if let latest {
            try db.withStatement("UPDATE article_revisions SET superseded_at = ? WHERE article_id = ? AND number = ?") { statement in
                try statement.bind([.integer(now.milliseconds), .integer(id), .integer(latest)])
                try statement.executeUpdate()
            }
        }
        let number = (latest ?? 0) + 1
        try insert(
            RevisionRow(
                number: number, at: now, principal: principal, action: action, changed: changed, restoredFrom: restoredFrom,
                publishedAt: after.status == .published ? after.publishedAt : nil, snapshot: snapshot),
            of: id, in: db)
        try prune(articleID: id, newest: number, in: db)
        return number
    }

    /// Removes the article's revisions older than the newest `kept` that were never public.
    private func prune(articleID: Int64, newest: Int64, in db: Connection) throws {
        guard newest > Int64(kept) else { return }
        try db.withStatement(
            """
            DELETE FROM article_revisions
            WHERE article_id = ?1 AND number <= ?2
              AND NOT (published_at IS NOT NULL AND published_at < superseded_at)
            """
        ) { statement in
            try statement.bind([.integer(articleID), .integer(newest - Int64(kept))])
            try statement.executeUpdate()
        }
    }

    // MARK: Reading

    func latestNumber(of articleID: Int64, in db: Connection) throws -> Int64? {
        try db.withStatement("SELECT max(number) FROM article_revisions WHERE article_id = ?") { statement in
            try statement.bind(articleID, at: 1)
            _ = try statement.step()
            return statement.isNull(at: 0) ? nil : statement.int64(at: 0)
        }
    }

    /// The article's revisions older than `cursor` (all when nil), newest first, one more than
    /// `limit` when there are more.
    func revisions(of articleID: Int64, after cursor: RevisionCursor?, limit: Int, in db: Connection) throws -> [Revision] {
        try db.withStatement(
            """
            SELECT \(Self.columns) FROM article_revisions
            WHERE article_id = ? AND number < ? ORDER BY number DESC LIMIT ?
            """
        ) { statement in
            try statement.bind([.integer(articleID), .integer(cursor?.number ?? Int64.max), .integer(Int64(limit + 1))])
            return try statement.mapRows { row in Self.revision(row, articleID: articleID) }
        }
    }

    /// Revision `number` of the article with its snapshot. Throws `RevisionPruned` for a
    /// number retention removed, and not found for one that never existed.
    func detail(_ number: Int64, of articleID: Int64, in db: Connection) throws -> RevisionDetail {
        let found = try db.withStatement("SELECT \(Self.columns), snapshot FROM article_revisions WHERE article_id = ? AND number = ?") {
            statement in
            try statement.bind([.integer(articleID), .integer(number)])
            return try statement.mapRows { row in
                RevisionDetail(
                    revision: Self.revision(row, articleID: articleID),
                    snapshot: RevisionSnapshot(storedJSON: Array((row.string(at: 9) ?? "").utf8)))
            }.first
        }
        if let found { return found }
        if number >= 1, let latest = try latestNumber(of: articleID, in: db), number < latest {
            throw RevisionPruned(articleID: articleID, number: number)
        }
        throw NewsStoreError.notFound("revision")
    }

    // MARK: Rows

    private struct RevisionRow {
        let number: Int64
        let at: Timestamp
        let principal: Principal
        let action: RevisionAction
        let changed: [String]
        let restoredFrom: Int64?
        /// The article's publication time when it is published (or scheduled) in this revision.
        let publishedAt: Timestamp?
        let snapshot: RevisionSnapshot
    }

    private func insert(_ row: RevisionRow, of articleID: Int64, in db: Connection) throws {
        var changed = JSONWriter()
        changed.beginArray()
        for field in row.changed { changed.string(field) }
        changed.endArray()
        try db.withStatement(
            """
            INSERT INTO article_revisions (article_id, number, at, identity, role, action, changed, restored_from, published_at, snapshot)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ) { statement in
            try statement.bind([
                .integer(articleID), .integer(row.number), .integer(row.at.milliseconds), .text(row.principal.identity),
                .text(row.principal.role.rawValue), .text(row.action.rawValue), .text(String(decoding: changed.bytes, as: UTF8.self)),
                row.restoredFrom.map(SQLiteValue.integer) ?? .null, row.publishedAt.map { .integer($0.milliseconds) } ?? .null,
                .text(String(decoding: row.snapshot.json, as: UTF8.self)),
            ])
            try statement.executeUpdate()
        }
    }

    private static let columns = "number, at, identity, role, action, changed, restored_from, published_at, superseded_at"

    private static func revision(_ row: Statement, articleID: Int64) -> Revision {
        let changed = (try? JSONParser.parse(Array((row.string(at: 5) ?? "[]").utf8)))?.arrayValue ?? []
        return Revision(
            articleID: articleID, number: row.int64(at: 0), at: Timestamp(milliseconds: row.int64(at: 1)),
            identity: row.string(at: 2) ?? "", role: row.string(at: 3) ?? "",
            action: RevisionAction(rawValue: row.string(at: 4) ?? "") ?? .update, changed: changed.compactMap(\.stringValue),
            restoredFrom: row.isNull(at: 6) ? nil : row.int64(at: 6), publishedAt: row.timestamp(at: 7), supersededAt: row.timestamp(at: 8))
    }

    private func relatedIDs(of articleID: Int64, in db: Connection) throws -> [Int64] {
        try db.withStatement("SELECT related_id FROM related_articles WHERE article_id = ? ORDER BY position") { statement in
            try statement.bind(articleID, at: 1)
            return try statement.mapRows { $0.int64(at: 0) }
        }
    }

    // MARK: Changed fields

    static func changedFields(from old: RevisionSnapshot, to new: RevisionSnapshot) -> [String] {
        let before = old.members
        let after = new.members
        return RevisionSnapshot.fields.filter { (before[$0] ?? .null) != (after[$0] ?? .null) }
    }

    /// The fields a new article has: every one not null or empty.
    static func filledFields(of snapshot: RevisionSnapshot) -> [String] {
        let members = snapshot.members
        return RevisionSnapshot.fields.filter { field in
            switch members[field] {
            case nil, .null?: false
            case .array(let elements)?: !elements.isEmpty
            default: true
            }
        }
    }
}

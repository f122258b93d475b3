import SQLite

/// The SQL of comments: the public list in thread order, the moderation queue, writes, the
/// per-article count, the duplicate check and the address retention. Every method takes the
/// connection, so the service can keep a change and its count in one transaction.
struct CommentRepository {
    /// What the public sees of an article's comments, for the row aliased `c`: approved, on an
    /// approved top comment (a reply under a comment moderated away is hidden with it), and a
    /// tombstone only while it still has an approved reply to stand above.
    private static let publiclyVisible = """
        c.status = 'approved'
        AND (c.parent_id IS NULL OR EXISTS (SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'approved'))
        AND (c.deleted_at IS NULL
             OR EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.status = 'approved' AND r.deleted_at IS NULL))
        """

    private struct Columns {
        let id: Int
        let articleID: Int
        let parentID: Int
        let status: Int
        let authorName: Int
        let authorEmail: Int
        let body: Int
        let clientAddress: Int
        let createdAt: Int
        let updatedAt: Int
        let deletedAt: Int
        let threadID: Int

        init(_ list: inout SelectList) {
            id = list.column("c.id")
            articleID = list.column("c.article_id")
            parentID = list.column("c.parent_id")
            status = list.column("c.status")
            authorName = list.column("c.author_name")
            authorEmail = list.column("c.author_email")
            body = list.column("c.body")
            clientAddress = list.column("c.client_address")
            createdAt = list.column("c.created_at")
            updatedAt = list.column("c.updated_at")
            deletedAt = list.column("c.deleted_at")
            threadID = list.column("c.thread_id")
        }

        func read(_ row: Statement) -> Comment {
            Comment(
                id: row.int64(at: id), articleID: row.int64(at: articleID), parentID: row.isNull(at: parentID) ? nil : row.int64(at: parentID),
                status: row.string(at: status).flatMap(CommentStatus.init(rawValue:)) ?? .pending, authorName: row.string(at: authorName),
                authorEmail: row.string(at: authorEmail), body: row.string(at: body), clientAddress: row.string(at: clientAddress),
                createdAt: Timestamp(milliseconds: row.int64(at: createdAt)), updatedAt: Timestamp(milliseconds: row.int64(at: updatedAt)),
                isDeleted: !row.isNull(at: deletedAt))
        }
    }

    private static let commentRow: (sql: String, columns: Columns) = {
        var list = SelectList()
        let columns = Columns(&list)
        return (list.sql, columns)
    }()

    /// A comment with its article, for the moderation queue.
    private static let moderatedRow: (sql: String, columns: Columns, articleID: Int, slug: Int, title: Int) = {
        var list = SelectList()
        let columns = Columns(&list)
        let articleID = list.column("a.id")
        let slug = list.column("a.slug")
        let title = list.column("a.title")
        return (list.sql, columns, articleID, slug, title)
    }()

    func comment(id: Int64, in db: Connection) throws -> Comment? {
        let row = Self.commentRow
        return try db.withStatement("SELECT \(row.sql) FROM comments c WHERE c.id = ?") { statement in
            try statement.bind(id, at: 1)
            return try statement.step() ? row.columns.read(statement) : nil
        }
    }

    /// A comment with its article, as the moderation queue shows it.
    func moderated(id: Int64, in db: Connection) throws -> ModeratedComment? {
        let row = Self.moderatedRow
        return try db.withStatement("SELECT \(row.sql) FROM comments c CROSS JOIN articles a ON a.id = c.article_id WHERE c.id = ?") {
            statement in
            try statement.bind(id, at: 1)
            return try statement.step() ? Self.readModerated(statement) : nil
        }
    }

    private static func readModerated(_ statement: Statement) -> ModeratedComment {
        let row = moderatedRow
        return ModeratedComment(
            comment: row.columns.read(statement),
            article: ArticleReference(
                id: statement.int64(at: row.articleID), slug: statement.string(at: row.slug)!, title: statement.string(at: row.title)!))
    }

    /// The id of the article `key` names (id, current or former slug), whatever its status:
    /// the moderation queue's filter, for editors.
    func articleID(_ key: String, in db: Connection) throws -> Int64? {
        if let id = Int64(key), id > 0 {
            return try db.exists("SELECT 1 FROM articles WHERE id = ?", [.integer(id)]) ? id : nil
        }
        return try db.withStatement(
            "SELECT id FROM articles WHERE slug = ?1 UNION ALL SELECT article_id FROM slug_redirects WHERE slug = ?1 LIMIT 1"
        ) { statement in
            try statement.bind(key, at: 1)
            return try statement.step() ? statement.int64(at: 0) : nil
        }
    }

    /// Whether readers may comment on the article, when the public may see it at `now`; nil
    /// when it is not public (a draft, archived, scheduled, or no such article).
    func publicArticleAccess(id: Int64, at now: Timestamp, in db: Connection) throws -> CommentAccess? {
        try db.withStatement("SELECT a.comments FROM articles a WHERE a.id = ?1 AND \(PublicArticles.condition("a", now: "?2"))") { statement in
            try statement.bind([.integer(id), .integer(now.milliseconds)])
            return try statement.step() ? CommentAccess(rawValue: statement.string(at: 0) ?? "") ?? .open : nil
        }
    }

    /// One page of an article's public comments: each top comment, oldest first, followed by
    /// its replies, oldest first. Keyset pages on (thread, id).
    func publicPage(articleID: Int64, limit: Int, after cursor: Cursor?, in db: Connection) throws -> CommentPage<Comment> {
        let row = Self.commentRow
        let rows = try db.withStatement(
            """
            SELECT \(row.sql) FROM comments c
            WHERE c.article_id = ?1 AND \(Self.publiclyVisible) AND (c.thread_id, c.id) > (?2, ?3)
            ORDER BY c.thread_id, c.id LIMIT ?4
            """
        ) { statement in
            try statement.bind([
                .integer(articleID), .integer(cursor?.sortAt ?? 0), .integer(cursor?.id ?? 0), .integer(Int64(limit + 1)),
            ])
            return try statement.mapRows { (comment: row.columns.read($0), thread: $0.int64(at: row.columns.threadID)) }
        }
        let items = rows.prefix(limit)
        let next = rows.count > limit ? items.last.map { Cursor(order: .oldestFirst, sortAt: $0.thread, id: $0.comment.id) } : nil
        return CommentPage(items: items.map(\.comment), nextCursor: next)
    }

    /// One page of the moderation queue, newest first; tombstones are not in it.
    func moderationPage(status: CommentStatus?, articleID: Int64?, limit: Int, after cursor: Cursor?, in db: Connection) throws
        -> CommentPage<ModeratedComment>
    {
        let row = Self.moderatedRow
        // Only the filters given are in the SQL, so each of the four texts walks one index in
        // order (`?1 IS NULL OR …` would keep SQLite from using any) and stops after a page.
        var conditions = ["c.deleted_at IS NULL", "(c.created_at, c.id) < (?3, ?4)"]
        if status != nil { conditions.append("c.status = ?1") }
        if articleID != nil { conditions.append("c.article_id = ?2") }
        return try db.withStatement(
            """
            SELECT \(row.sql) FROM comments c CROSS JOIN articles a ON a.id = c.article_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY c.created_at DESC, c.id DESC LIMIT ?5
            """
        ) { statement in
            try statement.bind([
                status.map { .text($0.rawValue) } ?? .null, articleID.map(SQLiteValue.integer) ?? .null,
                .integer(cursor?.sortAt ?? .max), .integer(cursor?.id ?? .max), .integer(Int64(limit + 1)),
            ])
            let rows = try statement.mapRows(Self.readModerated)
            let items = Array(rows.prefix(limit))
            let next =
                rows.count > limit
                ? items.last.map { Cursor(order: .newestFirst, sortAt: $0.comment.createdAt.milliseconds, id: $0.comment.id) } : nil
            return CommentPage(items: items, nextCursor: next)
        }
    }

    /// Inserts a comment and returns its id; without a parent it is a top comment.
    func insert(
        articleID: Int64, parentID: Int64?, status: CommentStatus, _ comment: ValidComment, sender: CommentSender, now: Timestamp,
        in db: Connection
    ) throws -> Int64 {
        try db.withStatement(
            """
            INSERT INTO comments (article_id, parent_id, thread_id, status, author_name, author_email, body,
                                  client_address, client_key, created_at, updated_at)
            VALUES (?1, ?2, coalesce(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
            """
        ) { statement in
            try statement.bind([
                .integer(articleID), parentID.map(SQLiteValue.integer) ?? .null, .text(status.rawValue), .text(comment.authorName),
                comment.authorEmail.map(SQLiteValue.text) ?? .null, .text(comment.body), sender.address.map(SQLiteValue.text) ?? .null,
                .text(sender.key), .integer(now.milliseconds),
            ])
            try statement.executeUpdate()
        }
        let id = db.lastInsertRowID
        if parentID == nil {
            // A top comment is its own thread, whose id is known once the row exists.
            try db.withStatement("UPDATE comments SET thread_id = id WHERE id = ?1") { statement in
                try statement.bind(id, at: 1)
                try statement.executeUpdate()
            }
        }
        return id
    }

    func setStatus(_ status: CommentStatus, id: Int64, now: Timestamp, in db: Connection) throws {
        try db.withStatement("UPDATE comments SET status = ?2, updated_at = ?3 WHERE id = ?1") { statement in
            try statement.bind([.integer(id), .text(status.rawValue), .integer(now.milliseconds)])
            try statement.executeUpdate()
        }
    }

    /// Whether the comment has approved replies that are not themselves deleted.
    func hasApprovedReplies(_ id: Int64, in db: Connection) throws -> Bool {
        try db.exists("SELECT 1 FROM comments WHERE parent_id = ? AND status = 'approved' AND deleted_at IS NULL", [.integer(id)])
    }

    /// Keeps the comment as a tombstone: its place in the thread, nothing of what was written
    /// or who wrote it.
    func makeTombstone(_ id: Int64, now: Timestamp, in db: Connection) throws {
        try db.withStatement(
            """
            UPDATE comments SET author_name = NULL, author_email = NULL, body = NULL, client_address = NULL, client_key = NULL,
                deleted_at = ?2, updated_at = ?2
            WHERE id = ?1
            """
        ) { statement in
            try statement.bind([.integer(id), .integer(now.milliseconds)])
            try statement.executeUpdate()
        }
    }

    /// Deletes the comment and, by the foreign key, its replies.
    func delete(_ id: Int64, in db: Connection) throws {
        try db.withStatement("DELETE FROM comments WHERE id = ?") { statement in
            try statement.bind(id, at: 1)
            try statement.executeUpdate()
        }
    }

    /// Rewrites the article's `comment_count` from its comments.
    func refreshCount(articleID: Int64, in db: Connection) throws {
        try db.withStatement(
            """
            INSERT INTO comment_counts (article_id, approved)
            SELECT ?1, count(*) FROM comments c WHERE c.article_id = ?1 AND c.deleted_at IS NULL AND \(Self.publiclyVisible)
            ON CONFLICT (article_id) DO UPDATE SET approved = excluded.approved
            """
        ) { statement in
            try statement.bind(articleID, at: 1)
            try statement.executeUpdate()
        }
    }

    /// Whether this client sent this body on this article since `since`.
    func isDuplicate(body: String, articleID: Int64, clientKey: String, since: Timestamp, in db: Connection) throws -> Bool {
        try db.exists(
            "SELECT 1 FROM comments WHERE client_key = ?1 AND article_id = ?2 AND created_at > ?3 AND body = ?4",
            [.text(clientKey), .integer(articleID), .integer(since.milliseconds), .text(body)])
    }

    /// Clears the client address and key of comments written before `before`; returns how
    /// many it cleared.
    func clearAddresses(before: Timestamp, in db: Connection) throws -> Int {
        try db.withStatement(
            "UPDATE comments SET client_address = NULL, client_key = NULL WHERE client_key IS NOT NULL AND created_at < ?1"
        ) { statement in
            try statement.bind(before.milliseconds, at: 1)
            return try statement.executeUpdate()
        }
    }
}

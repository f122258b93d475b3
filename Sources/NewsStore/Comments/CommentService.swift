import SQLite

/// The rules for readers' comments: who may comment where, what a comment must satisfy, what
/// status it starts in, and what moderators may do. Every change to a comment goes through one
/// method here (`create`, `moderate`, `delete`), each one write transaction that also rewrites
/// the article's `comment_count` and appends the change's outbox events (`CommentEvents`).
public final class CommentService: Sendable {
    private let database: NewsDatabase
    private let events: CommentEvents
    private let moderation: CommentModeration
    private let addressRetention: Duration
    private let clock: @Sendable () -> Timestamp
    private let repository = CommentRepository()
    private let bans = CommentBanRepository()
    private let articles = ViewRepository()
    private let audit = AuditLog()

    /// A client's same body on the same article within this span is a duplicate (409): a
    /// double click, or a bot repeating itself.
    public static let duplicateWindow: Duration = .seconds(600)
    /// How long client addresses are kept unless configured otherwise.
    public static let defaultAddressRetentionDays = 90

    public init(
        database: NewsDatabase, events: CommentEvents, moderation: CommentModeration = CommentModeration(),
        addressRetention: Duration = .seconds(Int64(CommentService.defaultAddressRetentionDays) * 86_400),
        clock: @escaping @Sendable () -> Timestamp = Timestamp.now
    ) {
        self.database = database
        self.events = events
        self.moderation = moderation
        self.addressRetention = addressRetention
        self.clock = clock
    }

    // MARK: Readers

    /// Writes a reader's comment on the public article `articleKey` (id, slug or former slug)
    /// and returns it, `pending` or (post-moderation, not held) `approved`.
    ///
    /// In order: a non-public article is not found; a closed one, or a banned sender (by email
    /// or client), is refused without saying which; then the rules (422); then a reply's parent
    /// must be a visible comment of the same article (a reply to a reply joins the top
    /// comment); then the same body from the same client on the same article within
    /// `duplicateWindow` is a conflict.
    ///
    /// The audit log records the comment as an anonymous reader's, sent in the request
    /// `requestID` (not from the sender's address: see `AuditActor.reader`).
    public func create(on articleKey: String, _ input: CommentInput, from sender: CommentSender, requestID: String) throws -> Comment {
        let now = clock()
        return try database.write { db in
            guard let articleID = try articles.publicArticleID(articleKey, at: now, in: db),
                let access = try repository.publicArticleAccess(id: articleID, at: now, in: db)
            else { throw NewsStoreError.notFound("article") }
            guard access == .open else { throw NewsStoreError.refused("Comments are closed on this article.") }
            let email = input.authorEmail.map { String($0.trimmingWhitespace).lowercased() }
            if try bans.isBanned(email: email, clientKey: sender.key, at: now, in: db) {
                throw NewsStoreError.refused("This comment cannot be accepted.")
            }
            let comment = try CommentValidation.validate(input)
            var parentID: Int64?
            if let requested = comment.parentID {
                guard let parent = try repository.comment(id: requested, in: db), parent.articleID == articleID,
                    parent.status == .approved, !parent.isDeleted
                else { throw NewsStoreError.invalid([FieldError("/parent_id", "no comment with this id is shown on this article")]) }
                parentID = parent.parentID ?? parent.id
            }
            if try repository.isDuplicate(
                body: comment.body, articleID: articleID, clientKey: sender.key, since: now.adding(.zero - Self.duplicateWindow), in: db)
            {
                throw NewsStoreError.conflict("The same comment was just sent on this article.")
            }
            let id = try repository.insert(
                articleID: articleID, parentID: parentID, status: moderation.initialStatus(of: comment), comment, sender: sender, now: now,
                in: db)
            try repository.refreshCount(articleID: articleID, in: db)
            let created = try repository.comment(id: id, in: db)!
            try events.record(created, previous: nil, at: now, in: db)
            try audit.record(
                "comment.create", object: "comment:\(id)", summary: "on article:\(articleID), \(created.status.rawValue)",
                as: .reader(requestID: requestID), at: now, in: db)
            return created
        }
    }

    /// A page of the public comments of the public article `articleKey`.
    public func publicComments(on articleKey: String, _ query: CommentListQuery) throws -> CommentPage<Comment> {
        try publicCommentsWithArticle(on: articleKey, query).page
    }

    /// `publicComments(on:_:)` with the id of the article they are on, which names them for caches.
    public func publicCommentsWithArticle(on articleKey: String, _ query: CommentListQuery) throws -> (
        articleID: Int64, page: CommentPage<Comment>
    ) {
        if let cursor = query.cursor, cursor.order != .oldestFirst {
            throw NewsStoreError.invalidQuery("The cursor belongs to another listing.")
        }
        let now = clock()
        return try database.read { db in
            guard let articleID = try articles.publicArticleID(articleKey, at: now, in: db) else {
                throw NewsStoreError.notFound("article")
            }
            let page = try repository.publicPage(
                articleID: articleID, limit: CommentListQuery.limitRange.clamp(query.limit), after: query.cursor, in: db)
            return (articleID, page)
        }
    }

    // MARK: Moderators

    /// A page of the moderation queue, newest first.
    public func moderationQueue(_ query: ModerationQuery) throws -> CommentPage<ModeratedComment> {
        if let cursor = query.cursor, cursor.order != .newestFirst {
            throw NewsStoreError.invalidQuery("The cursor belongs to another listing.")
        }
        return try database.read { db in
            var articleID: Int64?
            if let key = query.article {
                guard let id = try repository.articleID(key, in: db) else { throw NewsStoreError.notFound("article") }
                articleID = id
            }
            return try repository.moderationPage(
                status: query.status, articleID: articleID, limit: ArticleQuery.limitRange.clamp(query.limit), after: query.cursor, in: db)
        }
    }

    /// Sets a comment's status. A deleted comment (a tombstone) is gone for moderation. Setting
    /// the status it has changes nothing and records nothing.
    public func moderate(id: Int64, to status: CommentStatus, by principal: Principal) throws -> ModeratedComment {
        let now = clock()
        return try database.write { db in
            guard let current = try repository.comment(id: id, in: db), !current.isDeleted else {
                throw NewsStoreError.notFound("comment")
            }
            if current.status != status {
                try repository.setStatus(status, id: id, now: now, in: db)
                try repository.refreshCount(articleID: current.articleID, in: db)
                var changed = current
                changed.status = status
                try events.record(changed, previous: current.status, at: now, in: db)
                try audit.record(
                    "comment.moderate", object: "comment:\(id)", summary: "\(current.status.rawValue) → \(status.rawValue)", by: principal,
                    at: now, in: db)
            }
            return try repository.moderated(id: id, in: db)!
        }
    }

    /// Deletes a comment. One with approved replies stays as a tombstone above them; a reply
    /// whose going leaves its deleted parent with no approved reply takes that tombstone along.
    public func delete(id: Int64, by principal: Principal) throws {
        let now = clock()
        try database.write { db in
            guard let current = try repository.comment(id: id, in: db), !current.isDeleted else {
                throw NewsStoreError.notFound("comment")
            }
            if try repository.hasApprovedReplies(id, in: db) {
                try repository.makeTombstone(id, now: now, in: db)
            } else {
                try repository.delete(id, in: db)
                if let parentID = current.parentID, let parent = try repository.comment(id: parentID, in: db), parent.isDeleted,
                    try !repository.hasApprovedReplies(parentID, in: db)
                {
                    try repository.delete(parentID, in: db)
                }
            }
            try repository.refreshCount(articleID: current.articleID, in: db)
            try audit.record(
                "comment.delete", object: "comment:\(id)", summary: "on article:\(current.articleID)", by: principal, at: now, in: db)
            if current.status == .approved { try events.purge(articleOf: current, at: now, in: db) }
        }
    }

    // MARK: Bans

    public func ban(_ input: CommentBanInput, by principal: Principal) throws -> CommentBan {
        var rules = FieldRules(errors: input.readErrors)
        let email = rules.text(input.email, at: "/email", max: CommentValidation.emailLength)?.lowercased()
        let address = rules.text(input.address, at: "/address", max: 64)
        let reason = rules.text(input.reason, at: "/reason", max: 500, required: true)
        // A ban names someone: a blank email or address is a mistake, not an absent member.
        if input.email != nil && (email.map { !CommentValidation.isEmailAddress($0) } ?? true) {
            rules.add("/email", "must be an email address")
        }
        if input.address != nil && (address == nil || input.addressKey == nil) { rules.add("/address", "must be an IPv4 or IPv6 address") }
        if (input.email == nil) == (input.address == nil) && input.readErrors.isEmpty {
            rules.add(email == nil ? "/email" : "/address", "give exactly one of email and address")
        }
        let now = clock()
        if let expires = input.expiresAt, expires <= now { rules.add("/expires_at", "must be in the future") }
        guard rules.errors.isEmpty, let reason else { throw NewsStoreError.invalid(rules.errors) }
        return try database.write { db in
            let ban = try bans.insert(
                email: email, address: address, clientKey: address == nil ? nil : input.addressKey, reason: reason, expiresAt: input.expiresAt,
                now: now, in: db)
            try audit.record("ban.create", object: "ban:\(ban.id)", summary: reason, by: principal, at: now, in: db)
            return ban
        }
    }

    public func allBans() throws -> [CommentBan] {
        try database.read { db in try bans.all(in: db) }
    }

    public func deleteBan(id: Int64, by principal: Principal) throws {
        let now = clock()
        try database.write { db in
            guard try bans.delete(id: id, in: db) else { throw NewsStoreError.notFound("ban") }
            try audit.record("ban.delete", object: "ban:\(id)", by: principal, at: now, in: db)
        }
    }

    // MARK: Retention

    /// Clears the client address of every comment older than the retention; returns how many.
    /// Run periodically (`CommentAddressRetention`); a run that clears some is audited as the
    /// server's own work.
    @discardableResult
    public func clearExpiredAddresses() throws -> Int {
        let now = clock()
        let before = now.adding(.zero - addressRetention)
        return try database.write { db in
            let cleared = try repository.clearAddresses(before: before, in: db)
            if cleared > 0 {
                try audit.record(
                    "comment.clear_addresses", object: "comment:*",
                    summary: "cleared the client address of \(cleared) comments older than \(before.rfc3339)", by: .system, at: now, in: db)
            }
            return cleared
        }
    }
}

/// Reading the audit log, and its one way out: a retention run (`newsstore audit prune`)
/// that records its bound, removes the rows older than it, and is itself audited.
public final class AuditService: Sendable {
    private let database: NewsDatabase
    private let clock: @Sendable () -> Timestamp
    private let repository = AuditRepository()
    private let audit = AuditLog()

    public init(database: NewsDatabase, clock: @escaping @Sendable () -> Timestamp = Timestamp.now) {
        self.database = database
        self.clock = clock
    }

    /// A page of the rows `query` selects, newest first.
    public func entries(_ query: AuditQuery) throws -> AuditPage {
        var before: Int64?
        if let token = query.cursor {
            guard let cursor = RowCursor(.audit, token: token) else {
                throw NewsStoreError.invalidQuery("cursor is not one this API gave out; start again without it.")
            }
            before = cursor.id
        }
        let limit = AuditQuery.limitRange.clamp(query.limit)
        return try database.read { db in
            let rows = try repository.entries(query, before: before, limit: limit + 1, in: db)
            let page = Array(rows.prefix(limit))
            return AuditPage(entries: page, nextCursor: rows.count > limit ? page.last.map { RowCursor(.audit, id: $0.id).token } : nil)
        }
    }

    /// Removes every row older than `before`, which may not be in the future (a bound ahead of
    /// the clock would let rows still to come be deleted). The bound, the removal and the
    /// `audit.prune` row that says so are one transaction.
    public func prune(before: Timestamp, by principal: Principal) throws -> AuditPrune {
        let now = clock()
        guard before <= now else {
            throw NewsStoreError.invalid([FieldError("/before", "must not be in the future")])
        }
        return try database.write { db in
            let (id, removed) = try repository.prune(before: before, identity: principal.identity, now: now, in: db)
            try audit.record(
                "audit.prune", object: "audit_prune:\(id)", summary: "removed \(removed) rows older than \(before.rfc3339)", by: principal,
                at: now, in: db)
            return AuditPrune(id: id, before: before, removed: removed)
        }
    }
}

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

    /// Rows one deletion transaction removes, so a server running beside the command keeps
    /// writing: 173,000 rows in one transaction held the writer 4.8 s, near the 5 s busy
    /// timeout; in batches of 2,000 each holds it about 0.12 s (10.8 s in all, debug build on
    /// a busy machine).
    static let pruneBatch = 2_000

    /// Removes every row older than `before`, which may not be in the future (a bound ahead of
    /// the clock would let rows still to come be deleted). The bound and the `audit.prune` row
    /// that says so are one transaction; the rows then go in batches of `pruneBatch`. Stopped
    /// half-way, the bound is recorded and running it again removes the rest.
    public func prune(before: Timestamp, by principal: Principal) throws -> AuditPrune {
        let now = clock()
        guard before <= now else {
            throw NewsStoreError.invalid([FieldError("/before", "must not be in the future")])
        }
        let id = try database.write { db in
            let due = try repository.count(before: before, in: db)
            let id = try repository.recordBound(before: before, identity: principal.identity, now: now, in: db)
            try audit.record(
                "audit.prune", object: "audit_prune:\(id)", summary: "removed \(due) rows older than \(before.rfc3339)", by: principal, at: now,
                in: db)
            return id
        }
        var removed = 0
        while true {
            let batch = try database.write { db in try repository.deleteBatch(before: before, limit: Self.pruneBatch, in: db) }
            removed += batch
            if batch < Self.pruneBatch { break }
        }
        return AuditPrune(id: id, before: before, removed: removed)
    }
}

/// Which audit rows to list, newest first: every filter given must match (exactly, for the
/// text ones), `since` inclusive and `until` exclusive.
public struct AuditQuery: Sendable, Equatable {
    public var identity: String?
    public var action: String?
    public var object: String?
    public var since: Timestamp?
    public var until: Timestamp?
    public var limit = AuditQuery.defaultLimit
    /// A `nextCursor` from the previous page.
    public var cursor: String?

    public static let defaultLimit = 50
    public static let limitRange = 1...500

    public init(
        identity: String? = nil, action: String? = nil, object: String? = nil, since: Timestamp? = nil, until: Timestamp? = nil,
        limit: Int = AuditQuery.defaultLimit, cursor: String? = nil
    ) {
        self.identity = identity
        self.action = action
        self.object = object
        self.since = since
        self.until = until
        self.limit = limit
        self.cursor = cursor
    }
}

/// A page of audit rows, newest first, and the cursor of the next (older) page, if any.
public struct AuditPage: Sendable, Equatable {
    public let entries: [AuditEntry]
    public let nextCursor: String?
}

/// What a retention run did: its recorded bound and how many rows it removed.
public struct AuditPrune: Sendable, Equatable {
    public let id: Int64
    public let before: Timestamp
    public let removed: Int
}

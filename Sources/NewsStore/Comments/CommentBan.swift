/// A ban: comments from this email or this client address are refused until it expires.
public struct CommentBan: Sendable, Equatable {
    public let id: Int64
    /// Lower case.
    public let email: String?
    public let address: String?
    public let reason: String
    public let createdAt: Timestamp
    public let expiresAt: Timestamp?
}

/// A ban as a moderator writes it: exactly one of `email` and `address`.
public struct CommentBanInput: Sendable, Equatable {
    public var email: String?
    public var address: String?
    /// `address` as the limits count it (see `CommentSender.key`); nil when `address` is not
    /// an IP address.
    public var addressKey: String?
    public var reason: String?
    public var expiresAt: Timestamp?
    public var readErrors: [FieldError] = []

    public init() {}
}

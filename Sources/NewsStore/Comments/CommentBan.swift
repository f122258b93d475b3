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

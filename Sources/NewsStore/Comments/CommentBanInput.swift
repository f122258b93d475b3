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

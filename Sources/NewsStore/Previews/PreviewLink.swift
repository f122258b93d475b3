/// A preview link as its article's editors see it: never its token, which only the answer to
/// its creation carries (inside its URL).
public struct PreviewLink: Sendable, Equatable {
    public let id: Int64
    public let articleID: Int64
    /// The identity of the token that made it.
    public let createdBy: String
    public let createdAt: Timestamp
    public let expiresAt: Timestamp
    public let revokedAt: Timestamp?

    /// Where the link stands at `now`.
    public func state(at now: Timestamp) -> State {
        if revokedAt != nil { return .revoked }
        return now < expiresAt ? .active : .expired
    }

    public enum State: String, Sendable {
        case active
        case expired
        case revoked
    }
}

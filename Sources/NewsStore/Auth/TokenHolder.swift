/// Whom a valid token belongs to and what it may do, as authentication finds it.
public struct TokenHolder: Sendable, Equatable {
    /// The person the token belongs to: its name, or `bootstrap` for the bootstrap token.
    public let identity: String
    public let role: Role

    public init(identity: String, role: Role) {
        self.identity = identity
        self.role = role
    }

    /// The bootstrap token from the environment: it may do everything, like an admin's.
    public static let bootstrap = TokenHolder(identity: "bootstrap", role: .admin)
}

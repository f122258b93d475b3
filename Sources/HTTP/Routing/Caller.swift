/// Who sent a request, as far as its credentials prove: nobody in particular, or the holder of
/// valid credentials with the roles they carry. The router's policy check works it out once and
/// hands it to the handler in its context; handlers never authenticate.
public struct Caller: Sendable, Equatable {
    public let isAuthenticated: Bool
    /// Whom the credentials belong to, as the application names them; empty when anonymous.
    public let identity: String
    /// The roles the credentials grant (`editor`, `admin`…); what a role means is the
    /// application's business, the router only compares names.
    public let roles: Set<String>

    public static let anonymous = Caller(isAuthenticated: false, identity: "", roles: [])

    public static func authenticated(identity: String, roles: Set<String> = []) -> Caller {
        Caller(isAuthenticated: true, identity: identity, roles: roles)
    }

    private init(isAuthenticated: Bool, identity: String, roles: Set<String>) {
        self.isAuthenticated = isAuthenticated
        self.identity = identity
        self.roles = roles
    }
}

/// Who sent a request, as far as its credentials prove: nobody in particular, or the holder of
/// valid credentials with the roles they carry. The router's policy check works it out once and
/// hands it to the handler in its context; handlers never authenticate.
public struct Caller: Sendable, Equatable {
    public let isAuthenticated: Bool
    /// The roles the credentials grant (`editor`, `admin`…); what a role means is the
    /// application's business, the router only compares names.
    public let roles: Set<String>

    public static let anonymous = Caller(isAuthenticated: false, roles: [])

    public static func authenticated(roles: Set<String> = []) -> Caller {
        Caller(isAuthenticated: true, roles: roles)
    }

    private init(isAuthenticated: Bool, roles: Set<String>) {
        self.isAuthenticated = isAuthenticated
        self.roles = roles
    }
}

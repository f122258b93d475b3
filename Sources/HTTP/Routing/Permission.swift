/// Who may call a route, declared where the route is registered.
///
/// Public routes admit anyone (credentials, when sent, are still checked: a wrong one is a
/// `401`, never silently ignored); `token` admits any authenticated caller; `anyRole` admits
/// callers holding one of the named roles. Roles are names the application defines, so adding
/// one needs no change here or in the router.
public struct Permission: Sendable, Hashable, CustomStringConvertible {
    /// Roles of which the caller needs one: nil admits anyone, an empty set any authenticated caller.
    private let roles: Set<String>?
    /// The role a refused caller is told it needs (`required_role` in the `403` problem): for
    /// roles ranked by the application, the least of them. Nil names none.
    public let requiredRole: String?

    public static let `public` = Permission(roles: nil, requiredRole: nil)
    public static let token = Permission(roles: [], requiredRole: nil)

    /// Callers whose credentials grant at least one of `roles`; a refusal names `requiredRole`.
    public static func anyRole(_ roles: Set<String>, requiredRole: String? = nil) -> Permission {
        precondition(!roles.isEmpty, "a role permission names a role")
        precondition(requiredRole.map(roles.contains) ?? true, "the required role is one of the roles")
        return Permission(roles: roles, requiredRole: requiredRole)
    }

    /// Whether a caller without credentials passes.
    public var admitsAnonymous: Bool { roles == nil }

    public func admits(_ caller: Caller) -> Bool {
        guard let roles else { return true }
        return caller.isAuthenticated && (roles.isEmpty || !roles.isDisjoint(with: caller.roles))
    }

    public var description: String {
        switch roles {
        case nil: "public"
        case let roles? where roles.isEmpty: "token"
        case _? where requiredRole != nil: requiredRole!
        case let roles?: "role:" + roles.sorted().joined(separator: "|")
        }
    }
}

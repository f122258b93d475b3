/// Who may call a route, declared where the route is registered.
///
/// Public routes admit anyone (credentials, when sent, are still checked: a wrong one is a
/// `401`, never silently ignored); `token` admits any authenticated caller; `anyRole` admits
/// callers holding one of the named roles. Roles are names the application defines, so adding
/// one needs no change here or in the router.
public struct Permission: Sendable, Hashable, CustomStringConvertible {
    /// Roles of which the caller needs one: nil admits anyone, an empty set any authenticated caller.
    private let roles: Set<String>?

    public static let `public` = Permission(roles: nil)
    public static let token = Permission(roles: [])

    /// Callers whose credentials grant at least one of `roles`.
    public static func anyRole(_ roles: Set<String>) -> Permission {
        precondition(!roles.isEmpty, "a role permission names a role")
        return Permission(roles: roles)
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
        case let roles?: "role:" + roles.sorted().joined(separator: "|")
        }
    }
}

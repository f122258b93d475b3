/// What a token may do, from least to most. Each role holds every right of the ones below it:
/// a `contributor` writes its own drafts, an `author` also publishes its own articles, an
/// `editor` works on every article, term, link and comment, and an `admin` also manages
/// tokens, webhooks, backups and the audit log.
public enum Role: String, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case contributor
    case author
    case editor
    case admin

    /// This role and every role above it: the callers a route needing this role admits.
    public var andAbove: [Role] { Role.allCases.filter { $0 >= self } }

    public var description: String { rawValue }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

import HTTP
import NewsStore

/// `GET /api/v1/audit`: the audit log, newest first, for admins. Filters match exactly
/// (`identity`, `action`, `object`) or bound the time (`since` inclusive, `until` exclusive).
struct AuditRoutes: Sendable {
    let audit: AuditService
    let limits: ClientLimits
    let representation: Representation

    static let path = "/api/v1/audit"
    static let parameters: Set<String> = ["identity", "action", "object", "since", "until", "limit", "cursor"]

    func register(on router: inout Router) {
        router.get(Self.path, .role(.admin), rate: limits.read, query: .only(Self.parameters)) { context in try list(context) }
    }

    private func list(_ context: RequestContext) throws -> Response {
        var query = AuditQuery()
        query.identity = context.query["identity"]
        query.action = context.query["action"]
        query.object = context.query["object"]
        if let since = context.query["since"] { query.since = try QueryRules.time(since, "since") }
        if let until = context.query["until"] { query.until = try QueryRules.time(until, "until") }
        if let limit = context.query["limit"] { query.limit = try QueryRules.limit(limit, in: AuditQuery.limitRange) }
        query.cursor = context.query["cursor"]
        return try representation.respond(to: context.request, audience: .editor) { AuditJSON.page(try audit.entries(query)) }
    }
}

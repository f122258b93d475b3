import NewsStore

/// `newsstore token create|list|revoke`: manages the bearer tokens that may write, each one a
/// person's (`--name`) with a role, as `/api/v1/tokens` does for admins over HTTP.
enum TokenCommand {
    static let help = """
        Usage: newsstore token create --name NAME --role ROLE [--expires SPAN] [options]
               newsstore token list [options]
               newsstore token revoke --name NAME [options]

        create prints a new token once; only its SHA-256 hash is stored, so keep the output.
        list shows each token's id, name, role, creation, expiry, last use (to the minute) and
        state, never the token. revoke stops a person's token from working at once.

        Roles: contributor (writes its own drafts), author (also publishes and deletes its own
        articles), editor (every article, categories, tags, related links, comments), admin
        (also tokens, webhooks, backups, the audit log and metrics).

        Options:
          --name NAME                   the person the token belongs to (create, revoke)
          --role ROLE                   contributor, author, editor or admin (create)
          --expires SPAN                lifetime such as 30m, 24h, 90d or 12w; none: never expires (create)
        \(OptionParser.help(for: Settings.databaseOptions))
          -h, --help                    show this help
        """

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        guard let action = arguments.first else { throw UsageError("token needs an action: create, list or revoke") }
        var rest = Array(arguments.dropFirst())
        let name = try OptionParser.take("--name", from: &rest)
        let role = try OptionParser.take("--role", from: &rest)
        let expires = try OptionParser.take("--expires", from: &rest)
        var settings = Settings()
        try OptionParser.parse(rest[...], options: Settings.databaseOptions, environment: environment, into: &settings)
        switch action {
        case "create":
            guard let name else { throw UsageError("token create needs --name NAME") }
            guard let role else { throw UsageError("token create needs --role ROLE (contributor, author, editor or admin)") }
            guard let known = Role(rawValue: role) else {
                throw UsageError("'\(role)' is not a role; use contributor, author, editor or admin")
            }
            let lifetime = try expires.map { text throws(UsageError) in
                guard let span = TimeSpan.parse(text) else { throw UsageError("--expires must be \(TimeSpan.syntax)") }
                return span
            }
            let database = try DatabaseOpening.open(settings, readers: 1)
            defer { database.close() }
            let created = try TokenService(database: database).create(name: name, role: known, lifetime: lifetime, by: .system)
            print(created.token)
        case "list":
            let database = try DatabaseOpening.open(settings, readers: 1)
            defer { database.close() }
            let now = Timestamp.now()
            print("id\tname\trole\tcreated\texpires\tlast used\tstate")
            for token in try TokenService(database: database).list() {
                let state =
                    token.revokedAt.map { "revoked \($0.rfc3339)" } ?? (token.isExpired(at: now) ? "expired" : "active")
                let columns = [
                    String(token.id), token.name, token.role.rawValue, token.createdAt.rfc3339, token.expiresAt?.rfc3339 ?? "never",
                    token.lastUsedAt?.rfc3339 ?? "never", state,
                ]
                print(columns.joined(separator: "\t"))
            }
        case "revoke":
            guard let name else { throw UsageError("token revoke needs --name NAME") }
            let database = try DatabaseOpening.open(settings, readers: 1)
            defer { database.close() }
            try TokenService(database: database).revoke(name: name, by: .system)
            print("revoked \(name)")
        default:
            throw UsageError("unknown token action '\(action)'; use create, list or revoke")
        }
        return 0
    }
}

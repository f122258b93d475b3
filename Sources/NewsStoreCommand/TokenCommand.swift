import NewsStore

/// `newsstore token create|list|revoke`: manages the bearer tokens that may write.
enum TokenCommand {
    static let help = """
        Usage: newsstore token create --name NAME [options]
               newsstore token list [options]
               newsstore token revoke --name NAME [options]

        create prints a new token once; only its SHA-256 hash is stored, so keep the output.
        list shows names and dates, never tokens. revoke stops a token from working at once.

        Options:
          --name NAME                   the token's name (create, revoke)
        \(OptionParser.help(for: Settings.databaseOptions))
          -h, --help                    show this help
        """

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        guard let action = arguments.first else { throw UsageError("token needs an action: create, list or revoke") }
        var rest = Array(arguments.dropFirst())
        let name = try OptionParser.take("--name", from: &rest)
        var settings = Settings()
        try OptionParser.parse(rest[...], options: Settings.databaseOptions, environment: environment, into: &settings)
        switch action {
        case "create":
            guard let name else { throw UsageError("token create needs --name NAME") }
            let database = try DatabaseOpening.open(settings, readers: 1)
            defer { database.close() }
            let created = try TokenService(database: database).create(name: name, by: .system)
            print(created.token)
        case "list":
            let database = try DatabaseOpening.open(settings, readers: 1)
            defer { database.close() }
            for token in try TokenService(database: database).list() {
                let state = token.revokedAt.map { "revoked \($0.rfc3339)" } ?? "active"
                print("\(token.id)\t\(token.name)\tcreated \(token.createdAt.rfc3339)\t\(state)")
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

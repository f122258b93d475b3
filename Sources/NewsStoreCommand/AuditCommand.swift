import NewsAPI
import NewsStore

/// `newsstore audit [filters]` and `newsstore audit prune --before DATE`: the audit log on the
/// machine that holds the database, as `GET /api/v1/audit` shows it over HTTP.
enum AuditCommand {
    static let help = """
        Usage: newsstore audit [--identity NAME] [--action ACTION] [--object OBJECT]
                               [--since DATE] [--until DATE] [--limit N] [--json] [options]
               newsstore audit prune --before DATE [options]

        Without an action, prints the newest audit rows (every write: who, with which role,
        from which address and request, what action on which object), newest first, as a
        table, or with --json as one JSON object a line (the API's members). Filters match
        exactly; --since is inclusive, --until exclusive.

        prune removes every row older than DATE (not in the future): it records the bound in
        audit_prunes and writes an audit.prune row in one transaction, then deletes the rows
        in short batches (a running server keeps writing). Nothing else can remove a row: the
        database's triggers refuse every other UPDATE and DELETE.

        DATE is an ISO 8601 date or UTC date-time: 2026-01-31 or 2026-01-31T08:00:00Z.

        Options:
          --identity NAME               rows by this identity (a token's name, bootstrap,
                                        system, anonymous)
          --action ACTION               rows of this action, such as article.update
          --object OBJECT               rows about this object, such as article:42
          --since DATE                  rows at or after DATE
          --until DATE                  rows before DATE
          --limit N                     at most N rows (default \(defaultLimit))
          --json                        JSON lines instead of a table
          --before DATE                 (prune) remove the rows older than DATE
        \(OptionParser.help(for: Settings.databaseOptions))
          -h, --help                    show this help
        """

    static let defaultLimit = 50

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        var rest = Array(arguments)
        if rest.first == "prune" {
            rest.removeFirst()
            return try prune(&rest, environment: environment)
        }
        var query = AuditQuery()
        query.identity = try OptionParser.take("--identity", from: &rest)
        query.action = try OptionParser.take("--action", from: &rest)
        query.object = try OptionParser.take("--object", from: &rest)
        query.since = try date(OptionParser.take("--since", from: &rest), "--since")
        query.until = try date(OptionParser.take("--until", from: &rest), "--until")
        var limit = defaultLimit
        if let text = try OptionParser.take("--limit", from: &rest) {
            guard let value = Int(text), value > 0 else { throw UsageError("--limit must be a whole number above 0") }
            limit = value
        }
        let json = rest.contains("--json")
        rest.removeAll { $0 == "--json" }
        var settings = Settings()
        try OptionParser.parse(rest[...], options: Settings.databaseOptions, environment: environment, into: &settings)
        let database = try DatabaseOpening.open(settings, readers: 1)
        defer { database.close() }
        let service = AuditService(database: database)
        var entries: [AuditEntry] = []
        repeat {
            query.limit = min(limit - entries.count, AuditQuery.limitRange.upperBound)
            let page = try service.entries(query)
            entries += page.entries
            query.cursor = page.nextCursor
        } while query.cursor != nil && entries.count < limit
        if json {
            for entry in entries { print(String(decoding: AuditJSON.entry(entry), as: UTF8.self)) }
        } else {
            print(table(entries))
        }
        return 0
    }

    private static func prune(_ rest: inout [String], environment: [String: String]) throws -> Int32 {
        guard let text = try OptionParser.take("--before", from: &rest) else { throw UsageError("audit prune needs --before DATE") }
        let before = try date(text, "--before")!
        var settings = Settings()
        try OptionParser.parse(rest[...], options: Settings.databaseOptions, environment: environment, into: &settings)
        let database = try DatabaseOpening.open(settings, readers: 1)
        defer { database.close() }
        let pruned = try AuditService(database: database).prune(before: before, by: .system)
        print("removed \(pruned.removed) audit rows older than \(pruned.before.rfc3339) (prune \(pruned.id), itself audited)")
        return 0
    }

    private static func date(_ text: String?, _ flag: String) throws -> Timestamp? {
        guard let text else { return nil }
        guard let time = Timestamp(dateOrDateTime: text) else {
            throw UsageError("\(flag) must be an ISO 8601 date or UTC date-time, e.g. 2026-01-31 or 2026-01-31T08:00:00Z")
        }
        return time
    }

    /// Columns padded to their widest cell; the summary, last, runs on.
    private static func table(_ entries: [AuditEntry]) -> String {
        let header = ["AT", "IDENTITY", "ROLE", "ADDRESS", "REQUEST", "ACTION", "OBJECT", "SUMMARY"]
        let rows =
            [header]
            + entries.map { entry in
                [
                    entry.at.rfc3339, entry.identity, entry.role, entry.clientAddress.isEmpty ? "-" : entry.clientAddress,
                    entry.requestID.isEmpty ? "-" : entry.requestID, entry.action, entry.object, entry.summary,
                ]
            }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max()! }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

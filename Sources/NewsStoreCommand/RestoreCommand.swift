import NewsStore

/// `newsstore restore --from FILE`: puts a backup in place of the database, never under a
/// running server.
enum RestoreCommand {
    static let help = """
        Usage: newsstore restore --from FILE [--replace] [options]

        Checks the backup's integrity, then copies it to the database path. An existing
        database is overwritten only with --replace, and never while a server has it open.
        Migrations newer than the backup are then applied, and the restore is recorded in the
        audit log (database.restore, by system).

        Options:
          --from FILE                   the backup to restore
          --replace                     overwrite an existing database (its server stopped)
        \(OptionParser.help(for: Settings.databaseOptions))
          -h, --help                    show this help
        """

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        var rest = Array(arguments)
        guard let backup = try OptionParser.take("--from", from: &rest) else { throw UsageError("restore needs --from FILE") }
        let replace = rest.contains("--replace")
        rest.removeAll { $0 == "--replace" }
        var settings = Settings()
        try OptionParser.parse(rest[...], options: Settings.databaseOptions, environment: environment, into: &settings)
        try NewsDatabase.restore(from: backup, to: settings.databasePath, replace: replace)
        let database = try DatabaseOpening.open(settings, readers: 1)
        defer { database.close() }
        try database.recordRestore(from: backup, by: .system)
        print("restored \(backup) to \(settings.databasePath) (integrity check ok)")
        return 0
    }
}

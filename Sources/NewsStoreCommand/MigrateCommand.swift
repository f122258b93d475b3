import NewsStore

/// `newsstore migrate`: applies pending migrations and exits, for upgrades run before a start.
enum MigrateCommand {
    static let help = """
        Usage: newsstore migrate [options]

        Creates the database file if needed and applies every pending migration, each in one
        transaction (a failing migration leaves the database as it was). `serve` does the same
        on start; this runs it alone.

        Options:
        \(OptionParser.help(for: Settings.databaseOptions))
          -h, --help                    show this help
        """

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        var settings = Settings()
        try OptionParser.parse(arguments, options: Settings.databaseOptions, environment: environment, into: &settings)
        let database = try DatabaseOpening.open(settings, readers: 1)
        defer { database.close() }
        for migration in database.appliedMigrations {
            print("applied \(migration.version) \(migration.name)")
        }
        print("\(settings.databasePath): schema version \(try database.schemaVersion())")
        return 0
    }
}

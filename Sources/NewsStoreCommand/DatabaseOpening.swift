import HTTP
import NewsStore

/// Opens the configured database, applying migrations, for every command that needs it.
enum DatabaseOpening {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// With a logger, statements slower than `settings.slowQueryThreshold` are logged as warnings.
    static func open(_ settings: Settings, readers: Int = 4, logger: Logger? = nil) throws -> NewsDatabase {
        guard let migrations = settings.migrationsDirectory ?? InstalledFolder.migrations() else {
            throw Failure(description: "cannot find the migrations folder; pass --migrations DIR")
        }
        let slowStatements = logger.map { logger in
            (
                threshold: settings.slowQueryThreshold,
                report: { @Sendable (sql: String, duration: Duration) in
                    let (seconds, attoseconds) = duration.components
                    let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
                    logger.warning("slow query", ["ms": String(milliseconds), "sql": sql])
                }
            )
        }
        do {
            return try NewsDatabase(
                path: settings.databasePath, migrationsDirectory: migrations, readers: readers,
                automaticCheckpointPages: settings.walAutocheckpointPages, slowStatements: slowStatements)
        } catch {
            throw Failure(description: "cannot open database '\(settings.databasePath)' with migrations from '\(migrations)': \(error)")
        }
    }
}

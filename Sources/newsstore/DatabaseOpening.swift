import HTTP
import NewsStore

/// Opens the configured database, applying migrations, for every command that needs it.
enum DatabaseOpening {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func open(_ settings: Settings, readers: Int = 4) throws -> NewsDatabase {
        guard let migrations = settings.migrationsDirectory ?? MigrationsLocator.find() else {
            throw Failure(description: "cannot find the migrations folder; pass --migrations DIR")
        }
        do {
            return try NewsDatabase(path: settings.databasePath, migrationsDirectory: migrations, readers: readers)
        } catch {
            throw Failure(description: "cannot open database '\(settings.databasePath)' with migrations from '\(migrations)': \(error)")
        }
    }
}

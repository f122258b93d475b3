import Glibc
import NewsStore

/// `newsstore backup --out FILE`: a consistent online copy of the database, safe to run while
/// a server is serving and writing.
enum BackupCommand {
    static let help = """
        Usage: newsstore backup --out FILE [options]

        Copies the database to FILE with SQLite's online backup API while a server may keep
        serving and writing, then checks the copy with PRAGMA integrity_check. FILE must not
        exist. Progress is shown when standard error is a terminal.

        Options:
          --out FILE                    where to write the copy
        \(OptionParser.help(for: Settings.databaseOptions))
          -h, --help                    show this help
        """

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        var rest = Array(arguments)
        guard let output = try OptionParser.take("--out", from: &rest) else { throw UsageError("backup needs --out FILE") }
        var settings = Settings()
        try OptionParser.parse(rest[...], options: Settings.databaseOptions, environment: environment, into: &settings)
        let database = try DatabaseOpening.open(settings, readers: 1)
        defer { database.close() }
        let showProgress = isatty(STDERR_FILENO) == 1
        try database.backup(to: output) { remaining, total in
            guard showProgress, total > 0 else { return }
            // One line, rewritten in place (carriage return), ended once the copy is done.
            let line = Array("\rbackup: \((total - remaining) * 100 / total)% of \(total) pages\(remaining == 0 ? "\n" : "")".utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        print("backed up \(settings.databasePath) to \(output) (integrity check ok)")
        return 0
    }
}

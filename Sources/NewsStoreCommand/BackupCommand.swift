import Glibc
import NewsStore

/// `newsstore backup [--out FILE]`: a consistent online copy of the database, safe to run
/// while a server is serving and writing.
enum BackupCommand {
    static let help = """
        Usage: newsstore backup [--out FILE] [options]

        Copies the database with SQLite's online backup API while a server may keep serving
        and writing, then checks the copy with PRAGMA integrity_check. Progress is shown when
        standard error is a terminal.

        Without --out, the copy goes into the backup folder as newsstore-<UTC time>.sqlite,
        like POST /api/v1/admin/backup: one backup at a time (another one under way, here or in
        the server, exits 1), and afterwards only the newest --backup-retention backups
        NewsStore made there are kept. With --out, the copy goes to FILE, which must not exist.

        Options:
          --out FILE                    where to write the copy instead of the backup folder
        \(OptionParser.help(for: Settings.databaseOptions + Settings.backupOptions))
          -h, --help                    show this help
        """

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        var rest = Array(arguments)
        let output = try OptionParser.take("--out", from: &rest)
        var settings = Settings()
        try OptionParser.parse(rest[...], options: Settings.databaseOptions + Settings.backupOptions, environment: environment, into: &settings)
        let database = try DatabaseOpening.open(settings, readers: 1)
        defer { database.close() }
        let showProgress = isatty(STDERR_FILENO) == 1
        let progress = { (remaining: Int, total: Int) in
            guard showProgress, total > 0 else { return }
            // One line, rewritten in place (carriage return), ended once the copy is done.
            let line = Array("\rbackup: \((total - remaining) * 100 / total)% of \(total) pages\(remaining == 0 ? "\n" : "")".utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        if let output {
            try database.backup(to: output, by: .system, progress: progress)
            print("backed up \(settings.databasePath) to \(output) (integrity check ok)")
            return 0
        }
        let folder = settings.backupFolder
        let backup = try folder.takeBackup(of: database, by: .system, progress: progress)
        print("backed up \(settings.databasePath) to \(folder.path)/\(backup.fileName) (integrity check ok)")
        for name in backup.removed { print("removed \(name), beyond the newest \(folder.retention)") }
        return 0
    }
}

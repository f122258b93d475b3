import Glibc
import NewsAPI
import NewsStore

/// `newsstore import FILE`: loads articles from JSON lines, as `ArticleImport` describes.
enum ImportCommand {
    static let help = """
        Usage: newsstore import FILE [--batch-size N] [--skip-existing] [options]

        Creates one article per line of FILE (JSON lines; - reads standard input), each line
        in the shape POST /api/v1/articles takes (title, slug, summary, body, hero, author,
        sources, category, tags, status, published_at, comments), checked by the same rules
        the API applies. Categories must exist; new tags are created. Every article gets an
        audit row (action article.import, identity system) and the events a create records.
        Lines are written in batches, one transaction each (default \(ArticleImport.defaultBatchSize)); the
        first line that breaks a rule stops the import with its line number, and the batches
        before it stay written. Progress goes to standard error about once a second.

        Run it with the server stopped, like restore: a running server would not know its
        kept pages and suggestions are stale. It takes serve's settings (config file,
        environment, flags such as --public-url), so events name the same URLs.

        Options:
          --batch-size N                lines per transaction, \(ArticleImport.batchSizes.lowerBound) to \(ArticleImport.batchSizes.upperBound) (default \(ArticleImport.defaultBatchSize))
          --skip-existing               leave out lines whose slug an article already has
                                        (to run a stopped import again) instead of stopping
        \(OptionParser.help(for: Settings.databaseOptions))
          (and every option of 'newsstore serve --help')
          -h, --help                    show this help
        """

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        var rest = Array(arguments)
        guard let path = rest.first, path == "-" || !path.hasPrefix("-") else {
            throw UsageError("import needs the FILE of JSON lines to read (- for standard input)")
        }
        rest.removeFirst()
        let batchSize = try OptionParser.take("--batch-size", from: &rest).map {
            try OptionParser.integer($0, in: ArticleImport.batchSizes)
        }
        let skipExisting = rest.contains("--skip-existing")
        rest.removeAll { $0 == "--skip-existing" }
        var settings = Settings()
        try OptionParser.parse(rest[...], options: Settings.serveOptions, environment: environment, into: &settings)

        guard let file = path == "-" ? fdopen(STDIN_FILENO, "rb") : fopen(path, "rb") else {
            throw DatabaseOpening.Failure(description: "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        try NewsDatabase.refuseIfOpenElsewhere(settings.databasePath)
        let database = try DatabaseOpening.open(settings, readers: 1)
        defer { database.close() }
        var importer = ArticleImport(
            database: database, configuration: settings.resolvedAPI, batchSize: batchSize ?? ArticleImport.defaultBatchSize,
            skipExisting: skipExisting)
        var report = ProgressReport(file: file)
        do {
            try JSONLines.read(file) { line in
                if try importer.add(line: line) { report.tick(importer.progress) }
            }
            try importer.finish()
        } catch let refused as ArticleImport.LineRefused {
            report.final(importer.progress)
            printError("newsstore import: \(refused)")
            printError(
                "newsstore import: nothing of that line's batch was written, the \(importer.progress.created) articles before it were; fix the line and run again with --skip-existing"
            )
            return 1
        }
        report.final(importer.progress)
        return 0
    }

    /// The progress lines on standard error: at most one a second, and one at the end.
    private struct ProgressReport {
        let file: UnsafeMutablePointer<FILE>
        /// The file's size when it is a regular file, for a percentage.
        let size: Int?
        let start = ContinuousClock.now
        var last = ContinuousClock.now

        init(file: UnsafeMutablePointer<FILE>) {
            self.file = file
            var status = stat()
            size = fstat(fileno(file), &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG && status.st_size > 0 ? Int(status.st_size) : nil
        }

        mutating func tick(_ progress: ArticleImport.Progress) {
            let now = ContinuousClock.now
            guard now - last >= .seconds(1) else { return }
            last = now
            var line = "import: \(progress.created) articles"
            if let size { line += " (\(min(100, ftell(file) * 100 / size))% of the file)" }
            printError(line + rate(progress, until: now))
        }

        func final(_ progress: ArticleImport.Progress) {
            var line = "import: \(progress.created) articles created from \(progress.lines) lines"
            if progress.skipped > 0 { line += ", \(progress.skipped) skipped (slug taken)" }
            printError(line + rate(progress, until: .now))
        }

        private func rate(_ progress: ArticleImport.Progress, until now: ContinuousClock.Instant) -> String {
            let (seconds, attoseconds) = (now - start).components
            let elapsed = Double(seconds) + Double(attoseconds) / 1e18
            guard elapsed > 0 else { return "" }
            return ", \(Int(elapsed)) s, \(Int(Double(progress.created) / elapsed))/s"
        }
    }
}

import NewsStore

extension Settings {
    /// Article revisions: how many retention keeps.
    static let revisionOptions: [Option] = [
        Option(
            "--revisions-kept", "N",
            "newest revisions kept per article; every revision that was public is kept besides (default 50)"
        ) { settings, value throws(UsageError) in
            settings.api.revisionsKept = try OptionParser.integer(value, in: ArticleService.revisionsKeptCounts)
        }
    ]
}

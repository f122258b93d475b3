import NewsStore

extension Settings {
    /// Feeds and sitemaps: how many items a feed carries.
    static let feedOptions: [Option] = [
        Option("--feed-items", "N", "articles each feed (/rss.xml, /atom.xml, /feed.json) carries, newest first (default 50)") {
            settings, value throws(UsageError) in
            settings.api.feedItems = try OptionParser.integer(value, in: FeedService.itemCounts)
        }
    ]
}

import Synchronization

/// Views of public articles: counting one, writing the counts, and the most read.
///
/// Counting touches no database: views wait in memory (`ViewCounter`) until `flush` writes
/// them, which a `ViewFlusher` does about once a second and once more at shutdown.
///
/// The most-read lists change with every flush; an HTTP cache in front is told so at most
/// once per `popularPurgeInterval` (a purge of `popular` in the flush's transaction), which
/// keeps them about as fresh as a browser's `max-age` without refetching them every second.
public final class ViewService: Sendable {
    private let database: NewsDatabase
    private let purges: CachePurges
    private let clock: @Sendable () -> Timestamp
    /// When `popular` was last purged.
    private let popularPurgedAt = Mutex<Int64>(.min)
    public static let popularPurgeInterval: Duration = .seconds(60)
    private let counter = ViewCounter()
    private let repository = ViewRepository()
    /// The day before which buckets were last deleted; nothing deleted yet at start.
    private let prunedBefore = Mutex<Int64>(.min)

    public init(database: NewsDatabase, purges: CachePurges = .none, clock: @escaping @Sendable () -> Timestamp = Timestamp.now) {
        self.database = database
        self.purges = purges
        self.clock = clock
    }

    /// The id of the public article that `key` (id, slug or former slug) names; drafts,
    /// archived and scheduled articles are not found, as for any reader.
    public func publicArticle(_ key: String) throws -> Int64 {
        let now = clock()
        let id = try database.read { db in try repository.publicArticleID(key, at: now, in: db) }
        guard let id else { throw NewsStoreError.notFound("article") }
        return id
    }

    /// Counts one view of the article today (UTC). The caller has checked that it is public
    /// (`publicArticle`) and that this client's view should count.
    public func record(articleID: Int64) {
        counter.record(ViewCounter.Bucket(day: clock().utcDay.day, articleID: articleID))
    }

    /// Writes the views counted since the last flush in one transaction, without advancing the
    /// database's generation (see `NewsDatabase.writeCounters`), and once a day deletes the
    /// buckets no window reads any more. Returns the number of views it took (those of an
    /// article deleted meanwhile are dropped). When the write fails the counts are kept for
    /// the next flush, and the error is thrown.
    @discardableResult
    public func flush() throws -> Int64 {
        let counts = counter.take()
        let now = clock()
        let oldestKept = PopularWindow.oldestKeptDay(today: now.utcDay.day)
        let purgePopular =
            !counts.isEmpty && popularPurgedAt.withLock { $0 } <= now.milliseconds - Self.popularPurgeInterval.wholeMilliseconds
        let prune = prunedBefore.withLock { $0 } < oldestKept
        guard !counts.isEmpty || prune else { return 0 }
        do {
            try database.writeCounters { db in
                for (bucket, views) in counts {
                    try repository.add(views, toArticle: bucket.articleID, onDay: bucket.day, in: db)
                }
                if prune { try repository.deleteBuckets(before: oldestKept, in: db) }
                if purgePopular { try purges.append([CacheKey.popular], at: now, in: db) }
            }
        } catch {
            counter.restore(counts)
            throw error
        }
        if prune { prunedBefore.withLock { $0 = max($0, oldestKept) } }
        if purgePopular { popularPurgedAt.withLock { $0 = now.milliseconds } }
        return counts.values.reduce(0, +)
    }

    /// The most read public articles of the window, most views first, then newest first.
    public func popular(_ query: PopularQuery) throws -> [PopularArticle] {
        let now = clock()
        let limit = PopularQuery.limitRange.clamp(query.limit)
        return try database.read { db in
            var categoryID: Int64?
            if let category = query.category {
                guard let id = try TermRepository(kind: .category).id(slug: category, in: db) else { return [] }
                categoryID = id
            }
            return try repository.popular(
                in: query.window.buckets(endingAt: now), categoryID: categoryID, publicAt: now, limit: limit, in: db)
        }
    }
}

import SQLite

/// Full-text search for readers: only public articles (published, and not scheduled for
/// later), ranked by relevance with a mild preference for recent ones.
///
/// Every search runs under a time limit and can be stopped by its caller: SQLite checks both
/// while it works (see `Connection.withProgressCheck`), so a search too broad for the archive,
/// or one whose client has gone, gives its reader connection and worker back within a few
/// milliseconds (measured: 6 to 9 ms for a 5 ms limit), instead of holding them for seconds.
///
/// Searches are kept a few seconds (`SearchRankingCache`): the next page, or the same search by
/// another reader, is cut from the kept ranking, and a hit shown before keeps its marked title
/// and snippet; only the shown articles are read again.
public final class SearchService: Sendable {
    /// Wall time a search may take on its reader connection. On 20,000 articles (2 shared
    /// cores, scripts/bench-search.sh) the costliest searches accepted take under 100 ms alone
    /// (a word in every article or twelve three-letter prefixes, 100 hits), and a word in
    /// every article 300 ms at the 99th percentile with 16 searches at once: a second leaves
    /// a loaded machine room, and still frees a worker long before a client gives up.
    public static let defaultTimeLimit: Duration = .milliseconds(1000)
    /// SQLite virtual-machine instructions between two checks of the clock and of the caller's
    /// stop flag: tens of microseconds of work, against some 30 ns for a check.
    static let instructionsPerCheck: Int32 = 1000

    public let timeLimit: Duration
    private let database: NewsDatabase
    private let clock: @Sendable () -> Timestamp
    private let repository = SearchRepository()
    private let kept: SearchRankingCache

    /// The bytes of rankings and phrase instances kept by default.
    public static let defaultCacheCapacity = 4 << 20

    /// `cacheCapacity` bounds the bytes of searches kept (0 keeps none).
    public init(
        database: NewsDatabase, timeLimit: Duration = defaultTimeLimit, cacheCapacity: Int = defaultCacheCapacity,
        clock: @escaping @Sendable () -> Timestamp = Timestamp.now
    ) {
        self.database = database
        self.timeLimit = timeLimit
        self.clock = clock
        kept = SearchRankingCache(capacity: cacheCapacity)
    }

    /// One page of hits for `request`. Throws `SearchStopped` when the search outlasts
    /// `timeLimit`, counted from when it gets a reader connection, or once `stopWhen` answers
    /// true (it is asked before the search starts, then every few microseconds while it runs).
    public func search(_ request: SearchRequest, stopWhen isCancelled: () -> Bool = { false }) throws -> SearchPage {
        var request = request
        request.limit = ArticleQuery.limitRange.clamp(request.limit)
        let now = clock()
        guard !isCancelled() else { throw SearchStopped.cancelled }
        // Read before the data: a write that commits meanwhile makes what is kept stale, never wrong.
        let generation = database.generation
        let key = SearchRankingCache.Key(request)
        return try database.read { db in
            let deadline = ContinuousClock.now + timeLimit
            var stopped: SearchStopped?
            do {
                func shouldStop() -> Bool {
                    if isCancelled() {
                        stopped = .cancelled
                    } else if ContinuousClock.now > deadline {
                        stopped = .overTimeLimit(timeLimit)
                    }
                    return stopped != nil
                }
                return try db.withProgressCheck(every: Self.instructionsPerCheck, stopWhen: shouldStop) {
                    let search: SearchRankingCache.Kept
                    if let found = kept.kept(for: key, generation: generation, at: now) {
                        search = found
                    } else {
                        let ranking = try repository.ranking(request, publicAt: now, in: db)
                        let nextPublication = try PublicArticles.nextPublication(after: now, in: db)
                        kept.store(ranking, for: key, generation: generation, at: now, nextPublication: nextPublication)
                        search = SearchRankingCache.Kept(ranking: ranking)
                    }
                    let (page, marked) = try repository.page(request, of: search.ranking, knownMarks: search.marks, in: db)
                    if !marked.isEmpty { kept.store(marks: marked, for: key, generation: generation) }
                    return page
                }
            } catch let error as SQLiteError where error.isInterrupted {
                throw stopped ?? error
            }
        }
    }
}

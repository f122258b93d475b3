/// Full-text search for readers: only public articles (published, and not scheduled for
/// later), ranked by relevance with a mild preference for recent ones.
public final class SearchService: Sendable {
    private let database: NewsDatabase
    private let clock: @Sendable () -> Timestamp
    private let repository = SearchRepository()

    public init(database: NewsDatabase, clock: @escaping @Sendable () -> Timestamp = Timestamp.now) {
        self.database = database
        self.clock = clock
    }

    public func search(_ request: SearchRequest) throws -> SearchPage {
        var request = request
        request.limit = ArticleQuery.limitRange.clamp(request.limit)
        let now = clock()
        return try database.read { db in try repository.search(request, publicAt: now, in: db) }
    }
}

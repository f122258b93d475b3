import HTTP
import NewsStore

/// `GET /api/v1/search`: full-text search of public articles.
struct SearchRoutes: Sendable {
    let search: SearchService
    let limits: ClientLimits
    let representation: Representation
    let logger: Logger
    /// Searches run at most so many at once (`APIConfiguration.maxConcurrentSearches`).
    let lane: Lane

    static let path = "/api/v1/search"
    static let parameters: Set<String> = ["q", "category", "tag", "since", "until", "limit", "cursor"]

    func register(on router: inout Router) {
        router.get(Self.path, .public, rate: limits.search, query: .only(Self.parameters), lane: lane) { context in try find(context) }
    }

    private func find(_ context: RequestContext) throws -> Response {
        let audience = context.audience
        let parameters = context.query
        guard let q = parameters["q"] else { throw ProblemDetails.badRequest("q is required: the words to search for.") }
        var request: SearchRequest
        do {
            request = SearchRequest(terms: try SearchTerms(parsing: q))
        } catch {
            switch error {
            case .empty: throw ProblemDetails.badRequest("q has no words to search for.")
            case .tooLong: throw ProblemDetails.badRequest("q must be at most \(SearchTerms.maximumLength) bytes of UTF-8.")
            case .tooManyTerms: throw ProblemDetails.badRequest("q may have at most \(SearchTerms.maximumTerms) words and phrases.")
            case .prefixTooShort:
                throw ProblemDetails.badRequest("A prefix (word*) needs at least \(SearchTerms.minimumPrefixLength) letters before the *.")
            }
        }
        request.category = parameters["category"]
        request.tags = try QueryRules.tags(parameters)
        request.since = try parameters["since"].map { try QueryRules.time($0, "since") }
        request.until = try parameters["until"].map { try QueryRules.time($0, "until") }
        if let limit = parameters["limit"] { request.limit = try QueryRules.limit(limit, in: ArticleQuery.limitRange) }
        if let token = parameters["cursor"] {
            guard let cursor = SearchCursor(token: token) else {
                throw ProblemDetails.badRequest("cursor is not one this search gave out; start again without it.")
            }
            request.cursor = cursor
        }
        // Editors get the same public hits; their answers are only marked private. The search
        // stops if the client goes: nobody would read its answer.
        do {
            return try representation.respond(to: context.request, audience: audience) { keys in
                let page = try search.search(request, stopWhen: { context.request.cancellation.isCancelled })
                keys.insert(CacheKey.search)
                keys.insert(summaries: page.hits.map(\.article))
                return SearchJSON.page(page)
            }
        } catch let stopped as SearchStopped {
            switch stopped {
            case .overTimeLimit:
                logger.warning("search over its time limit", ["request_id": context.requestID, "terms": String(request.terms.terms.count)])
            case .cancelled:
                logger.info("search cancelled, its client went away", ["request_id": context.requestID])
            }
            throw stopped
        }
    }
}

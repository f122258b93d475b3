import HTTP
import NewsStore

/// Values of query parameters, checked strictly. (Which names a route accepts is part of its
/// policy, declared where it is registered: `AcceptedQuery`.)
enum QueryRules {
    /// `since=` / `until=` and the like: an ISO 8601 date or date-time, UTC without an offset.
    static func time(_ text: String, _ name: String) throws -> Timestamp {
        guard let time = Timestamp(dateOrDateTime: text) else {
            throw ProblemDetails.badRequest("\(name) must be an ISO 8601 date or date-time, e.g. 2025-07-04 or 2025-07-04T09:30:00Z.")
        }
        return time
    }

    /// `tag=`, which may repeat: an article must carry every tag named. A tag named twice counts
    /// once; more than `ArticleQuery.maximumTags` different ones is refused, so a request cannot
    /// make a listing's or a search's work grow with its length.
    static func tags(_ query: QueryParameters) throws -> [String] {
        var tags: [String] = []
        for tag in query.values("tag") where !tags.contains(tag) {
            guard tags.count < ArticleQuery.maximumTags else { throw ProblemDetails.badRequest(ArticleQuery.tooManyTags) }
            tags.append(tag)
        }
        return tags
    }

    /// `limit=`: a whole number in `range`.
    static func limit(_ text: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ProblemDetails.badRequest("limit must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }
}

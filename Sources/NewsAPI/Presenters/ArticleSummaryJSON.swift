import JSON
import NewsStore

/// The API's article summary for events: the members `ArticleJSON` writes in listings, so a
/// webhook receiver reads the same shape a client of `/api/v1/articles` does.
public struct ArticleSummaryJSON: ArticleSummaryRendering {
    public init() {}

    public func writeMembers(of summary: ArticleSummary, to writer: inout JSONWriter) {
        ArticleJSON.summaryMembers(summary, fields: nil, to: &writer)
    }
}

import JSON
import NewsStore

/// The API's article summary for events and kept related items: the members `ArticleJSON`
/// writes in listings and details, so a webhook receiver reads the same shape a client of
/// `/api/v1/articles` does, and a spliced related item is byte for byte a rendered one.
public struct ArticleSummaryJSON: ArticleSummaryRendering, RelatedSummaryRendering {
    public init() {}

    public func writeMembers(of summary: ArticleSummary, to writer: inout JSONWriter) {
        ArticleJSON.summaryMembers(summary, fields: nil, to: &writer)
    }

    public func writeRelatedMembers(of summary: ArticleSummary, to writer: inout JSONWriter) {
        ArticleJSON.summaryMembers(summary, fields: ArticleJSON.relatedFields, to: &writer)
    }
}

import JSON

/// Writes an article summary as an item of a detail's `related` list shows it. The API layer,
/// which owns that JSON shape, implements it; the service keeps what it writes (see
/// `RelatedSummaryCache`), so readers' related lists are spliced from bytes.
public protocol RelatedSummaryRendering: Sendable {
    /// Writes the members of a related item's summary (all but the live counters, which would
    /// change the detail's tag) into the object `writer` has open.
    func writeRelatedMembers(of summary: ArticleSummary, to writer: inout JSONWriter)
}

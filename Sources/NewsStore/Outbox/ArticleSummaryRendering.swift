import JSON

/// Writes an article summary as the API shows it. Events carry the same summary as the API's
/// listings, written inside the transaction that caused them; the API layer, which owns that
/// JSON shape, implements this, so there is one summary encoder and it stays above the store.
public protocol ArticleSummaryRendering: Sendable {
    /// Writes the summary's members into the object `writer` has open.
    func writeMembers(of summary: ArticleSummary, to writer: inout JSONWriter)
}

/// Which articles one article's `related` list shows, by id: the editors' links, then the
/// suggestions that fill the list up to the configured count. Summaries are read afresh on
/// every request; only these ids are kept (see `RelatedSelectionCache`).
struct RelatedSelection: Sendable {
    /// The editors' links in their order, whatever their status: editors see them all, readers
    /// the public ones, which are those whose summaries a reader's read finds (a summary is
    /// read, or kept, only while public). So choosing reads no linked article's row.
    let linked: [Int64]
    /// Public articles to suggest, best first; never the article itself nor one of `linked`.
    /// Up to the configured count: a shorter list of links shown takes more of them.
    let suggested: [Int64]
    /// When the next scheduled article becomes public, which may change what is suggested;
    /// nil when nothing is scheduled.
    let expires: Timestamp?
}

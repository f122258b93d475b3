/// Which articles one article's `related` list shows, by id: the editors' links, then the
/// suggestions that fill the list up to the configured count. Summaries are read afresh on
/// every request; only these ids are kept (see `RelatedSelectionCache`).
struct RelatedSelection: Sendable {
    /// The editors' links in their order, whatever their status (what editors see).
    let linked: [Int64]
    /// Those of `linked` that were public when the selection was made (what readers see).
    let publicLinked: [Int64]
    /// Public articles to suggest, best first; never the article itself nor one of `linked`.
    /// Up to the configured count: a shorter editors' list takes more of them.
    let suggested: [Int64]
    /// When the next scheduled article becomes public, which may change both public lists;
    /// nil when nothing is scheduled.
    let expires: Timestamp?

    /// The ids `audience` is shown: its links whole, then suggestions up to `count` in all.
    func shown(to audience: Audience, count: Int) -> (linked: [Int64], suggested: ArraySlice<Int64>) {
        let links = audience == .editor ? linked : publicLinked
        return (links, suggested.prefix(max(0, count - links.count)))
    }
}

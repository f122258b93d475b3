import SQLite

/// The rule for suggested related articles. After the editors' links, a detail suggests
/// public articles (published, publication time come) in this order:
///
/// 1. those sharing the most tags with the article, newer first among equals;
/// 2. when those run out, those of the same category, newer first;
///
/// never the article itself, never one the editors already link, never twice.
///
/// Shared tags are counted among each tag's `candidatesPerTag` (100) newest public articles:
/// an article counts a tag it shares only while it is among that tag's 100 newest, and one
/// that is among none of them is not suggested for its tags (it may still be, for its
/// category). Where every tag of the article has at most 100 public articles, the order is
/// exact. The bound keeps a choice to at most 100 index rows per tag however popular a tag
/// is: on the 20,000-article benchmark (4 tags of ~270 articles each per article) a choice
/// takes ~70 µs, against ~190 µs when counting every article of the tags, and a tag on a
/// tenth of a large archive would cost thousands of rows per choice. Choices are kept (see
/// `RelatedSelectionCache`), so a detail read rarely makes one.
struct RelatedSelector {
    /// How many related articles a detail shows at least: editors' links first, then
    /// suggestions up to this count. 0 suggests nothing.
    let count: Int
    let candidatesPerTag: Int
    private let candidates = RelatedCandidates()

    init(count: Int, candidatesPerTag: Int = 100) {
        self.count = count
        self.candidatesPerTag = candidatesPerTag
    }

    func select(for article: Article, at now: Timestamp, in db: Connection) throws -> RelatedSelection {
        let links = try candidates.links(ofArticle: article.id, publicAt: now, in: db)
        let linked = links.map(\.id)
        // Usually all are public: then both lists are one array, kept once.
        let publicLinked = links.allSatisfy(\.isPublic) ? linked : links.filter(\.isPublic).map(\.id)
        var excluded = Set(linked)
        excluded.insert(article.id)
        var suggested = try sharingTags(with: article.id, excluding: excluded, at: now, in: db)
        if suggested.count < count, let category = article.category {
            excluded.formUnion(suggested)
            let newest = try candidates.newestPublic(
                inCategory: category.id, publicAt: now, limit: count - suggested.count + excluded.count, in: db)
            suggested += newest.lazy.filter { !excluded.contains($0) }.prefix(count - suggested.count)
        }
        return RelatedSelection(
            linked: linked, publicLinked: publicLinked, suggested: suggested,
            expires: try PublicArticles.nextPublication(after: now, in: db))
    }

    /// Up to `count` articles sharing tags with the article, most shared tags first, then newest.
    private func sharingTags(with id: Int64, excluding excluded: Set<Int64>, at now: Timestamp, in db: Connection) throws -> [Int64] {
        guard count > 0 else { return [] }
        let tagIDs = try candidates.tagIDs(ofArticle: id, in: db)
        var rows: [RelatedCandidates.Candidate] = []
        rows.reserveCapacity(tagIDs.count * candidatesPerTag)
        for tagID in tagIDs {
            try candidates.appendNewestPublic(taggedWith: tagID, publicAt: now, limit: candidatesPerTag, to: &rows, in: db)
        }
        // Newest first, as every tag's rows already are; an article's rows (one per shared tag,
        // all with its listing time) end up side by side, so a run's length is its shared tags.
        rows.sort { ($0.sortAt, $0.id) > ($1.sortAt, $1.id) }
        // Walking newest first, each shared-tag count keeps its newest `count` articles.
        var newestBySharedTags = Array(repeating: [Int64](), count: tagIDs.count + 1)
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count && rows[end].id == rows[start].id { end += 1 }
            let sharedTags = end - start
            if newestBySharedTags[sharedTags].count < count, !excluded.contains(rows[start].id) {
                newestBySharedTags[sharedTags].append(rows[start].id)
            }
            start = end
        }
        return Array(newestBySharedTags.reversed().joined().prefix(count))
    }
}

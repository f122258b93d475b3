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
/// `RelatedSelectionCache`), so a detail read rarely makes one; and when one is made for a
/// read, the tags' and categories' lists it walks are kept (see `RelatedCandidateCache`).
struct RelatedSelector {
    typealias Candidate = RelatedCandidates.Candidate

    /// How many related articles a detail shows at least: editors' links first, then
    /// suggestions up to this count. 0 suggests nothing.
    let count: Int
    let candidatesPerTag: Int
    private let candidates = RelatedCandidates()
    private let keptLists = RelatedCandidateCache()

    init(count: Int, candidatesPerTag: Int = 100) {
        self.count = count
        self.candidatesPerTag = candidatesPerTag
    }

    /// The choice for `article` at `now`. A read passes the database's `generation` (read
    /// before the data), and the candidate lists kept for it are used and filled; a write,
    /// whose transaction may hold changes no other reader sees yet, passes nil and reads all.
    func select(for article: Article, at now: Timestamp, generation: UInt64? = nil, in db: Connection) throws -> RelatedSelection {
        let (expires, epoch) = try self.epoch(generation: generation, at: now, in: db)
        let linked = try candidates.links(ofArticle: article.id, in: db)
        var excluded = Set(linked)
        excluded.insert(article.id)
        // The article's tags as its row copies them (written with the link rows, in the same
        // transaction): one query fewer per choice, the first read of each article in a large
        // archive.
        var tagIDs: [Int64] = []
        for tag in article.tags.elements where !tagIDs.contains(tag.id) { tagIDs.append(tag.id) }
        var suggested = try sharingTags(with: tagIDs, excluding: excluded, at: now, epoch: epoch, in: db)
        if suggested.count < count, let category = article.category {
            excluded.formUnion(suggested)
            let newest = try newestPublic(
                .category(category.id), limit: count - suggested.count + excluded.count, at: now, epoch: epoch, in: db)
            suggested += newest.lazy.map(\.id).filter { !excluded.contains($0) }.prefix(count - suggested.count)
        }
        return RelatedSelection(linked: linked, suggested: suggested, expires: expires)
    }

    /// When the next scheduled article becomes public, and for a read (a `generation`) the
    /// epoch whose kept lists it uses: the kept one when it holds, else one begun now.
    private func epoch(generation: UInt64?, at now: Timestamp, in db: Connection) throws -> (expires: Timestamp?, kept: RelatedEpoch?) {
        guard let generation else { return (try PublicArticles.nextPublication(after: now, in: db), nil) }
        if let epoch = keptLists.epoch(generation: generation, at: now) { return (epoch.expires, epoch) }
        let epoch = RelatedEpoch(generation: generation, expires: try PublicArticles.nextPublication(after: now, in: db))
        keptLists.begin(epoch)
        return (epoch.expires, epoch)
    }

    /// The newest `limit` public articles of `source`: from the kept list when the choice is
    /// for a read and the list is long enough, else from the database.
    private func newestPublic(
        _ source: RelatedCandidates.Source, limit: Int, at now: Timestamp, epoch: RelatedEpoch?, in db: Connection
    ) throws -> ArraySlice<Candidate> {
        guard let epoch, limit <= candidatesPerTag else {
            return try candidates.newestPublic(source, publicAt: now, limit: limit, in: db)[...]
        }
        if let list = keptLists.list(source, in: epoch) { return list.prefix(limit) }
        let list = try candidates.newestPublic(source, publicAt: now, limit: candidatesPerTag, in: db)
        keptLists.keep(list, for: source, in: epoch)
        return list.prefix(limit)
    }

    /// Up to `count` articles sharing tags with an article that has the tags `tagIDs`, most
    /// shared tags first, then newest.
    private func sharingTags(
        with tagIDs: [Int64], excluding excluded: Set<Int64>, at now: Timestamp, epoch: RelatedEpoch?, in db: Connection
    ) throws -> [Int64] {
        guard count > 0 else { return [] }
        let lists = try tagIDs.map { tagID in
            try newestPublic(.tag(tagID), limit: candidatesPerTag, at: now, epoch: epoch, in: db)
        }
        // Each tag's list is newest first; merging them takes the newest head of all each time.
        // An article on several lists is then at the head of each of them at once (nothing newer
        // is left on any list), so the lists it is taken from count its shared tags.
        var heads = lists.map(\.startIndex)
        // Walking newest first, each shared-tag count keeps its newest `count` articles.
        var newestBySharedTags = Array(repeating: [Int64](), count: lists.count + 1)
        while true {
            var newest: Candidate?
            for (list, head) in zip(lists, heads) where head < list.endIndex {
                let candidate = list[head]
                if let best = newest, (best.sortAt, best.id) >= (candidate.sortAt, candidate.id) { continue }
                newest = candidate
            }
            guard let newest else { break }
            var sharedTags = 0
            for index in lists.indices where heads[index] < lists[index].endIndex && lists[index][heads[index]].id == newest.id {
                heads[index] += 1
                sharedTags += 1
            }
            if newestBySharedTags[sharedTags].count < count, !excluded.contains(newest.id) {
                newestBySharedTags[sharedTags].append(newest.id)
            }
        }
        return Array(newestBySharedTags.reversed().joined().prefix(count))
    }
}

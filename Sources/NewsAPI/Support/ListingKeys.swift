import NewsStore

extension KeySet {
    /// The collection keys of an article listing: `list` for the unfiltered listing (filters
    /// by author, source or time included), else the keys of the category and tags it is
    /// filtered by (given by slug or id), as its items name them. A filtered listing whose
    /// items name no such term (an empty one) is filed under `list` as well, since no item
    /// can tell the term's id: the next publication purges it.
    mutating func insert(collectionOf query: ArticleQuery, in items: [ArticleSummary]) {
        guard query.category != nil || !query.tags.isEmpty else { return insert(CacheKey.list) }
        func named(_ term: TermReference, by keys: [String]) -> Bool {
            keys.contains { $0 == term.slug || $0 == String(term.id) }
        }
        var found = false
        for item in items {
            if let category = item.category, let filter = query.category, named(category, by: [filter]) {
                insert(CacheKey.category(category.id))
                found = true
            }
            for tag in item.tags.elements where named(tag, by: query.tags) {
                insert(CacheKey.tag(tag.id))
                found = true
            }
        }
        if !found { insert(CacheKey.list) }
    }
}

import NewsStore

extension KeySet {
    /// The keys of the category and tags a listing is filtered by (given by slug or id), as
    /// its items name them. An empty listing needs none: only an article's publication, which
    /// purges `list` as well, can fill it.
    mutating func insert(filterOf query: ArticleQuery, in items: [ArticleSummary]) {
        func named(_ term: TermReference, by keys: [String]) -> Bool {
            keys.contains { $0 == term.slug || $0 == String(term.id) }
        }
        for item in items {
            if let category = item.category, let filter = query.category, named(category, by: [filter]) {
                insert(CacheKey.category(category.id))
            }
            for tag in item.tags.elements where named(tag, by: query.tags) { insert(CacheKey.tag(tag.id)) }
        }
    }
}

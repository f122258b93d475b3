import NewsStore

extension KeySet {
    /// The keys of the articles whose summaries a response shows: editing one purges every
    /// page that shows it. (A term's name in a summary needs no key of its own: changing a
    /// term purges each of its articles' keys.)
    mutating func insert(summaries: [ArticleSummary]) {
        for summary in summaries { insert(CacheKey.article(summary.id)) }
    }
}

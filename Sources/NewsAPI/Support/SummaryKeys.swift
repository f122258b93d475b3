import NewsStore

extension KeySet {
    /// The keys of the articles whose summaries a response shows: editing one purges every
    /// page that shows it. (A term's name in a summary needs no key of its own: changing a
    /// term purges each of its articles' keys.)
    mutating func insert(summaries: [ArticleSummary]) {
        for summary in summaries { insert(CacheKey.article(summary.id)) }
    }

    /// The keys of an article's related and suggested summaries, whether the service read them
    /// or spliced them already rendered (`Article.renderedRelated`).
    mutating func insert(relatedOf article: Article) {
        insert(summaries: article.related + article.suggestions)
        if let rendered = article.renderedRelated { insert(related: rendered) }
    }

    /// The keys of the articles in a related list spliced already rendered.
    mutating func insert(related rendered: RenderedRelated) {
        for item in rendered.items { insert(CacheKey.article(item.id)) }
    }
}

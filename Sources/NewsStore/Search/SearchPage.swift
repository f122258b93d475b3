/// One page of search results, best first, and where the next one starts (nil on the last).
public struct SearchPage: Sendable, Equatable {
    public struct Hit: Sendable, Equatable {
        public let article: ArticleSummary
        /// The title with the matched words marked.
        public let title: MarkedText
        /// About 32 words around the best matches, marked: from the summary when it has any
        /// of them, else from the body (its opening words when only the title matched).
        public let snippet: MarkedText
    }

    /// A hit's marked title and snippet: what depends only on the query and the article's text,
    /// so a search kept for the same data can show them again (`SearchRankingCache`).
    struct Marks: Sendable {
        let title: MarkedText
        let snippet: MarkedText

        /// Roughly the memory they hold: their text, and a string and a flag per fragment.
        var bytes: Int {
            (title.fragments + snippet.fragments).reduce(64) { $0 + 24 + $1.text.utf8.count }
        }
    }

    public let hits: [Hit]
    public let nextCursor: SearchCursor?
}

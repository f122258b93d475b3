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

    public let hits: [Hit]
    public let nextCursor: SearchCursor?
}

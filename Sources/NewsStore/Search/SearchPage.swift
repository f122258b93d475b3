/// One page of search results, best first, and where the next one starts (nil on the last).
public struct SearchPage: Sendable, Equatable {
    public struct Hit: Sendable, Equatable {
        public let article: ArticleSummary
        /// The title with the matched words marked.
        public let title: MarkedText
        /// A few dozen words of the body around the best matches, marked; the body's opening
        /// words when only the title or summary matched.
        public let snippet: MarkedText
    }

    public let hits: [Hit]
    public let nextCursor: SearchCursor?
}

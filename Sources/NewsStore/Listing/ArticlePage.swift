/// One page of a listing and where the next one starts (nil on the last page).
public struct ArticlePage: Sendable, Equatable {
    public let items: [ArticleSummary]
    public let nextCursor: Cursor?

    public init(items: [ArticleSummary], nextCursor: Cursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

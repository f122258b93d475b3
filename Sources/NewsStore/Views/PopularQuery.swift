/// What the "most read" listing is asked for.
public struct PopularQuery: Sendable, Equatable {
    public var window = PopularWindow.day
    /// A category slug; an unknown one gives an empty list.
    public var category: String?
    public var limit = 10

    public static let limitRange = 1...100

    public init() {}
}

/// A public article and its views in the window asked for.
public struct PopularArticle: Sendable, Equatable {
    public let summary: ArticleSummary
    /// The window's views, the oldest day's bucket counted in part (see `PopularWindow`).
    public let viewsInWindow: Int64

    public init(summary: ArticleSummary, viewsInWindow: Int64) {
        self.summary = summary
        self.viewsInWindow = viewsInWindow
    }
}

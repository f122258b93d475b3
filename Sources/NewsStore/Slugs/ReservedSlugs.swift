extension Slug {
    /// Slugs an article may not have, because the API names another resource with them
    /// (`/api/v1/articles/popular`): an article there could not be reached at its own URL.
    /// A given one is refused; a generated one moves on to `popular-2`.
    public static let reservedForArticles: Set<String> = ["popular"]
}

import NewsStore

extension SharePreview {
    /// The head of a preview link's page: the article's title and description as its own page
    /// will have them, and `robots: noindex`. No canonical address and no cards: the page is a
    /// secret address, which search engines must not index and which must not pass for the
    /// article's. Without an article (a link gone or unknown) only the site's name.
    func previewPage(_ article: Article?) -> Head {
        var head =
            article.map { Head(title: $0.title + " — " + publication.displayName, description: SharePreviewDescription.of($0)) }
            ?? Head(title: publication.displayName, description: nil)
        head.name("robots", "noindex")
        return head
    }
}

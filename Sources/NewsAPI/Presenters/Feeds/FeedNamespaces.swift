/// The XML namespaces the feeds use, each written once.
enum FeedNamespaces {
    static let atom = "http://www.w3.org/2005/Atom"
    /// RSS 1.0's content module: `content:encoded`.
    static let content = "http://purl.org/rss/1.0/modules/content/"
    /// Dublin Core: `dc:creator`.
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    /// Media RSS: `media:content`, read by RSS and Atom readers alike.
    static let media = "http://search.yahoo.com/mrss/"
}

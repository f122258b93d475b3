import NewsStore

/// Sitemaps (sitemaps.org 0.9) and the Google News extension, each valid against its
/// published schema (the tests validate them with xmllint against copies in `Tests/Schemas`).
/// Times are RFC 3339 in UTC, which is W3C Datetime.
enum SitemapXML {
    static let contentType = "application/xml; charset=utf-8"
    static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    static let newsNamespace = "http://www.google.com/schemas/sitemap-news/0.9"

    /// A file of the index: its address and the newest change of what it lists (nil: unknown).
    struct IndexEntry {
        let url: String
        let lastModified: Timestamp?
    }

    /// `sitemapindex`: the sitemap files there are.
    static func index(_ entries: [IndexEntry]) -> [UInt8] {
        var xml = start(reserving: 256 + entries.count * 128)
        xml.open("sitemapindex", ["xmlns": namespace])
        for entry in entries {
            xml.open("sitemap")
            xml.element("loc", text: entry.url)
            if let lastModified = entry.lastModified { xml.element("lastmod", text: lastModified.rfc3339) }
            xml.close("sitemap")
        }
        xml.close("sitemapindex")
        return xml.bytes
    }

    /// `urlset`: addresses with the time each last changed.
    static func urls(_ entries: [(url: String, lastModified: Timestamp?)]) -> [UInt8] {
        var xml = start(reserving: 256 + entries.count * 160)
        xml.open("urlset", ["xmlns": namespace])
        for entry in entries { url(entry.url, lastModified: entry.lastModified, to: &xml) }
        xml.close("urlset")
        return xml.bytes
    }

    /// The Google News sitemap: each article with `news:publication` (the publication's name
    /// and language), `news:publication_date` and `news:title`. With no article in the window,
    /// the home page alone, without news metadata: the sitemap schema requires one `url`, and
    /// Google reads a URL without `news:news` as an ordinary one.
    static func news(_ articles: [NewsSitemapArticle], site: SiteAddresses) -> [UInt8] {
        var xml = start(reserving: 512 + articles.count * 512)
        xml.open("urlset", ["xmlns": namespace, "xmlns:news": newsNamespace])
        if articles.isEmpty { url(site.url("/"), lastModified: nil, to: &xml) }
        let name = site.publication.displayName
        let language = newsLanguage(site.publication.language)
        for article in articles {
            xml.open("url")
            xml.element("loc", text: site.article(slug: article.slug))
            xml.element("lastmod", text: article.updatedAt.rfc3339)
            xml.open("news:news")
            xml.open("news:publication")
            xml.element("news:name", text: name)
            xml.element("news:language", text: language)
            xml.close("news:publication")
            xml.element("news:publication_date", text: article.publishedAt.rfc3339)
            xml.element("news:title", text: article.title)
            xml.close("news:news")
            xml.close("url")
        }
        xml.close("urlset")
        return xml.bytes
    }

    /// Google News takes an ISO 639 code (`ar`), or `zh-cn` / `zh-tw`: the language tag's
    /// first part, lower case, except for those two.
    static func newsLanguage(_ tag: String) -> String {
        let lowered = tag.lowercased()
        if lowered == "zh-cn" || lowered == "zh-tw" { return lowered }
        return String(lowered.prefix { $0 != "-" })
    }

    private static func start(reserving capacity: Int) -> MarkupWriter {
        var xml = MarkupWriter(reserving: capacity)
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        return xml
    }

    private static func url(_ location: String, lastModified: Timestamp?, to xml: inout MarkupWriter) {
        xml.open("url")
        xml.element("loc", text: location)
        if let lastModified { xml.element("lastmod", text: lastModified.rfc3339) }
        xml.close("url")
    }
}

import HTTP
import NewsStore

/// RSS 2.0 (rssboard.org), with the whole body in `content:encoded`, the author in
/// `dc:creator` (RSS's own `author` must be an e-mail address), the hero image as `enclosure`
/// and `media:content`, and the feed's own address in `atom:link rel="self"`.
enum RSSFeed {
    static let contentType = "application/rss+xml; charset=utf-8"

    static func write(_ document: FeedDocument) -> [UInt8] {
        var xml = MarkupWriter(reserving: 4096 + document.feed.items.count * 8192)
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.open(
            "rss",
            [
                "version": "2.0", "xmlns:atom": FeedNamespaces.atom, "xmlns:content": FeedNamespaces.content,
                "xmlns:dc": FeedNamespaces.dublinCore, "xmlns:media": FeedNamespaces.media,
            ])
        xml.open("channel")
        xml.element("title", text: document.title)
        xml.element("link", text: document.homeURL)
        xml.element("description", text: document.description)
        xml.element("language", text: document.language)
        if let updated = document.updated { xml.element("lastBuildDate", text: rfc822(updated)) }
        xml.empty("atom:link", ["href": document.selfURL, "rel": "self", "type": "application/rss+xml"])
        for item in document.feed.items { write(item, of: document, to: &xml) }
        xml.close("channel")
        xml.close("rss")
        return xml.bytes
    }

    private static func write(_ item: FeedArticle, of document: FeedDocument, to xml: inout MarkupWriter) {
        let article = item.summary
        xml.open("item")
        xml.element("title", text: article.title)
        xml.element("link", text: document.articleURL(article))
        xml.element("guid", ["isPermaLink": "false"], text: document.itemID(article))
        if let published = article.publishedAt { xml.element("pubDate", text: rfc822(published)) }
        if let author = article.author { xml.element("dc:creator", text: author) }
        if let category = article.category {
            xml.element("category", ["domain": document.termScheme(.category)], text: category.name)
        }
        for tag in article.tags.elements {
            xml.element("category", ["domain": document.termScheme(.tag)], text: tag.name)
        }
        if let summary = article.summary { xml.element("description", text: summary) }
        xml.element("content:encoded", text: document.contentHTML(item))
        if let hero = article.hero {
            if let type = ImageMediaType.of(hero.url) {
                // The length is unknown without fetching the image; RSS readers take 0 so.
                xml.empty("enclosure", ["url": hero.url, "length": "0", "type": type])
            }
            FeedMedia.write(hero, to: &xml)
        }
        xml.close("item")
    }

    /// RFC 822 as RSS 2.0 asks, with a four-digit year: `Fri, 04 Jul 2025 00:00:00 GMT`.
    static func rfc822(_ time: Timestamp) -> String {
        let (day, millisecondOfDay) = time.utcDay
        return IMFFixdate.format(secondsSinceEpoch: Int(day * 86_400 + millisecondOfDay / 1000))
    }
}

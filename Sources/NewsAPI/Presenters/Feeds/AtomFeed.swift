import NewsStore

/// Atom (RFC 4287): RFC 3339 times, the whole body as `content type="html"`, categories and
/// tags as `category` with the reader's folder as their scheme, the hero image as an
/// enclosure link and `media:content`. The publication is the feed's author, so an entry
/// without a byline still has one, as RFC 4287 requires.
enum AtomFeed {
    static let contentType = "application/atom+xml; charset=utf-8"

    /// Of an empty feed, which RFC 4287 still requires: the epoch, so the body (and its ETag)
    /// stays the same until an article is published.
    static let emptyFeedUpdated = Timestamp(milliseconds: 0)

    static func write(_ document: FeedDocument) -> [UInt8] {
        var xml = MarkupWriter(reserving: 4096 + document.feed.items.count * 8192)
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.open("feed", ["xmlns": FeedNamespaces.atom, "xmlns:media": FeedNamespaces.media, "xml:lang": document.language])
        xml.element("id", text: document.selfURL)
        xml.element("title", ["type": "text"], text: document.title)
        if let description = document.feed.term?.description { xml.element("subtitle", ["type": "text"], text: description) }
        xml.element("updated", text: (document.updated ?? emptyFeedUpdated).rfc3339)
        xml.empty("link", ["rel": "alternate", "type": "text/html", "href": document.homeURL])
        xml.empty("link", ["rel": "self", "type": "application/atom+xml", "href": document.selfURL])
        xml.open("author")
        xml.element("name", text: document.site.publication.displayName)
        xml.element("uri", text: document.site.url("/"))
        xml.close("author")
        for item in document.feed.items { write(item, of: document, to: &xml) }
        xml.close("feed")
        return xml.bytes
    }

    private static func write(_ item: FeedArticle, of document: FeedDocument, to xml: inout MarkupWriter) {
        let article = item.summary
        xml.open("entry")
        xml.element("id", text: document.itemID(article))
        xml.element("title", ["type": "text"], text: article.title)
        xml.empty("link", ["rel": "alternate", "type": "text/html", "href": document.articleURL(article)])
        if let published = article.publishedAt { xml.element("published", text: published.rfc3339) }
        xml.element("updated", text: article.updatedAt.rfc3339)
        if let author = article.author {
            xml.open("author")
            xml.element("name", text: author)
            xml.close("author")
        }
        if let category = article.category {
            xml.empty("category", ["term": category.slug, "label": category.name, "scheme": document.termScheme(.category)])
        }
        for tag in article.tags.elements {
            xml.empty("category", ["term": tag.slug, "label": tag.name, "scheme": document.termScheme(.tag)])
        }
        if let summary = article.summary { xml.element("summary", ["type": "text"], text: summary) }
        xml.element("content", ["type": "html"], text: document.contentHTML(item))
        if let hero = article.hero {
            if let type = ImageMediaType.of(hero.url) { xml.empty("link", ["rel": "enclosure", "type": type, "href": hero.url]) }
            FeedMedia.write(hero, to: &xml)
        }
        xml.close("entry")
    }
}

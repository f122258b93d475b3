import JSON
import NewsStore

/// JSON Feed 1.1 (jsonfeed.org): `content_html` with the whole body, `image` for the hero,
/// `tags` with the category's and the tags' names, `authors`. What the format has no member
/// for (slugs, ids, the hero's alt text) is in the item's `_newsstore` extension object, in the
/// API's own shapes.
enum JSONFeed {
    static let contentType = "application/feed+json; charset=utf-8"
    static let version = "https://jsonfeed.org/version/1.1"

    static func write(_ document: FeedDocument) -> [UInt8] {
        var json = JSONWriter(capacity: 4096 + document.feed.items.count * 8192)
        json.beginObject()
        json.member("version", version)
        json.member("title", document.title)
        json.member("home_page_url", document.homeURL)
        json.member("feed_url", document.selfURL)
        json.member("description", document.description)
        json.member("language", document.language)
        json.key("authors")
        json.beginArray()
        json.beginObject()
        json.member("name", document.site.publication.displayName)
        json.member("url", document.site.url("/"))
        json.endObject()
        json.endArray()
        json.key("items")
        json.beginArray()
        for item in document.feed.items { write(item, of: document, to: &json) }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    private static func write(_ item: FeedArticle, of document: FeedDocument, to json: inout JSONWriter) {
        let article = item.summary
        json.beginObject()
        json.member("id", document.itemID(article))
        json.member("url", document.articleURL(article))
        json.member("title", article.title)
        json.member("content_html", document.contentHTML(item))
        if let summary = article.summary { json.member("summary", summary) }
        if let hero = article.hero { json.member("image", hero.url) }
        if let published = article.publishedAt { json.member("date_published", published) }
        json.member("date_modified", article.updatedAt)
        if let author = article.author {
            json.key("authors")
            json.beginArray()
            json.beginObject()
            json.member("name", author)
            json.endObject()
            json.endArray()
        }
        let tags = article.tags.elements
        if article.category != nil || !tags.isEmpty {
            json.key("tags")
            json.beginArray()
            if let category = article.category { json.string(category.name) }
            for tag in tags { json.string(tag.name) }
            json.endArray()
        }
        json.key("_newsstore")
        json.beginObject()
        json.member("id", article.id)
        json.member("slug", article.slug)
        json.key("category")
        ArticleJSON.reference(article.category, to: &json)
        json.rawMember("tags", article.tags.json)
        json.key("hero")
        if let hero = article.hero { BlockCoding.write(hero, to: &json) } else { json.null() }
        json.endObject()
        json.endObject()
    }
}

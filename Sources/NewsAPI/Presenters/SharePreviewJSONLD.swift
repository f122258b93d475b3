import JSON
import NewsStore

/// The schema.org `NewsArticle` a search engine reads from an article's page (JSON-LD),
/// written with `JSONWriter`, whose `<`, `>` and `&` escapes make it safe inside `<script>`.
enum SharePreviewJSONLD {
    /// `url` is the article's public address; there is no JSON-LD without one, since its
    /// identifiers are URLs.
    static func newsArticle(
        _ article: Article, description: String?, url: String, publication: Publication, publisherURL: String
    ) -> JSONWriter {
        var json = JSONWriter(capacity: 1024)
        json.beginObject()
        json.member("@context", "https://schema.org")
        json.member("@type", "NewsArticle")
        json.member("headline", article.title)
        if let description { json.member("description", description) }
        if let hero = article.hero {
            json.key("image")
            json.beginArray()
            json.string(hero.url)
            json.endArray()
        }
        if let published = article.publishedAt { json.member("datePublished", published) }
        json.member("dateModified", article.updatedAt)
        json.key("author")
        if let author = article.author {
            json.beginObject()
            json.member("@type", "Person")
            json.member("name", author)
            json.endObject()
        } else {
            // An article without a byline is the newsroom's own; search engines want an author.
            organization(publication, url: publisherURL, into: &json)
        }
        json.key("publisher")
        organization(publication, url: publisherURL, into: &json)
        json.key("mainEntityOfPage")
        json.beginObject()
        json.member("@type", "WebPage")
        json.member("@id", url)
        json.endObject()
        json.member("url", url)
        if let category = article.category { json.member("articleSection", category.name) }
        let tags = article.tags.elements
        if !tags.isEmpty {
            json.key("keywords")
            json.beginArray()
            for tag in tags { json.string(tag.name) }
            json.endArray()
        }
        json.member("inLanguage", publication.language)
        json.endObject()
        return json
    }

    private static func organization(_ publication: Publication, url: String, into json: inout JSONWriter) {
        json.beginObject()
        json.member("@type", "Organization")
        json.member("name", publication.displayName)
        json.member("url", url)
        json.endObject()
    }
}

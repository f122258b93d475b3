import JSON
import NewsStore

/// Writes the most-read list: article summaries, each with its views in the window.
enum PopularJSON {
    static func list(_ articles: [PopularArticle]) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + articles.count * 768)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for article in articles {
            writer.beginObject()
            ArticleJSON.summaryMembers(article.summary, fields: nil, to: &writer)
            writer.member("views_in_window", article.viewsInWindow)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }
}

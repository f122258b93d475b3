import JSON
import NewsStore

/// Writes search results: each hit is an article summary plus its marked title and snippet.
enum SearchJSON {
    static func page(_ page: SearchPage) -> [UInt8] {
        var writer = JSONWriter(capacity: 512 + page.hits.count * 1024)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for hit in page.hits {
            writer.beginObject()
            ArticleJSON.summaryMembers(hit.article, fields: nil, to: &writer)
            writer.member("title_html", html(hit.title))
            writer.member("snippet_html", html(hit.snippet))
            writer.endObject()
        }
        writer.endArray()
        writer.member("next_cursor", page.nextCursor?.token)
        writer.endObject()
        return writer.bytes
    }

    /// Marked text as HTML a page can insert as is: the text escaped, each match in `<mark>`.
    static func html(_ text: MarkedText) -> String {
        var html = ""
        for fragment in text.fragments {
            let escaped = MarkupWriter.escape(fragment.text)
            html += fragment.isMatch ? "<mark>" + escaped + "</mark>" : escaped
        }
        return html
    }
}

import JSON
import NewsStore

/// Writes categories and tags as the API's JSON.
enum TermJSON {
    static func term(_ term: Term) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        write(term, to: &writer)
        return writer.bytes
    }

    static func list(_ terms: [Term]) -> [UInt8] {
        var writer = JSONWriter(capacity: 128 + terms.count * 200)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for term in terms { write(term, to: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    private static func write(_ term: Term, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", term.id)
        writer.member("slug", term.slug)
        writer.member("name", term.name)
        writer.member("description", term.description)
        writer.member("article_count", term.articleCount)
        writer.member("created_at", term.createdAt)
        writer.member("updated_at", term.updatedAt)
        writer.endObject()
    }
}

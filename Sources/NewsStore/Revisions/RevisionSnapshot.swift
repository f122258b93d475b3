import JSON

/// An article as the editors' view showed it at one revision, kept as JSON: the members of the
/// API's editors' detail under the same names and in the same form, with `related` holding the
/// editors' links as ids in their order. Live counters (`views`, `comment_count`) and
/// suggestions stay out: they change without an edit, and a revision is what an editor made.
public struct RevisionSnapshot: Sendable, Equatable {
    /// The members an edit can change, in the order diffs list them.
    public static let fields = [
        "slug", "title", "summary", "body", "hero", "author", "sources", "category", "tags", "status", "comments", "published_at",
        "related",
    ]

    /// The members of an article write (the API's input shape) a restore copies.
    private static let writableFields = ["slug", "title", "summary", "body", "hero", "author", "sources", "status", "comments", "published_at"]

    public let json: [UInt8]

    init(_ article: Article, related: [Int64]) {
        var writer = JSONWriter(capacity: 1024 + article.body.json.count)
        writer.beginObject()
        writer.member("id", article.id)
        writer.member("slug", article.slug)
        writer.member("title", article.title)
        writer.member("summary", article.summary)
        writer.rawMember("body", article.body.json)
        writer.key("hero")
        if let hero = article.hero { BlockCoding.write(hero, to: &writer) } else { writer.null() }
        writer.member("author", article.author)
        writer.rawMember("sources", article.sources.json)
        writer.key("category")
        if let category = article.category {
            writer.beginObject()
            category.writeMembers(to: &writer)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.rawMember("tags", article.tags.json)
        writer.member("status", article.status.rawValue)
        writer.member("comments", article.comments.rawValue)
        writer.member("published_at", article.publishedAt)
        writer.member("created_at", article.createdAt)
        writer.member("updated_at", article.updatedAt)
        writer.member("created_by", article.createdBy)
        writer.member("version", article.version)
        writer.key("related")
        writer.beginArray()
        for id in related { writer.int(id) }
        writer.endArray()
        writer.endObject()
        json = writer.bytes
    }

    /// Wraps a snapshot this module stored earlier.
    init(storedJSON: [UInt8]) {
        json = storedJSON
    }

    /// The snapshot's members; a snapshot this module wrote always parses.
    var members: JSONObject {
        (try? JSONParser.parse(json))?.objectValue ?? JSONObject()
    }

    /// What a restore writes: the article in the API's input shape (category by id, tags by
    /// slug, so a renamed term still matches), and the editors' related ids.
    var restoration: (input: JSONValue, related: [Int64]) {
        let members = self.members
        var input: [(String, JSONValue)] = Self.writableFields.compactMap { field in members[field].map { (field, $0) } }
        if let category = members["category"]?["id"] { input.append(("category", category)) }
        let tags = members["tags"]?.arrayValue ?? []
        input.append(("tags", .array(tags.compactMap { $0["slug"] })))
        let related = (members["related"]?.arrayValue ?? []).compactMap(\.int64Value)
        return (.object(JSONObject(uniqueKeysWithValues: input)), related)
    }
}

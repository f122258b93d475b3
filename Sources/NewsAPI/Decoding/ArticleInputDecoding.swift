import JSON
import NewsStore

/// Reads an article write from its JSON, noting wrongly typed or unknown members by JSON
/// Pointer in `readErrors`. Whether the values obey the rules is the service's business, and
/// it reports both kinds together.
enum ArticleInputDecoding {
    static let readOnlyFields: Set<String> = ["id", "created_at", "updated_at", "views", "comment_count", "version", "related"]

    static func decode(_ json: JSONValue) -> ArticleInput {
        var reader = ObjectReader(json, at: "")
        var input = ArticleInput()
        input.slug = reader.string("slug")
        input.title = reader.string("title")
        input.summary = reader.string("summary")
        input.author = reader.string("author")
        if let body = reader.value("body") {
            if case .string(let text) = body {
                input.body = Block.paragraphs(fromPlainText: text)
            } else {
                var errors: [FieldError] = []
                input.body = BlockCoding.decodeBlocks(body, at: "/body", errors: &errors)
                for error in errors { reader.fail(String(error.pointer.dropFirst()), error.detail) }
            }
        }
        if let hero = reader.value("hero") {
            var errors: [FieldError] = []
            input.hero = BlockCoding.decodeImage(hero, at: "/hero", errors: &errors)
            for error in errors { reader.fail(String(error.pointer.dropFirst()), error.detail) }
        }
        if let sources = reader.value("sources") {
            input.sources = decodeSources(sources, reader: &reader)
        }
        switch reader.value("category") {
        case .string(let key)?: input.category = key
        case .number(let number)? where number.int64 != nil: input.category = String(number.int64!)
        case nil: break
        default: reader.fail("category", "must be a category slug or id")
        }
        input.tags = reader.strings("tags") ?? []
        if let status = reader.string("status") {
            if let parsed = ArticleStatus(rawValue: status) {
                input.status = parsed
            } else {
                reader.fail("status", "must be draft, published or archived")
            }
        }
        if let published = reader.string("published_at") {
            if let timestamp = Timestamp(dateOrDateTime: published) {
                input.publishedAt = timestamp
            } else {
                reader.fail("published_at", "must be an ISO 8601 date or date-time, e.g. 2025-07-04T09:30:00Z")
            }
        }
        if let comments = reader.string("comments") {
            if let parsed = CommentAccess(rawValue: comments) {
                input.comments = parsed
            } else {
                reader.fail("comments", "must be open or closed")
            }
        }
        for field in readOnlyFields where reader.value(field) != nil {
            reader.fail(field, "is set by the server and cannot be written")
        }
        reader.rejectUnreadMembers()
        input.readErrors = reader.errors
        return input
    }

    private static func decodeSources(_ value: JSONValue, reader: inout ObjectReader) -> [CitedSource] {
        guard case .array(let elements) = value else {
            reader.fail("sources", "must be an array of {name, url, relation} objects")
            return []
        }
        var sources: [CitedSource] = []
        for (index, element) in elements.enumerated() {
            var source = ObjectReader(element, at: "/sources/\(index)")
            let name = source.string("name", required: true)
            let url = source.string("url")
            let relation = source.string("relation")
            source.rejectUnreadMembers()
            for error in source.errors { reader.fail(String(error.pointer.dropFirst()), error.detail) }
            if let name { sources.append(CitedSource(name: name, url: url, relation: relation)) }
        }
        return sources
    }

    /// The writable members of `article` as JSON, the base a merge patch applies to.
    static func writableJSON(of article: Article) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("slug", .string(article.slug)),
            ("title", .string(article.title)),
            ("status", .string(article.status.rawValue)),
            ("comments", .string(article.comments.rawValue)),
            ("tags", .array(article.tags.elements.map { .string($0.slug) })),
        ]
        if let body = try? JSONParser.parse(article.body.json) { members.append(("body", body)) }
        if let summary = article.summary { members.append(("summary", .string(summary))) }
        if let author = article.author { members.append(("author", .string(author))) }
        if let category = article.category { members.append(("category", .string(category.slug))) }
        if let published = article.publishedAt { members.append(("published_at", .string(published.rfc3339))) }
        if let hero = article.hero {
            var writer = JSONWriter()
            BlockCoding.write(hero, to: &writer)
            if let value = try? JSONParser.parse(writer.bytes) { members.append(("hero", value)) }
        }
        let sources = article.sources.elements
        if !sources.isEmpty {
            members.append(
                (
                    "sources",
                    .array(
                        sources.map { source in
                            var fields: [(String, JSONValue)] = [("name", .string(source.name))]
                            if let url = source.url { fields.append(("url", .string(url))) }
                            if let relation = source.relation { fields.append(("relation", .string(relation))) }
                            return .object(JSONObject(uniqueKeysWithValues: fields))
                        })
                ))
        }
        return .object(JSONObject(uniqueKeysWithValues: members))
    }
}

import JSON
import NewsStore

/// Writes articles, summaries and pages as the API's JSON, straight into bytes: the hot read
/// paths never go through an encoder that reflects on types.
enum ArticleJSON {
    /// The article; its entity tag covers everything but `comment_count` and `views`, the last
    /// members (see `TaggedJSON`). The related summaries inside carry neither counter, so that
    /// other articles' readers and commenters cannot change this article's tag either.
    /// Editors (any token) also see `created_by`, whose own the article is; readers never see
    /// the names tokens go by.
    static func detail(_ article: Article, body format: BodyFormat, for audience: Audience) -> TaggedJSON {
        // Room for the body (twice, for HTML's tags) and a spliced related list as they are,
        // so a detail of ten kilobytes does not grow, copying, on its way.
        var writer = JSONWriter(capacity: 1024 + article.body.json.count * 2 + (article.renderedRelated?.bytes.count ?? 0))
        writer.beginObject()
        writer.member("id", article.id)
        writer.member("slug", article.slug)
        writer.member("title", article.title)
        writer.member("summary", article.summary)
        switch format {
        case .blocks: writer.rawMember("body", article.body.json)
        case .html: writer.member("body", BodyRenderer.html(article.body.blocks))
        case .text: writer.member("body", article.body.plainText)
        }
        writer.key("hero")
        image(article.hero, to: &writer)
        writer.member("author", article.author)
        writer.rawMember("sources", article.sources.json)
        writer.key("category")
        reference(article.category, to: &writer)
        writer.rawMember("tags", article.tags.json)
        writer.member("status", article.status.rawValue)
        writer.member("comments", article.comments.rawValue)
        writer.member("published_at", article.publishedAt)
        writer.member("created_at", article.createdAt)
        writer.member("updated_at", article.updatedAt)
        if audience == .editor { writer.member("created_by", article.createdBy) }
        writer.member("version", article.version)
        writer.key("related")
        writer.beginArray()
        if let rendered = article.renderedRelated {
            for item in rendered.items {
                writer.beginObject()
                writer.rawMembers(rendered.bytes[item.members])
                writer.member("suggested", item.suggested)
                writer.endObject()
            }
        } else {
            for related in article.related { relatedItem(related, suggested: false, to: &writer) }
            for suggestion in article.suggestions { relatedItem(suggestion, suggested: true, to: &writer) }
        }
        writer.endArray()
        // Keep the live counters last: the tag covers the bytes before them, so neither a
        // reader's view nor a moderator's approval changes the ETag an editor's If-Match holds.
        let taggedCount = writer.bytes.count
        writer.member("comment_count", article.commentCount)
        writer.member("views", article.views)
        writer.endObject()
        return TaggedJSON(bytes: writer.bytes, taggedCount: taggedCount)
    }

    /// Summary members of the related articles inside a detail: all but the live counters.
    static let relatedFields = Set(ArticleField.allCases).subtracting([.commentCount, .views])

    /// An item of a detail's `related`: a summary marked as an editors' link or a suggestion.
    private static func relatedItem(_ item: ArticleSummary, suggested: Bool, to writer: inout JSONWriter) {
        writer.beginObject()
        summaryMembers(item, fields: relatedFields, to: &writer)
        writer.member("suggested", suggested)
        writer.endObject()
    }

    static func page(_ page: ArticlePage, fields: Set<ArticleField>?) -> [UInt8] {
        var writer = JSONWriter(capacity: 512 + page.items.count * 768)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for item in page.items { summary(item, fields: fields, to: &writer) }
        writer.endArray()
        writer.member("next_cursor", page.nextCursor?.token)
        writer.endObject()
        return writer.bytes
    }

    static func list(_ items: [ArticleSummary]) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for item in items { summary(item, fields: nil, to: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    /// A summary with all members, or only `fields`.
    static func summary(_ item: ArticleSummary, fields: Set<ArticleField>?, to writer: inout JSONWriter) {
        writer.beginObject()
        summaryMembers(item, fields: fields, to: &writer)
        writer.endObject()
    }

    /// The members of a summary, for objects that add their own (search hits, related items).
    static func summaryMembers(_ item: ArticleSummary, fields: Set<ArticleField>?, to writer: inout JSONWriter) {
        for field in ArticleField.allCases where fields?.contains(field) ?? true {
            switch field {
            case .id: writer.member("id", item.id)
            case .slug: writer.member("slug", item.slug)
            case .title: writer.member("title", item.title)
            case .summary: writer.member("summary", item.summary)
            case .hero:
                writer.key("hero")
                image(item.hero, to: &writer)
            case .author: writer.member("author", item.author)
            case .category:
                writer.key("category")
                reference(item.category, to: &writer)
            case .tags: writer.rawMember("tags", item.tags.json)
            case .status: writer.member("status", item.status.rawValue)
            case .publishedAt: writer.member("published_at", item.publishedAt)
            case .updatedAt: writer.member("updated_at", item.updatedAt)
            case .commentCount: writer.member("comment_count", item.commentCount)
            case .views: writer.member("views", item.views)
            }
        }
    }

    private static func image(_ image: HeroImage?, to writer: inout JSONWriter) {
        guard let image else { return writer.null() }
        BlockCoding.write(image, to: &writer)
    }

    static func reference(_ reference: TermReference?, to writer: inout JSONWriter) {
        guard let reference else { return writer.null() }
        writer.beginObject()
        // The members a stored tag list holds, so a category reads like the tags beside it.
        reference.writeMembers(to: &writer)
        writer.endObject()
    }
}

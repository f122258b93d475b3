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
    ///
    /// Its summary's members come first, as a related item's (`relatedFields`), then what a
    /// detail adds: so a reader's detail can splice them kept (`detail(_:body:)`).
    static func detail(_ article: Article, body format: BodyFormat, for audience: Audience) -> TaggedJSON {
        // Room for the body (twice, for HTML's tags) and a spliced related list as they are,
        // so a detail of ten kilobytes does not grow, copying, on its way.
        var writer = JSONWriter(capacity: 1024 + article.body.json.count * 2 + (article.renderedRelated?.bytes.count ?? 0))
        writer.beginObject()
        summaryMembers(ArticleSummary(article), fields: relatedFields, to: &writer)
        return finishDetail(
            &writer, body: article.body, format: format, sources: article.sources, comments: article.comments,
            createdAt: article.createdAt, createdBy: audience == .editor ? .some(article.createdBy) : nil, version: article.version,
            related: { writer in
                if let rendered = article.renderedRelated { return relatedItems(rendered, to: &writer) }
                for related in article.related { relatedItem(related, suggested: false, to: &writer) }
                for suggestion in article.suggestions { relatedItem(suggestion, suggested: true, to: &writer) }
            }, commentCount: article.commentCount, views: article.views)
    }

    /// A reader's detail from kept renderings: the same bytes `detail(_:body:for:)` writes
    /// for a reader from the whole article.
    static func detail(_ article: SplicedArticle, body format: BodyFormat) -> TaggedJSON {
        var writer = JSONWriter(
            capacity: 512 + article.summaryMembers.count + article.body.json.count * 2 + article.renderedRelated.bytes.count)
        writer.beginObject()
        writer.rawMembers(article.summaryMembers[...])
        return finishDetail(
            &writer, body: article.body, format: format, sources: article.sources, comments: article.comments,
            createdAt: article.createdAt, createdBy: nil, version: article.version,
            related: { relatedItems(article.renderedRelated, to: &$0) }, commentCount: article.commentCount, views: article.views)
    }

    /// The members a detail adds to its summary's, and the end of the object. `createdBy`:
    /// nil for readers, who never see it; `.some(nil)` writes `null`.
    private static func finishDetail(
        _ writer: inout JSONWriter, body: ArticleBody, format: BodyFormat, sources: SourceList, comments: CommentAccess,
        createdAt: Timestamp, createdBy: String??, version: Int64, related: (inout JSONWriter) -> Void, commentCount: Int64,
        views: Int64
    ) -> TaggedJSON {
        switch format {
        case .blocks: writer.rawMember("body", body.json)
        case .html: writer.member("body", BodyRenderer.html(body.blocks))
        case .text: writer.member("body", body.plainText)
        }
        writer.rawMember("sources", sources.json)
        writer.member("comments", comments.rawValue)
        writer.member("created_at", createdAt)
        if let createdBy { writer.member("created_by", createdBy) }
        writer.member("version", version)
        writer.key("related")
        writer.beginArray()
        related(&writer)
        writer.endArray()
        // Keep the live counters last: the tag covers the bytes before them, so neither a
        // reader's view nor a moderator's approval changes the ETag an editor's If-Match holds.
        let taggedCount = writer.bytes.count
        writer.member("comment_count", commentCount)
        writer.member("views", views)
        writer.endObject()
        return TaggedJSON(bytes: writer.bytes, taggedCount: taggedCount)
    }

    /// A reader's related list, spliced as the service rendered it.
    private static func relatedItems(_ rendered: RenderedRelated, to writer: inout JSONWriter) {
        for item in rendered.items {
            writer.beginObject()
            writer.rawMembers(rendered.bytes[item.members])
            writer.member("suggested", item.suggested)
            writer.endObject()
        }
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

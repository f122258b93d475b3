import JSON
import SQLite

/// The columns of an article summary, read from `articles a` LEFT JOIN `categories c`, with
/// the article's `sort_at` (the listing key, which a summary does not show). Statements that
/// select more add theirs after these.
struct ArticleSummaryColumns {
    let id: Int
    let slug: Int
    let title: Int
    let summary: Int
    let hero: Int
    let author: Int
    let status: Int
    let publishedAt: Int
    let updatedAt: Int
    let views: Int
    let sortAt: Int
    let category: TermReferenceColumns
    let tags: Int
    let commentCount: Int

    init(_ list: inout SelectList) {
        id = list.column("a.id")
        slug = list.column("a.slug")
        title = list.column("a.title")
        summary = list.column("a.summary")
        hero = list.column("a.hero")
        author = list.column("a.author")
        status = list.column("a.status")
        publishedAt = list.column("a.published_at")
        updatedAt = list.column("a.updated_at")
        views = list.column("a.views")
        sortAt = list.column("a.sort_at")
        category = TermReferenceColumns(&list, table: "c")
        tags = list.column("a.tags_json")
        commentCount = list.column(Self.commentCount)
    }

    /// An article's `comment_count`, kept in `comment_counts` by the comment service: one
    /// primary-key read, not a count.
    static let commentCount = "coalesce((SELECT n.approved FROM comment_counts n WHERE n.article_id = a.id), 0)"

    func read(_ row: Statement) -> ArticleSummary {
        ArticleSummary(
            id: row.int64(at: id), slug: row.string(at: slug)!, title: row.string(at: title)!, summary: row.string(at: summary),
            hero: row.heroImage(at: hero), author: row.string(at: author), category: category.readOptional(row),
            tags: TagList(storedJSON: row.blob(at: tags) ?? []), status: row.articleStatus(at: status),
            publishedAt: row.timestamp(at: publishedAt), updatedAt: Timestamp(milliseconds: row.int64(at: updatedAt)),
            views: row.int64(at: views), commentCount: row.int64(at: commentCount))
    }
}

extension Statement {
    /// A stored hero image; what this module stored always decodes.
    func heroImage(at index: Int) -> HeroImage? {
        guard let json = blob(at: index), let value = try? JSONParser.parse(json) else { return nil }
        var errors: [FieldError] = []
        return BlockCoding.decodeImage(value, at: "", errors: &errors)
    }

    /// A status column; the schema's CHECK allows only the statuses there are.
    func articleStatus(at index: Int) -> ArticleStatus {
        string(at: index).flatMap(ArticleStatus.init(rawValue:)) ?? .draft
    }
}

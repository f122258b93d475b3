import NewsStore

/// The members of an article summary, which `fields=` may narrow.
enum ArticleField: String, CaseIterable, Sendable {
    case id, slug, title, summary, hero, author, category, tags, status
    case publishedAt = "published_at"
    case updatedAt = "updated_at"
    case commentCount = "comment_count"
    case views

    /// Parses `fields=id,slug,title`; fails with the first unknown field, or an empty name when
    /// the list names none.
    static func parse(_ list: String) -> Result<Set<ArticleField>, UnknownField> {
        var fields: Set<ArticleField> = []
        for name in list.split(separator: ",", omittingEmptySubsequences: true) {
            let trimmed = name.trimmingWhitespace
            guard let field = ArticleField(rawValue: String(trimmed)) else { return .failure(UnknownField(name: String(trimmed))) }
            fields.insert(field)
        }
        guard !fields.isEmpty else { return .failure(UnknownField(name: "")) }
        return .success(fields)
    }

    struct UnknownField: Error {
        let name: String
    }
}

/// An article that passed the rules, ready for the repository.
struct ValidArticle: Sendable {
    var slug: String?
    var title: String
    var summary: String?
    var body: [Block]
    var hero: HeroImage?
    var author: String?
    var sources: [CitedSource]
    var category: String?
    var tags: [String]
    var status: ArticleStatus
    var publishedAt: Timestamp?
    var comments: CommentAccess
}

/// The rules every article write must pass. Pure: what needs the database (does the category
/// exist, is the slug taken) is checked by the repository inside the write transaction.
enum ArticleValidation {
    static func validate(_ input: ArticleInput) throws(NewsStoreError) -> ValidArticle {
        var rules = FieldRules(errors: input.readErrors)
        let title = rules.text(input.title, at: "/title", max: Limits.titleLength, required: true)
        var slug: String?
        if let given = input.slug {
            if Slug.reservedForArticles.contains(given) {
                rules.add("/slug", "is reserved: /api/v1/articles/\(given) is another resource")
            } else if Slug.isValid(given) {
                slug = given
            } else {
                rules.add("/slug", "must be 1 to \(Slug.maxLength) lowercase letters, digits or single hyphens, and not only digits")
            }
        }
        let summary = rules.text(input.summary, at: "/summary", max: Limits.summaryLength)
        let status = input.status ?? .draft
        if input.body.count > Limits.blockCount {
            rules.add("/body", "must have at most \(Limits.blockCount) blocks")
        }
        var body: [Block] = []
        for (index, block) in input.body.prefix(Limits.blockCount).enumerated() {
            if let block = validate(block, at: "/body/\(index)", rules: &rules) { body.append(block) }
        }
        if status == .published && input.body.isEmpty {
            rules.add("/body", "is required to publish")
        }
        let hero = input.hero.flatMap { validate($0, at: "/hero", rules: &rules) }
        let author = rules.text(input.author, at: "/author", max: Limits.authorLength)
        if input.sources.count > Limits.sources { rules.add("/sources", "must have at most \(Limits.sources) entries") }
        var sources: [CitedSource] = []
        for (index, source) in input.sources.prefix(Limits.sources).enumerated() {
            let pointer = "/sources/\(index)"
            let name = rules.text(source.name, at: "\(pointer)/name", max: Limits.shortTextLength, required: true)
            let url = rules.url(source.url, at: "\(pointer)/url")
            let relation = rules.text(source.relation, at: "\(pointer)/relation", max: Limits.relationLength)
            // A source named twice would list the article twice under `source=`.
            if let name, sources.contains(where: { $0.name == name }) {
                rules.add("\(pointer)/name", "names a source already listed")
            } else if let name {
                sources.append(CitedSource(name: name, url: url, relation: relation))
            }
        }
        let category = rules.text(input.category, at: "/category", max: Limits.termNameLength)
        if input.tags.count > Limits.tags { rules.add("/tags", "must have at most \(Limits.tags) entries") }
        var tags: [String] = []
        for (index, tag) in input.tags.prefix(Limits.tags).enumerated() {
            guard let name = rules.text(tag, at: "/tags/\(index)", max: Limits.termNameLength, required: true) else { continue }
            if !tags.contains(name) { tags.append(name) }
        }
        guard rules.errors.isEmpty, let title else { throw .invalid(rules.errors) }
        return ValidArticle(
            slug: slug, title: title, summary: summary, body: body, hero: hero, author: author, sources: sources,
            category: category, tags: tags, status: status, publishedAt: input.publishedAt, comments: input.comments ?? .open)
    }

    private static func validate(_ block: Block, at pointer: String, rules: inout FieldRules) -> Block? {
        switch block {
        case .paragraph(let text):
            return rules.text(text, at: "\(pointer)/text", max: Limits.blockTextLength, required: true).map(Block.paragraph)
        case .quote(let text):
            return rules.text(text, at: "\(pointer)/text", max: Limits.blockTextLength, required: true).map(Block.quote)
        case .heading(let text, let level):
            if !(2...4).contains(level) { rules.add("\(pointer)/level", "must be 2, 3 or 4") }
            return rules.text(text, at: "\(pointer)/text", max: Limits.shortTextLength, required: true).map { .heading($0, level: level) }
        case .list(let items, let ordered):
            if items.isEmpty || items.count > Limits.listItems {
                rules.add("\(pointer)/items", "must have 1 to \(Limits.listItems) items")
            }
            let cleaned = items.prefix(Limits.listItems).enumerated().compactMap { index, item in
                rules.text(item, at: "\(pointer)/items/\(index)", max: Limits.blockTextLength, required: true)
            }
            return .list(items: cleaned, ordered: ordered)
        case .image(let image):
            return validate(image, at: pointer, rules: &rules).map(Block.image)
        }
    }

    private static func validate(_ image: Block.Image, at pointer: String, rules: inout FieldRules) -> Block.Image? {
        let url = rules.url(image.url, at: "\(pointer)/url", required: true)
        let alt = rules.text(image.alt, at: "\(pointer)/alt", max: Limits.altTextLength)
        let caption = rules.text(image.caption, at: "\(pointer)/caption", max: Limits.summaryLength)
        let credit = rules.text(image.credit, at: "\(pointer)/credit", max: Limits.shortTextLength)
        return url.map { Block.Image(url: $0, alt: alt, caption: caption, credit: credit) }
    }
}

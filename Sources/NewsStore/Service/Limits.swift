/// Size rules for what editors write: generous for real articles, small enough that one
/// request cannot bloat the database or a listing response.
enum Limits {
    static let titleLength = 300
    static let summaryLength = 1_000
    static let blockTextLength = 20_000
    static let blockCount = 500
    static let listItems = 100
    static let shortTextLength = 300
    static let altTextLength = 500
    static let urlLength = 2_048
    static let authorLength = 200
    static let sources = 20
    static let relationLength = 50
    static let tags = 30
    static let termNameLength = 100
    static let termDescriptionLength = 1_000
    static let relatedArticles = 50
    static let tokenNameLength = 100
}

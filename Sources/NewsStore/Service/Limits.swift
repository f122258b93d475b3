/// Size rules for what editors write: generous for real articles, small enough that one
/// request cannot bloat the database or a listing response.
enum Limits {
    /// Every text's limit in characters also bounds its UTF-8 bytes, at this many per
    /// character. Four is the most one code point takes, so any text of one code point per
    /// character fits at its full length whatever the script: plain Arabic takes about 2 bytes
    /// a character, fully vocalized Arabic (Quran and poetry quotes) 3.2 to 3.4 as measured,
    /// a lone emoji 4. What runs into the byte bound first is what a character count
    /// undercounts: marks stacked on one letter, long emoji sequences. A tighter factor would
    /// refuse a vocalized quote of legitimate length; without one, a 300-character title
    /// could fill the whole 1 MiB request.
    static let bytesPerCharacter = 4
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

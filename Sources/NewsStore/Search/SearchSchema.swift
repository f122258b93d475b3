import SQLite

/// What every connection to the store needs before it touches the search index: the tokenizer
/// the index is declared with, the function its triggers use to index an article's body, the
/// function search ranks with, and the one that gives a hit's matches for marking them.
/// Without them SQLite cannot read the index, nor write an article (the triggers would fail).
enum SearchSchema {
    static func install(on connection: Connection) throws {
        try connection.register(tokenizer: SearchTokenizer(), named: SearchTokenizer.name)
        try connection.register(ranker: SearchRanking(), named: SearchRanking.name)
        try connection.register(bodyText)
        try connection.registerInstances(named: instancesFunction)
    }

    /// `newsstore_instances(article_search)`: the row's phrase instances (`FullTextInstances`).
    static let instancesFunction = "newsstore_instances"

    /// `newsstore_body_text(body)`: the stored body (a JSON array of blocks) as the plain text
    /// search indexes, one block per paragraph. NULL or text that is not a body gives ''.
    static let bodyText = ScalarFunction(name: "newsstore_body_text", argumentCount: 1) { arguments in
        guard case .text(let json) = arguments.first else { return .text("") }
        return .text(ArticleBody(storedJSON: Array(json.utf8)).plainText)
    }
}

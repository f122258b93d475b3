import SQLite
import Testing

@testable import NewsStore

/// Every value is bound, never spliced into SQL: strings that would break spliced SQL (or an
/// FTS5 query) are stored and read back exactly.
@Suite struct HostileTextTests {
    static let hostile = [
        "'; DROP TABLE articles; --", "\" OR 1=1 --", "Robert'); DELETE FROM tags;--", "%' OR '%'='", "\\'; SELECT 1; --",
        "NEAR(a b) OR c*", "<script>alert(1)</script>", "دمشق'--", "?1 ?2 :name @x $y",
    ]

    @Test func hostileStringsRoundTripThroughEveryTextField() throws {
        try withStore { store in
            for (index, text) in Self.hostile.enumerated() {
                var input = Sample.article(
                    "\(text) \(index)", author: text, sources: [CitedSource(name: text, url: nil, relation: text)],
                    body: [.paragraph(text), .heading(text, level: 2), .quote(text)])
                input.summary = text
                input.tags = [text]
                let created = try store.articles.create(input, by: .system)
                let read = try #require(try store.found(created.id))
                #expect(read.title == "\(text) \(index)")
                #expect(read.summary == text)
                #expect(read.author == text)
                #expect(read.body.blocks == [.paragraph(text), .heading(text, level: 2), .quote(text)])
                #expect(read.tags.elements.map(\.name) == [text])
                #expect(read.sources.elements.first?.name == text)
                var query = ArticleQuery()
                query.author = text
                #expect(try store.ids(query) == [created.id])
                query = ArticleQuery()
                query.source = text
                #expect(try store.ids(query) == [created.id])
            }
            #expect(try store.int("SELECT count(*) FROM articles") == Self.hostile.count)
            #expect(try store.int("SELECT count(*) FROM tags") == Self.hostile.count)
        }
    }

    /// The rule itself, checked where it matters: after every service read, write, listing and
    /// search has handled the hostile strings, none of them appears in the text of any SQL
    /// statement SQLite compiled (SQLite's own `sqlite_stmt` lists them). Spliced, a value
    /// would be there; bound, it never is.
    @Test func noHostileStringEverBecomesSQLText() throws {
        try withStore(readers: 1) { store in
            let search = SearchService(database: store.database, clock: store.clock.clock)
            for text in Self.hostile {
                var input = Sample.article(text, author: text, sources: [CitedSource(name: text)], body: [.paragraph(text)])
                input.tags = [text]
                let created = try store.articles.create(input, by: .system)
                _ = try store.found(created.id)
                _ = try store.found(created.slug, for: .reader)
                var query = ArticleQuery()
                query.author = text
                query.source = text
                _ = try store.ids(query)
                _ = try store.terms.list(.tag, prefix: text, for: .editor)
                if let terms = try? SearchTerms(parsing: text) { _ = try search.search(SearchRequest(terms: terms)) }
            }
            var statements: [String] = []
            try store.database.pool.read { db in statements += try QueryPlanTests.preparedStatements(db) }
            try store.database.pool.writeWithoutTransaction { db in statements += try QueryPlanTests.preparedStatements(db) }
            #expect(statements.count > 10)
            for text in Self.hostile {
                let fragment = String(text.prefix(12))
                #expect(!statements.contains { $0.contains(fragment) }, "'\(fragment)' reached SQL text")
            }
        }
    }
}

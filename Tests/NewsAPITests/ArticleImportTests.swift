import HTTP
import JSON
import Testing

@testable import NewsAPI
@testable import NewsStore

/// `ArticleImport`: JSON lines through the API's decoding and the service's rules, in batches.
@Suite struct ArticleImportTests {
    private func lines(_ text: String) -> [ArraySlice<UInt8>] {
        // By bytes: "\r\n" is one Character, and the importer sees bytes.
        Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    }

    private func importing(_ text: String, into api: TestAPI, batchSize: Int = 2, skipExisting: Bool = false) throws -> ArticleImport {
        var importer = ArticleImport(database: api.database, configuration: APIConfiguration(), batchSize: batchSize, skipExisting: skipExisting)
        for line in lines(text) { try importer.add(line: line) }
        try importer.finish()
        return importer
    }

    private func count(_ sql: String, in api: TestAPI) throws -> Int64 {
        try api.database.read { db in
            try db.withStatement(sql) { statement in
                _ = try statement.step()
                return statement.int64(at: 0)
            }
        }
    }

    private func detail(_ key: String, in api: TestAPI) throws -> JSONObject {
        let response = try api.send(.get, "/api/v1/articles/\(key)")
        try #require(response.status == .ok)
        return try #require(try JSONParser.parse(response.body).objectValue)
    }

    @Test func linesBecomeTheArticlesThePOSTWouldMake() throws {
        let api = try TestAPI()
        defer { api.close() }
        #expect(try api.send(.post, "/api/v1/categories", #"{"name":"سياسة","slug":"politics"}"#).status == .created)
        let article =
            #"{"title":"دمشق توافق","slug":"damascus","summary":"ملخص","body":"فقرة أولى\n\nفقرة ثانية","category":"politics","tags":["سوريا","داعش"],"status":"published","published_at":"2025-07-01T09:30:00Z"}"#
        let importer = try importing(
            """
            \(article)

            {"title":"مسودة","slug":"draft-one"}\r
            {"title":"بلا رابط"}
            """, into: api)
        #expect(importer.progress.lines == 4)
        #expect(importer.progress.created == 3)
        #expect(importer.progress.skipped == 0)

        // The same input through the API gives the same article but for its id, slug and times.
        let posted = article.replacingOccurrences(of: #""slug":"damascus""#, with: #""slug":"damascus-api""#)
        #expect(try api.send(.post, "/api/v1/articles", posted).status == .created)
        // An import is the system's; the POST was the bootstrap token's.
        let differing: Set = ["id", "slug", "created_at", "updated_at", "related", "created_by"]
        func comparable(_ object: JSONObject) -> JSONObject {
            JSONObject(uniqueKeysWithValues: object.members.filter { !differing.contains($0.key) }.map { ($0.key, $0.value) })
        }
        let imported = comparable(try detail("damascus", in: api))
        #expect(imported["title"] == .string("دمشق توافق"))
        #expect(try detail("damascus", in: api)["created_by"] == .string("system"))
        #expect(imported == comparable(try detail("damascus-api", in: api)))
        #expect(try detail("draft-one", in: api)["status"] == .string("draft"))
        #expect(try count("SELECT count(*) FROM articles WHERE slug = 'بلا-رابط'", in: api) == 1)
        // One audit row per imported article, by the system.
        #expect(try count("SELECT count(*) FROM audit_log WHERE action = 'article.import' AND identity = 'system'", in: api) == 3)
    }

    @Test func aLineThatBreaksARuleStopsWithItsNumberAndRollsBackOnlyItsBatch() throws {
        let api = try TestAPI()
        defer { api.close() }
        let text = """
            {"title":"أ","slug":"a"}
            {"title":"ب","slug":"b"}
            {"title":"ج","slug":"c"}
            {"slug":"d","status":"gone"}
            """
        var importer = ArticleImport(database: api.database, configuration: APIConfiguration(), batchSize: 2, skipExisting: false)
        var refused: ArticleImport.LineRefused?
        do {
            for line in lines(text) { try importer.add(line: line) }
            try importer.finish()
        } catch let error as ArticleImport.LineRefused {
            refused = error
        }
        let error = try #require(refused)
        #expect(error.line == 4)
        // The API's 422 members, by JSON Pointer: a missing title and an unknown status.
        #expect(error.detail.contains("/title"))
        #expect(error.detail.contains("/status"))
        #expect(importer.progress.created == 2)
        #expect(try count("SELECT count(*) FROM articles", in: api) == 2)
        #expect(try count("SELECT count(*) FROM articles WHERE slug = 'c'", in: api) == 0)

        // Run again, fixed, skipping what is there: only the rest is created.
        let fixed = try importing(
            text.replacingOccurrences(of: #"{"slug":"d","status":"gone"}"#, with: #"{"title":"د","slug":"d"}"#), into: api, skipExisting: true)
        #expect(fixed.progress.created == 2)
        #expect(fixed.progress.skipped == 2)
        #expect(try count("SELECT count(*) FROM articles", in: api) == 4)
    }

    @Test func aTakenSlugWithoutSkippingAndAnUnknownCategoryAreRefused() throws {
        let api = try TestAPI()
        defer { api.close() }
        _ = try importing(#"{"title":"أ","slug":"a"}"#, into: api)
        #expect(throws: ArticleImport.LineRefused.self) {
            try importing("{\"title\":\"ب\",\"slug\":\"b\"}\n{\"title\":\"أ\",\"slug\":\"a\"}", into: api)
        }
        #expect(throws: ArticleImport.LineRefused.self) { try importing(#"{"title":"ج","category":"nowhere"}"#, into: api) }
        #expect(try count("SELECT count(*) FROM articles", in: api) == 1)
    }

    @Test func aLineThatIsNotJSONIsNamed() throws {
        let api = try TestAPI()
        defer { api.close() }
        do {
            _ = try importing("{\"title\":\"أ\"}\n{\"title\": ", into: api)
            Issue.record("a broken line was accepted")
        } catch let error as ArticleImport.LineRefused {
            #expect(error.line == 2)
            #expect(error.detail.hasPrefix("not JSON"))
        }
    }
}

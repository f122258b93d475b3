import Foundation
import SQLite
import TestSupport
import Testing

@testable import NewsStore

/// Migration 0005 rewrites JSON stored before the writer escaped `<`, `>`, `&`, U+2028 and
/// U+2029, so that old articles too are sent out safe to inline, and read back unchanged.
struct InlineSafeStoredJSONMigrationTests {
    @Test func rowsWrittenBeforeTheEscapingAreRewrittenAndReadTheSame() throws {
        let directory = try makeTemporaryDirectory(prefix: "newsstore-migration-0005")
        defer { removeDirectoryTree(directory) }
        // The database as the previous release left it: migrated up to 0004.
        let earlier = directory + "/migrations-0004"
        try FileManager.default.createDirectory(atPath: earlier, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: repositoryMigrationsDirectory()) where file < "0005" {
            try FileManager.default.copyItem(atPath: repositoryMigrationsDirectory() + "/" + file, toPath: earlier + "/" + file)
        }
        let path = directory + "/news.sqlite"
        var database = try NewsDatabase(path: path, migrationsDirectory: earlier, readers: 1)
        let raw = "a <b> & c \u{2028} d"
        let safe = #"a \u003cb\u003e \u0026 c \u2028 d"#
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO articles (slug, title, status, sort_at, created_at, updated_at, hero, tags_json, sources_json, body)
                    VALUES ('old', 'old', 'draft', 1, 1, 1, '{"url":"https://x.example/a.jpg","alt":"\(raw)"}',
                            '[{"id":1,"slug":"t","name":"\(raw)"}]', '[{"name":"\(raw)"}]',
                            '[{"type":"paragraph","text":"\(raw)"}]');
                    INSERT INTO articles (slug, title, status, sort_at, created_at, updated_at, body)
                    VALUES ('plain', 'plain', 'draft', 1, 1, 1, '[{"type":"paragraph","text":"نص"}]');
                    """)
        }
        database.close()

        database = try NewsDatabase(path: path, migrationsDirectory: repositoryMigrationsDirectory(), readers: 1)
        defer { database.close() }
        let stored = try database.pool.read { db in
            try db.withStatement("SELECT hero, tags_json, sources_json, body FROM articles WHERE slug = 'old'") { statement in
                _ = try statement.step()
                return (0..<4).map { statement.string(at: $0) ?? "" }
            }
        }
        for column in stored {
            #expect(column.contains(safe), "\(column)")
            #expect(!column.contains("<") && !column.contains(">") && !column.contains("&") && !column.contains("\u{2028}"))
        }
        let article = try ArticleService(database: database, events: .forTests).article("old", for: .editor)
        guard case .found(let found) = article else {
            Issue.record("the rewritten article is not found")
            return
        }
        #expect(found.body.blocks == [Block.paragraph(raw)])
        #expect(found.hero?.alt == raw)
        #expect(found.sources.elements.map(\.name) == [raw])
        let untouched = try database.pool.read { db in
            try db.withStatement("SELECT body FROM articles WHERE slug = 'plain'") { statement in
                _ = try statement.step()
                return statement.string(at: 0)
            }
        }
        #expect(untouched == #"[{"type":"paragraph","text":"نص"}]"#)
    }
}

import Foundation
import SQLite
import TestSupport
import Testing

@testable import NewsStore

/// Migration 0009 rebuilds `api_tokens` with roles: tokens from before keep working, as
/// admins, a revoked person may get a new token under the same name, and old articles belong
/// to nobody.
struct RolesMigrationTests {
    @Test func tokensFromBeforeRolesStayAdminsAndArticlesBelongToNobody() throws {
        let directory = try makeTemporaryDirectory(prefix: "newsstore-migration-0009")
        defer { removeDirectoryTree(directory) }
        // The database as the previous release left it: migrated up to 0008.
        let earlier = directory + "/migrations-0008"
        try FileManager.default.createDirectory(atPath: earlier, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: repositoryMigrationsDirectory()) where file < "0009" {
            try FileManager.default.copyItem(atPath: repositoryMigrationsDirectory() + "/" + file, toPath: earlier + "/" + file)
        }
        let path = directory + "/news.sqlite"
        var database = try NewsDatabase(path: path, migrationsDirectory: earlier, readers: 1)
        let (live, liveHash) = APIToken.generate()
        let (gone, goneHash) = APIToken.generate()
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO api_tokens (name, token_hash, created_at) VALUES ('cms', '\(liveHash)', 1000);
                    INSERT INTO api_tokens (name, token_hash, created_at, revoked_at) VALUES ('old-cms', '\(goneHash)', 1000, 2000);
                    INSERT INTO articles (slug, title, status, sort_at, created_at, updated_at, body)
                    VALUES ('old', 'old', 'draft', 1, 1, 1, '[{"type":"paragraph","text":"نص"}]');
                    """)
        }
        database.close()

        database = try NewsDatabase(path: path, migrationsDirectory: repositoryMigrationsDirectory(), readers: 1)
        defer { database.close() }
        let tokens = TokenService(database: database)
        #expect(try tokens.holder(of: live) == TokenHolder(identity: "cms", role: .admin))
        #expect(try tokens.holder(of: gone) == nil)
        let listed = try tokens.list()
        #expect(listed.map(\.role) == [.admin, .admin])
        #expect(listed.map(\.createdAt) == [Timestamp(milliseconds: 1000), Timestamp(milliseconds: 1000)])
        #expect(listed.map(\.revokedAt) == [nil, Timestamp(milliseconds: 2000)])
        // The revoked person's name is free again; the live one's is not.
        _ = try tokens.create(name: "old-cms", role: .author, by: .system)
        #expect(storeError { try tokens.create(name: "cms", role: .author, by: .system) }?.isConflict == true)
        let article = try ArticleService(database: database, events: .forTests).article("old", for: .editor)
        guard case .found(let found) = article else {
            Issue.record("the old article is not found")
            return
        }
        #expect(found.createdBy == nil)
    }
}

import Foundation
import Testing

/// A weak bootstrap token stops `serve` before it opens the database, with the usage-error
/// exit status and a message that names the setting but never repeats the secret.
@Suite struct BootstrapTokenEndToEndTests {
    private var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NEWSSTORE_") }
    }

    private func serve(_ arguments: [String], environment: [String: String] = [:]) throws -> (CommandResult, databaseCreated: Bool) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("news.sqlite").path
        let result = try CommandResult.run(
            ServerProcess.binary.path, ["serve", "--host", "127.0.0.1", "--port", "0", "--db", database] + arguments,
            environment: cleanEnvironment.merging(environment) { $1 })
        return (result, FileManager.default.fileExists(atPath: database))
    }

    @Test func theOldReadmeExampleStopsTheStart() throws {
        let secret = "change-me-to-a-long-secret"
        let (result, databaseCreated) = try serve([], environment: ["NEWSSTORE_ADMIN_TOKEN": secret])
        #expect(result.status == 2)
        #expect(result.errors.contains("NEWSSTORE_ADMIN_TOKEN"))
        #expect(result.errors.contains("openssl rand -hex 24"))
        #expect(!result.errors.contains(secret))
        #expect(!databaseCreated)
    }

    @Test func aLongButPatternedTokenStopsTheStart() throws {
        let secret = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        let (result, _) = try serve(["--admin-token", secret])
        #expect(result.status == 2)
        #expect(result.errors.contains("--admin-token"))
        #expect(!result.errors.contains(secret))
    }

    @Test func aRandomTokenWritesAndTheOldRuleNoLongerSuffices() throws {
        // 16 characters were enough before; 32 random-looking ones are needed now.
        let (short, _) = try serve(["--admin-token", "k3J9x2Qm7Zp4Vb8W"])
        #expect(short.status == 2)
        let token = ServerProcess.adminToken
        let server = try ServerProcess(environment: ["NEWSSTORE_ADMIN_TOKEN": token])
        let response = try server.connect().request(
            "POST", "/api/v1/categories", json: ["name": "رياضة"], headers: ["Authorization": "Bearer \(token)"])
        #expect(response.status == 201)
    }
}

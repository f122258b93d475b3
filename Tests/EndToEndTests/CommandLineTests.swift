import Foundation
import Testing

/// The binary's commands, configuration sources and their precedence.
@Suite struct CommandLineTests {
    private let binary = ServerProcess.binary.path

    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NEWSSTORE_") }
    }

    @Test func helpListsEveryCommandAndOption() throws {
        let top = try CommandResult.run(binary, ["--help"])
        #expect(top.status == 0)
        for command in ["serve", "migrate", "token"] { #expect(top.output.contains(command)) }
        let serve = try CommandResult.run(binary, ["serve", "--help"])
        for option in ["--host", "--port", "--db", "--config", "--admin-token", "NEWSSTORE_CORS_ORIGINS", "--shutdown-grace"] {
            #expect(serve.output.contains(option), "serve --help lacks \(option)")
        }
        let bad = try CommandResult.run(binary, ["serve", "--bogus"], environment: cleanEnvironment)
        #expect(bad.status == 2)
        #expect(bad.errors.contains("unknown option '--bogus'"))
    }

    @Test func migrateAppliesOnceAndReportsTheVersion() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("news.sqlite").path
        let first = try CommandResult.run(binary, ["migrate", "--db", database], environment: cleanEnvironment)
        #expect(first.status == 0)
        #expect(first.output.contains("applied 1 0001_init.sql"))
        let second = try CommandResult.run(binary, ["migrate", "--db", database], environment: cleanEnvironment)
        #expect(!second.output.contains("applied"))
        let migrations = try FileManager.default.contentsOfDirectory(atPath: repositoryPath("migrations"))
        #expect(second.output.contains("schema version \(migrations.filter { $0.hasSuffix(".sql") }.count)"))
    }

    @Test func tokensAreCreatedListedAndRevoked() throws {
        let directory = try temporaryDirectory()
        let database = directory.appendingPathComponent("news.sqlite").path
        let created = try CommandResult.run(
            binary, ["token", "create", "--name", "cms", "--role", "editor", "--expires", "90d", "--db", database], environment: cleanEnvironment)
        #expect(created.status == 0)
        let token = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("ns_"))
        let contributor = try CommandResult.run(
            binary, ["token", "create", "--name", "dina", "--role", "contributor", "--db", database], environment: cleanEnvironment)
        #expect(contributor.status == 0)
        for wrong in [["--name", "x"], ["--name", "x", "--role", "chief"], ["--name", "x", "--role", "author", "--expires", "90 days"]] {
            let refused = try CommandResult.run(binary, ["token", "create"] + wrong + ["--db", database], environment: cleanEnvironment)
            #expect(refused.status != 0, "\(wrong)")
        }

        let server = try ServerProcess(environment: ["NEWSSTORE_ADMIN_TOKEN": ""], directory: directory)
        let client = try server.connect()
        let write = try client.request("POST", "/api/v1/tags", json: ["name": "سوريا"], headers: ["Authorization": "Bearer \(token)"])
        #expect(write.status == 201)
        let contributorToken = contributor.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let forbidden = try client.request("POST", "/api/v1/tags", json: ["name": "مصر"], headers: ["Authorization": "Bearer \(contributorToken)"])
        #expect(forbidden.status == 403)
        #expect(forbidden.bodyText.contains(#""required_role":"editor""#))

        let listed = try CommandResult.run(binary, ["token", "list", "--db", database], environment: cleanEnvironment)
        let lines = listed.output.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.first == ["id", "name", "role", "created", "expires", "last used", "state"])
        let cms = try #require(lines.first { $0.count == 7 && $0[1] == "cms" })
        #expect(cms[2] == "editor")
        #expect(cms[4] != "never")
        #expect(cms[5] != "never", "the write just made is its last use")
        #expect(cms[6] == "active")
        #expect(lines.first { $0.count == 7 && $0[1] == "dina" }?[4] == "never")
        #expect(!listed.output.contains(token))
        let revoked = try CommandResult.run(binary, ["token", "revoke", "--name", "cms", "--db", database], environment: cleanEnvironment)
        #expect(revoked.status == 0)
        let refused = try client.request("POST", "/api/v1/tags", json: ["name": "مصر"], headers: ["Authorization": "Bearer \(token)"])
        #expect(refused.status == 401)
        _ = server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheConfigFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.json")
        try Data(#"{"cache_max_age": 10, "cors_allowed_origins": ["https://a.example"]}"#.utf8).write(to: config)
        func maxAge(_ arguments: [String], _ environment: [String: String]) throws -> String? {
            let server = try ServerProcess(["--config", config.path] + arguments, environment: environment)
            let response = try server.connect().request("GET", "/api/v1/tags", headers: ["Origin": "https://a.example"])
            #expect(response.header("Access-Control-Allow-Origin") == "https://a.example")
            return response.header("Cache-Control")
        }
        #expect(try maxAge([], [:]) == "public, max-age=10, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400")
        #expect(
            try maxAge([], ["NEWSSTORE_CACHE_MAX_AGE": "20"]) == "public, max-age=20, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400"
        )
        #expect(
            try maxAge(["--cache-max-age", "30"], ["NEWSSTORE_CACHE_MAX_AGE": "20"])
                == "public, max-age=30, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400")
    }

    @Test func badConfigurationFailsFastNamingTheKey() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.json")
        try Data(#"{"prot": 8080}"#.utf8).write(to: config)
        let unknown = try CommandResult.run(binary, ["serve", "--config", config.path], environment: cleanEnvironment)
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("unknown key 'prot'"))
        let invalid = try CommandResult.run(
            binary, ["serve", "--port", "0"], environment: cleanEnvironment.merging(["NEWSSTORE_WORKERS": "many"]) { $1 })
        #expect(invalid.status == 2)
        #expect(invalid.errors.contains("NEWSSTORE_WORKERS"))
    }

    @Test func theExampleConfigurationIsValid() throws {
        let server = try ServerProcess(["--config", repositoryPath("config/newsstore.example.json"), "--port", "0", "--host", "127.0.0.1"])
        #expect(try server.connect().request("GET", "/healthz").status == 200)
    }

    /// With no configuration at all, the database is a file in the working directory.
    @Test func bareServeUsesADatabaseInTheWorkingDirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = ServerProcess.binary
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = directory
        process.environment = cleanEnvironment
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminateAndWait() }
        let database = directory.appendingPathComponent("newsstore.sqlite").path
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: database) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: database))
    }

    /// A backup taken while the server runs holds what was written, passes its integrity
    /// check, and serves as a database of its own; an existing file is never overwritten.
    @Test func onlineBackupWhileServing() throws {
        let server = try ServerProcess()
        // The backups below run while this server serves; keep it (and its folder) alive.
        defer { withExtendedLifetime(server) {} }
        let client = try server.connect()
        let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
        for number in 0..<20 {
            #expect(
                try client.request("POST", "/api/v1/articles", json: ["title": "خبر \(number)", "body": "نص", "status": "published"], headers: auth)
                    .status == 201)
        }
        let copyFolder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: copyFolder) }
        let copy = copyFolder.appendingPathComponent("news.sqlite").path
        let database = server.directory.appendingPathComponent("news.sqlite").path
        let backup = try CommandResult.run(binary, ["backup", "--db", database, "--out", copy], environment: cleanEnvironment)
        #expect(backup.status == 0, "\(backup.errors)")
        #expect(backup.output.contains("integrity check ok"))
        let again = try CommandResult.run(binary, ["backup", "--db", database, "--out", copy], environment: cleanEnvironment)
        #expect(again.status == 1)
        #expect(again.errors.contains("already exists"))
        let restored = try ServerProcess(directory: copyFolder)
        let listing = try restored.connect().request("GET", "/api/v1/articles?limit=100")
        #expect((listing.json["items"] as? [[String: Any]])?.count == 20)
        #expect(try restored.connect().request("GET", "/readyz").json["status"] as? String == "ready")
    }

    /// A restore never overwrites by accident and never under a running server.
    @Test func restoreRefusesALiveDatabase() throws {
        let server = try ServerProcess()
        // The refusals below need this server running on its database until the end.
        defer { withExtendedLifetime(server) {} }
        let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
        #expect(
            try server.connect().request("POST", "/api/v1/articles", json: ["title": "خبر", "body": "نص", "status": "published"], headers: auth)
                .status == 201)
        let live = server.directory.appendingPathComponent("news.sqlite").path
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let backup = folder.appendingPathComponent("backup.sqlite").path
        #expect(try CommandResult.run(binary, ["backup", "--db", live, "--out", backup], environment: cleanEnvironment).status == 0)

        let exists = try CommandResult.run(binary, ["restore", "--from", backup, "--db", live], environment: cleanEnvironment)
        #expect(exists.status == 1)
        #expect(exists.errors.contains("pass --replace"))
        let busy = try CommandResult.run(binary, ["restore", "--from", backup, "--db", live, "--replace"], environment: cleanEnvironment)
        #expect(busy.status == 1)
        #expect(busy.errors.contains("open in another process"))

        let restoredFolder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: restoredFolder) }
        let restored = restoredFolder.appendingPathComponent("news.sqlite").path
        let fresh = try CommandResult.run(binary, ["restore", "--from", backup, "--db", restored], environment: cleanEnvironment)
        #expect(fresh.status == 0, "\(fresh.errors)")
        let copy = try ServerProcess(directory: restoredFolder)
        #expect(try copy.connect().request("GET", "/api/v1/articles/1").status == 200)
    }
}

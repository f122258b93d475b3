import Foundation
import Testing

/// The audit log through the real binary: a request's row names its caller, address and
/// `X-Request-ID`; `newsstore audit` lists it (table and JSON lines); `audit prune` removes old
/// rows and is audited; `sqlite3` cannot rewrite the log; backups and restores are audited.
@Suite struct AuditEndToEndTests {
    private let binary = ServerProcess.binary.path
    private var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NEWSSTORE_") }
    }

    private func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func helpDescribesTheAuditCommand() throws {
        #expect(try CommandResult.run(binary, ["--help"]).output.contains("audit"))
        let help = try CommandResult.run(binary, ["audit", "--help"])
        #expect(help.status == 0)
        for option in ["--identity", "--action", "--object", "--since", "--until", "--limit", "--json", "prune --before", "--db"] {
            #expect(help.output.contains(option), "audit --help lacks \(option)")
        }
        let bad = try CommandResult.run(binary, ["audit", "--since", "last week"], environment: cleanEnvironment)
        #expect(bad.status == 2)
        #expect(bad.errors.contains("--since must be an ISO 8601 date"))
    }

    @Test func requestsCommandsBackupsAndRestoresAreAuditedAndTheLogResistsRewriting() throws {
        let server = try ServerProcess()
        defer { withExtendedLifetime(server) {} }
        let live = server.directory.appendingPathComponent("news.sqlite").path
        let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
        let created = try server.connect().request(
            "POST", "/api/v1/articles", json: ["title": "خبر التدقيق", "body": "نص", "status": "published"],
            headers: auth.merging(["X-Request-ID": "audit-e2e-1"]) { $1 })
        #expect(created.status == 201)

        let listed = try server.connect().request("GET", "/api/v1/audit?action=article.create", headers: auth)
        #expect(listed.status == 200)
        let items = try #require(listed.json["items"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["identity"] as? String == "bootstrap")
        #expect(items.first?["role"] as? String == "admin")
        #expect(items.first?["client_address"] as? String == "127.0.0.1")
        #expect(items.first?["request_id"] as? String == "audit-e2e-1")
        #expect(items.first?["summary"] as? String == "خبر التدقيق")
        #expect(try server.connect().request("GET", "/api/v1/audit").status == 401)

        let table = try CommandResult.run(binary, ["audit", "--db", live], environment: cleanEnvironment)
        #expect(table.status == 0, "\(table.errors)")
        let lines = table.output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("AT") == true)
        #expect(lines.count == 2)
        #expect(lines[1].contains("article.create") && lines[1].contains("127.0.0.1") && lines[1].contains("audit-e2e-1"))
        let filtered = try CommandResult.run(binary, ["audit", "--db", live, "--identity", "bootstrap", "--json"], environment: cleanEnvironment)
        let rows = try jsonLines(filtered.output)
        #expect(rows.map { $0["action"] as? String } == ["article.create"])
        #expect(rows.first?["object"] as? String == "article:1")

        // The database's own triggers, whatever program opens the file.
        for sql in ["UPDATE audit_log SET identity = 'x';", "DELETE FROM audit_log;", "DELETE FROM audit_log WHERE id = 1;"] {
            let refused = try CommandResult.run("/usr/bin/sqlite3", [live, sql])
            #expect(refused.status != 0, "\(sql)")
            #expect(refused.errors.contains("append-only"), "\(sql): \(refused.errors)")
        }

        // Backups (the API's and the command's) and a restore into a new file are audited.
        #expect(try server.connect().request("POST", "/api/v1/admin/backup", headers: auth).status == 201)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let backup = folder.appendingPathComponent("copy.sqlite").path
        #expect(try CommandResult.run(binary, ["backup", "--db", live, "--out", backup], environment: cleanEnvironment).status == 0)
        let backups = try jsonLines(
            CommandResult.run(binary, ["audit", "--db", live, "--action", "backup.create", "--json"], environment: cleanEnvironment).output)
        #expect(backups.map { $0["identity"] as? String } == ["system", "bootstrap"])
        #expect(backups.first?["object"] as? String == "backup:copy.sqlite")
        let restored = folder.appendingPathComponent("restored.sqlite").path
        let restore = try CommandResult.run(binary, ["restore", "--from", backup, "--db", restored], environment: cleanEnvironment)
        #expect(restore.status == 0, "\(restore.errors)")
        let restoredRows = try jsonLines(
            CommandResult.run(binary, ["audit", "--db", restored, "--json", "--limit", "1"], environment: cleanEnvironment).output)
        #expect(restoredRows.first?["action"] as? String == "database.restore")
        #expect(restoredRows.first?["object"] as? String == "backup:copy.sqlite")

        // Prune: a future bound is refused; a past one removes the older rows and is audited.
        let future = try CommandResult.run(binary, ["audit", "prune", "--before", "2999-01-01", "--db", live], environment: cleanEnvironment)
        #expect(future.status == 1)
        #expect(future.errors.contains("future"))
        let noDate = try CommandResult.run(binary, ["audit", "prune", "--db", live], environment: cleanEnvironment)
        #expect(noDate.status == 2)
        let now = ISO8601DateFormatter().string(from: Date().addingTimeInterval(1))
        Thread.sleep(forTimeInterval: 1.1)
        let prune = try CommandResult.run(binary, ["audit", "prune", "--before", now, "--db", live], environment: cleanEnvironment)
        #expect(prune.status == 0, "\(prune.errors)")
        #expect(prune.output.contains("removed 3 audit rows"), "\(prune.output)")
        let after = try jsonLines(CommandResult.run(binary, ["audit", "--db", live, "--json"], environment: cleanEnvironment).output)
        #expect(after.map { $0["action"] as? String } == ["audit.prune"])
        #expect(after.first?["identity"] as? String == "system")
    }
}

import Foundation
import Testing

/// Backups over the API and the command line: the answer names the file alone, one backup is
/// written at a time (409 otherwise), and the retention count deletes only NewsStore's own
/// older backups.
@Suite struct BackupEndToEndTests {
    private let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]

    private var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NEWSSTORE_") }
    }

    private func makeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-backups-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private func names(in folder: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
    }

    @Test func answerAndLogNameTheFileAloneAndRetentionDeletesOnlyOurOlderBackups() throws {
        let backups = try makeFolder()
        defer { try? FileManager.default.removeItem(at: backups) }
        let ours = ["newsstore-20240101T000000Z.sqlite", "newsstore-20250101T000000Z.sqlite", "newsstore-20250601T000000Z.sqlite"]
        let foreign = [
            "notes.txt", "newsstore-before-upgrade.sqlite", "newsstore-20200101T000000Z.sqlite.gz", "old-newsstore-20200101T000000Z.sqlite",
        ]
        for name in ours + foreign {
            #expect(FileManager.default.createFile(atPath: backups.appendingPathComponent(name).path, contents: Data("x".utf8)))
        }
        let server = try ServerProcess(["--backup-dir", backups.path, "--backup-retention", "2"])
        let response = try server.connect().request("POST", "/api/v1/admin/backup", headers: auth)
        #expect(response.status == 201)
        let file = try #require(response.json["file"] as? String)
        #expect(file.hasPrefix("newsstore-") && file.hasSuffix("Z.sqlite") && !file.contains("/"))
        #expect(response.json["removed"] as? [String] == ["newsstore-20240101T000000Z.sqlite", "newsstore-20250101T000000Z.sqlite"])
        #expect(!response.bodyText.contains(backups.path) && !response.bodyText.contains("/tmp"))
        #expect(try names(in: backups) == Set([file, "newsstore-20250601T000000Z.sqlite", ".newsstore-backup.lock"] + foreign))
        // The log line names the file, not where the folder is.
        Thread.sleep(forTimeInterval: 0.2)
        #expect(server.logText.contains("backup written") && server.logText.contains(file))
        #expect(!server.logText.contains(backups.path))
    }

    /// A backup being written (here by another process holding the folder's lock) makes the
    /// next request a 409, and `newsstore backup` exit 1; both work again once it is done.
    @Test func oneBackupAtATimeAcrossTheServerAndTheCommandLine() throws {
        let backups = try makeFolder()
        defer { try? FileManager.default.removeItem(at: backups) }
        let server = try ServerProcess(["--backup-dir", backups.path])
        let database = server.directory.appendingPathComponent("news.sqlite").path

        let lock = open(backups.appendingPathComponent(".newsstore-backup.lock").path, O_RDWR | O_CREAT, 0o640)
        #expect(lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0)
        let busy = try server.connect().request("POST", "/api/v1/admin/backup", headers: auth)
        #expect(busy.status == 409)
        #expect(busy.header("Content-Type") == "application/problem+json; charset=utf-8")
        #expect(busy.json["detail"] as? String == "Another backup is being written; try again once it is done.")
        let command = try CommandResult.run(
            ServerProcess.binary.path, ["backup", "--db", database, "--backup-dir", backups.path], environment: cleanEnvironment)
        #expect(command.status == 1)
        #expect(command.errors.contains("another backup is being written"))
        close(lock)

        #expect(try server.connect().request("POST", "/api/v1/admin/backup", headers: auth).status == 201)
        // The same second's name is taken: the command waits for the next one.
        Thread.sleep(forTimeInterval: 1.1)
        let done = try CommandResult.run(
            ServerProcess.binary.path, ["backup", "--db", database, "--backup-dir", backups.path], environment: cleanEnvironment)
        #expect(done.status == 0, "\(done.errors)")
        #expect(done.output.contains("integrity check ok"))
        #expect(try names(in: backups).filter { $0.hasPrefix("newsstore-") }.count == 2)
    }

    /// Two requests at once: one writes the backup, the other gets 409 (busy, or the same
    /// second's name taken); never two files for one second, never a 500.
    @Test func concurrentRequestsNeverWriteTwice() throws {
        let backups = try makeFolder()
        defer { try? FileManager.default.removeItem(at: backups) }
        let server = try ServerProcess(["--backup-dir", backups.path])
        let statuses = Statuses()
        let threads = (0..<4).map { _ in
            Thread { [auth] in
                let status = (try? server.connect().request("POST", "/api/v1/admin/backup", headers: auth).status) ?? 0
                statuses.add(status)
            }
        }
        for thread in threads { thread.start() }
        let deadline = Date().addingTimeInterval(20)
        while statuses.all.count < 4 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let all = statuses.all
        #expect(all.count == 4 && all.allSatisfy { $0 == 201 || $0 == 409 }, "\(all)")
        let written = try names(in: backups).filter { $0.hasPrefix("newsstore-") }
        #expect(written.count == all.filter { $0 == 201 }.count && !written.isEmpty)
    }

    /// `newsstore backup` without `--out` writes into the folder and keeps the retention count.
    @Test func commandLineBackupKeepsTheRetentionCount() throws {
        let backups = try makeFolder()
        defer { try? FileManager.default.removeItem(at: backups) }
        let server = try ServerProcess()
        let database = server.directory.appendingPathComponent("news.sqlite").path
        #expect(FileManager.default.createFile(atPath: backups.appendingPathComponent("newsstore-20200101T000000Z.sqlite").path, contents: nil))
        let result = try CommandResult.run(
            ServerProcess.binary.path, ["backup", "--db", database, "--backup-dir", backups.path, "--backup-retention", "1"],
            environment: cleanEnvironment)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("removed newsstore-20200101T000000Z.sqlite"))
        let left = try names(in: backups).filter { $0.hasPrefix("newsstore-") }
        #expect(left.count == 1 && left.first != "newsstore-20200101T000000Z.sqlite")
    }
}

/// Statuses collected from several threads.
private final class Statuses: @unchecked Sendable {
    // @unchecked: `values` is only touched under `lock`.
    private let lock = NSLock()
    private var values: [Int] = []

    func add(_ status: Int) { lock.withLock { values.append(status) } }
    var all: [Int] { lock.withLock { values } }
}

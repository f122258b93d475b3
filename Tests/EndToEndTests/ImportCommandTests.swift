import Foundation
import Testing

/// `newsstore import`: the real binary loading JSON lines, then a server reading them.
@Suite struct ImportCommandTests {
    private let binary = ServerProcess.binary.path

    private var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NEWSSTORE_") }
    }

    @Test func importsJSONLinesThatAServerThenServes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("news.sqlite").path
        let file = directory.appendingPathComponent("articles.jsonl").path
        let lines = (1...25).map { #"{"title":"خبر رقم \#($0)","slug":"news-\#($0)","body":"نص الخبر","tags":["سوريا"],"status":"published"}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let imported = try CommandResult.run(binary, ["import", file, "--batch-size", "10", "--db", database], environment: cleanEnvironment)
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.errors.contains("import: 25 articles created from 25 lines"))

        // A line that breaks a rule: its number and the field, exit 1; the first batch stays.
        let broken = directory.appendingPathComponent("broken.jsonl").path
        try "{\"title\":\"أ\",\"slug\":\"extra-1\",\"body\":\"نص\",\"status\":\"published\"}\n{\"title\":\"ب\",\"status\":\"live\"}\n".write(
            toFile: broken, atomically: true, encoding: .utf8)
        let refused = try CommandResult.run(binary, ["import", broken, "--batch-size", "1", "--db", database], environment: cleanEnvironment)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("line 2: /status"))

        // Again with everything there already: all skipped.
        let again = try CommandResult.run(binary, ["import", file, "--skip-existing", "--db", database], environment: cleanEnvironment)
        #expect(again.status == 0)
        #expect(again.errors.contains("0 articles created from 25 lines, 25 skipped"))

        let server = try ServerProcess(directory: directory)
        let client = try server.connect()
        let listing = try client.request("GET", "/api/v1/articles?tag=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7&limit=100")
        #expect(listing.status == 200)
        #expect((listing.json["items"] as? [Any])?.count == 25)
        #expect(try client.request("GET", "/api/v1/articles/extra-1").status == 200)

        // Never under a running server, whose kept pages would not know the new articles.
        let busy = try CommandResult.run(binary, ["import", file, "--db", database], environment: cleanEnvironment)
        #expect(busy.status == 1)
        #expect(busy.errors.contains("open in another process"))
        _ = server.stop()
    }

    @Test func needsAFileAndAValidBatchSize() throws {
        let missing = try CommandResult.run(binary, ["import"], environment: cleanEnvironment)
        #expect(missing.status == 2)
        #expect(missing.errors.contains("import needs the FILE"))
        let batch = try CommandResult.run(binary, ["import", "x.jsonl", "--batch-size", "0"], environment: cleanEnvironment)
        #expect(batch.status == 2)
        let unreadable = try CommandResult.run(binary, ["import", "/nonexistent/x.jsonl", "--db", "/nonexistent/db"], environment: cleanEnvironment)
        #expect(unreadable.status == 1)
        #expect(unreadable.errors.contains("cannot read '/nonexistent/x.jsonl'"))
    }
}

import Foundation
import Testing

/// What an operator's tools see: readiness and Prometheus metrics.
@Suite struct OperationsTests {
    @Test func metricsParseAndCountWhatHappened() throws {
        let server = try ServerProcess()
        let client = try server.connect()
        for _ in 0..<3 { #expect(try client.request("GET", "/api/v1/articles").status == 200) }
        #expect(try client.request("GET", "/api/v1/articles/missing-slug").status == 404)
        #expect(try client.request("GET", "/no/such/path").status == 404)
        #expect(try client.request("GET", "/readyz").status == 200)
        #expect(try client.request("GET", "/metrics").status == 401)

        let response = try client.request("GET", "/metrics", headers: ["Authorization": "Bearer \(ServerProcess.adminToken)"])
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        var samples: [String: Double] = [:]
        for line in response.bodyText.split(separator: "\n") where !line.hasPrefix("#") {
            // name{labels} value: the value is the last field, the series everything before it.
            let parts = line.split(separator: " ")
            #expect(parts.count == 2, "malformed sample line: \(line)")
            let value = try #require(Double(parts[1]), "value of \(line)")
            samples[String(parts[0])] = value
        }
        #expect(samples[#"newsstore_http_requests_total{method="GET",route="/api/v1/articles",status="200"}"#] == 3)
        #expect(samples[#"newsstore_http_requests_total{method="GET",route="/api/v1/articles/{key}",status="404"}"#] == 1)
        #expect(samples[#"newsstore_http_requests_total{method="GET",route="unmatched",status="404"}"#] == 1)
        #expect(samples["newsstore_build_info{version=\"\(try VersionTests.printedVersion())\"}"] == 1)
        #expect(samples[#"newsstore_articles{status="published"}"#] == 0)
        #expect((samples["newsstore_http_open_connections"] ?? 0) >= 1)
        #expect(samples.keys.contains(#"newsstore_db_waits_total{connection="reader"}"#))
        // Histogram buckets are cumulative: never decreasing, ending at the count.
        let route = #"route="/api/v1/articles""#
        let bounds = ["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "+Inf"]
        let buckets = bounds.compactMap { samples["newsstore_http_request_duration_seconds_bucket{\(route),le=\"\($0)\"}"] }
        #expect(buckets.count == bounds.count)
        #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(buckets.last == samples["newsstore_http_request_duration_seconds_count{\(route)}"])
        #expect(buckets.last == 3)
    }

    @Test func healthcheckCommandFollowsReadiness() throws {
        let server = try ServerProcess()
        let binary = ServerProcess.binary.path
        #expect(try CommandResult.run(binary, ["healthcheck", "--port", String(server.port)]).status == 0)
        #expect(server.stop() == 0)
        #expect(try CommandResult.run(binary, ["healthcheck", "--port", String(server.port)]).status == 1)
    }

    @Test func metricsCanBePublic() throws {
        let server = try ServerProcess(["--metrics-access", "public"])
        #expect(try server.connect().request("GET", "/metrics").status == 200)
    }

    @Test func jsonLogsAreOneObjectPerLine() throws {
        let server = try ServerProcess(["--log-format", "json"])
        #expect(try server.connect().request("GET", "/healthz", headers: ["X-Request-ID": "json-1"]).status == 200)
        #expect(server.stop() == 0)
        let lines = server.logText.split(separator: "\n")
        #expect(lines.count >= 4)
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
        #expect(objects.count == lines.count, "every line is a flat JSON object of strings")
        #expect(objects.allSatisfy { $0["time"] != nil && $0["level"] != nil && $0["msg"] != nil })
        let request = objects.first { $0["request_id"] == "json-1" }
        #expect(request?["msg"] == "request")
        #expect(request?["status"] == "200")
        #expect(request?["path"] == "/healthz")
    }

    @Test func slowStatementsAreLoggedWithoutTheirValues() throws {
        let server = try ServerProcess(["--slow-query-ms", "0"])
        #expect(try server.connect().request("GET", "/api/v1/articles?author=secret-name").status == 200)
        #expect(server.stop() == 0)
        let slow = server.logText.split(separator: "\n").filter { $0.contains(" warning \"slow query\"") }
        #expect(slow.contains { $0.contains("FROM articles a") && $0.contains(" ms=") })
        #expect(!server.logText.contains("secret-name"), "bound values stay out of the log")
    }

    /// A backup over the API, taken while writes go on, holds every write acknowledged
    /// before it and passes its integrity check.
    @Test func backupOverTheAPIWhileWriting() throws {
        let backups = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-backups-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: backups) }
        let server = try ServerProcess(["--backup-dir", backups.path])
        let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
        let writer = try server.connect()
        for number in 0..<30 {
            #expect(
                try writer.request("POST", "/api/v1/articles", json: ["title": "خبر \(number)", "body": "نص", "status": "published"], headers: auth)
                    .status == 201)
        }
        #expect(try server.connect().request("POST", "/api/v1/admin/backup").status == 401)
        let response = try server.connect().request("POST", "/api/v1/admin/backup", headers: auth)
        #expect(response.status == 201)
        #expect(response.json["integrity"] as? String == "ok")
        // The answer names the file in the backup folder, never the folder's path.
        let file = try #require(response.json["file"] as? String)
        #expect(file.hasPrefix("newsstore-") && !file.contains("/"))
        // More writes after the backup do not reach it; everything before it is there.
        #expect(
            try writer.request("POST", "/api/v1/articles", json: ["title": "بعد النسخة", "body": "نص", "status": "published"], headers: auth).status
                == 201)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-restored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            atPath: backups.appendingPathComponent(file).path, toPath: folder.appendingPathComponent("news.sqlite").path)
        let restored = try ServerProcess(directory: folder)
        let listing = try restored.connect().request("GET", "/api/v1/articles?limit=100")
        #expect((listing.json["items"] as? [[String: Any]])?.count == 30)
    }

    /// Writes acknowledged from another connection while a backup runs: every one that was
    /// acknowledged before the backup began is in it.
    @Test func backupUnderConcurrentWritesHoldsEveryEarlierWrite() throws {
        let backups = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-backups-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: backups) }
        let server = try ServerProcess(["--backup-dir", backups.path])
        let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
        let acknowledged = Acknowledged()
        let writer = Thread {
            guard let connection = try? server.connect() else { return }
            for number in 0..<400 where !acknowledged.stopped {
                if let response = try? connection.request(
                    "POST", "/api/v1/articles", json: ["title": "خبر \(number)", "body": "نص", "status": "published"], headers: auth),
                    response.status == 201, let id = response.json["id"] as? Int
                {
                    acknowledged.add(id)
                }
            }
        }
        writer.start()
        while acknowledged.count < 20 { Thread.sleep(forTimeInterval: 0.01) }
        let before = acknowledged.ids
        let response = try server.connect().request("POST", "/api/v1/admin/backup", headers: auth)
        acknowledged.stop()
        #expect(response.status == 201)
        let file = try #require(response.json["file"] as? String)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-restored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            atPath: backups.appendingPathComponent(file).path, toPath: folder.appendingPathComponent("news.sqlite").path)
        let restored = try ServerProcess(directory: folder)
        let client = try restored.connect()
        for id in before {
            #expect(try client.request("GET", "/api/v1/articles/\(id)").status == 200, "article \(id) acknowledged before the backup")
        }
    }

    /// SIGTERM in the middle of a burst of writes: the server drains, and every write it
    /// acknowledged is there after a restart.
    @Test func sigtermDuringAWriteBurstLosesNoAcknowledgedWrite() throws {
        let server = try ServerProcess()
        let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
        let acknowledged = Acknowledged()
        let writers = (0..<4).map { writerNumber in
            Thread {
                guard let connection = try? server.connect() else { return }
                for number in 0..<500 {
                    guard
                        let response = try? connection.request(
                            "POST", "/api/v1/articles", json: ["title": "خبر \(writerNumber)-\(number)", "body": "نص", "status": "published"],
                            headers: auth)
                    else { return }
                    if response.status == 201, let id = response.json["id"] as? Int { acknowledged.add(id) }
                }
            }
        }
        for writer in writers { writer.start() }
        while acknowledged.count < 40 { Thread.sleep(forTimeInterval: 0.01) }
        #expect(server.stop() == 0)
        Thread.sleep(forTimeInterval: 0.2)
        let ids = acknowledged.ids
        #expect(ids.count >= 40)
        // `server` owns the folder (and removes it when released), so it must outlive the restart.
        try withExtendedLifetime(server) {
            let restarted = try ServerProcess(directory: server.directory)
            let client = try restarted.connect()
            for id in ids {
                #expect(try client.request("GET", "/api/v1/articles/\(id)").status == 200, "acknowledged article \(id) was lost")
            }
        }
    }
}

/// Ids of acknowledged writes, collected from writer threads.
final class Acknowledged: @unchecked Sendable {
    // @unchecked: every property is read and written under `lock`.
    private let lock = NSLock()
    private var collected: [Int] = []
    private var stopRequested = false

    func add(_ id: Int) { lock.withLock { collected.append(id) } }
    func stop() { lock.withLock { stopRequested = true } }
    var stopped: Bool { lock.withLock { stopRequested } }
    var count: Int { lock.withLock { collected.count } }
    var ids: [Int] { lock.withLock { collected } }
}

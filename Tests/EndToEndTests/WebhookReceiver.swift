import Foundation

/// `Fixtures/webhook_receiver.py` on a loopback port: answers deliveries with the statuses it
/// is given and logs each one, with whether its signature verifies, for the test to read.
final class WebhookReceiver {
    private let process = Process()
    private let output = PipeReader()
    private let directory: URL
    private(set) var port = 0

    /// Starts a receiver answering `statuses` in turn (the last repeats; `slow200` answers 200
    /// after `slowSeconds`).
    init(statuses: [String], slowSeconds: Double = 5) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-receiver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Debian's python3 (.ci/run installs it): the standard library is all the receiver needs.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            repositoryPath("Tests/EndToEndTests/Fixtures/webhook_receiver.py"), "--statuses", statuses.joined(separator: ","),
            "--secret-file", directory.appendingPathComponent("secret").path, "--log", logURL.path, "--slow-seconds", String(slowSeconds),
        ]
        process.standardOutput = output.pipe
        try process.run()
        output.start()
        self.port = try announcedPort(of: process, on: output)
    }

    deinit {
        process.terminateAndWait()
        try? FileManager.default.removeItem(at: directory)
    }

    var url: String { "http://127.0.0.1:\(port)/hooks/newsstore" }

    private var logURL: URL { directory.appendingPathComponent("log.jsonl") }

    /// The secret the receiver verifies signatures with, from here on.
    func trust(_ secret: String) throws {
        try Data(secret.utf8).write(to: directory.appendingPathComponent("secret"))
    }

    /// A delivery as the receiver got it.
    struct Entry {
        let webhookID: String
        let timestamp: Int
        let signature: String
        let contentType: String
        let userAgent: String
        let body: String
        let valid: Bool
        let status: String

        var payload: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    /// Every delivery so far, in arrival order.
    func entries() -> [Entry] {
        guard let text = try? String(contentsOf: logURL, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return Entry(
                webhookID: object["webhook_id"] as? String ?? "", timestamp: Int(object["webhook_timestamp"] as? String ?? "") ?? 0,
                signature: object["webhook_signature"] as? String ?? "", contentType: object["content_type"] as? String ?? "",
                userAgent: object["user_agent"] as? String ?? "", body: object["body"] as? String ?? "", valid: object["valid"] as? Bool ?? false,
                status: object["status"] as? String ?? "")
        }
    }

    /// The deliveries once there are `count` of them, or whatever came within `timeout` seconds.
    func entries(count: Int, timeout: TimeInterval = 15) -> [Entry] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let entries = entries()
            if entries.count >= count { return entries }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return entries()
    }
}

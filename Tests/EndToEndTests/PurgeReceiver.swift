import Foundation

/// `Fixtures/purge_receiver.py` on a loopback port: a cache that answers purges 200 and logs
/// each one for the test to read. It can be stopped and started again on the same port, as a
/// cache that goes down and comes back.
final class PurgeReceiver {
    private var process: Process?
    private let directory: URL
    private(set) var port = 0

    /// Starts a receiver on a free port; `hanging`, it never answers.
    init(hanging: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("purge-receiver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try start(port: 0, hanging: hanging)
    }

    /// Stops it and listens again on the port it had; `hanging`, it never answers.
    func restart(hanging: Bool = false) throws {
        stop()
        try start(port: port, hanging: hanging)
    }

    private func start(port: Int, hanging: Bool) throws {
        let process = Process()
        let output = PipeReader()
        // Debian's python3 (.ci/run installs it): the standard library is all the receiver needs.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [
                repositoryPath("Tests/EndToEndTests/Fixtures/purge_receiver.py"), "--port", String(port), "--log", logURL.path,
            ] + (hanging ? ["--hang"] : [])
        process.standardOutput = output.pipe
        try process.run()
        output.start()
        self.process = process
        self.port = try announcedPort(of: process, on: output)
    }

    /// Stops listening: the cache is down.
    func stop() {
        process?.terminateAndWait()
        process = nil
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private var logURL: URL { directory.appendingPathComponent("log.jsonl") }

    /// A purge as the cache got it.
    struct Entry {
        let method: String
        let path: String
        let keys: [String]
    }

    /// Every purge so far, in arrival order.
    func entries() -> [Entry] {
        guard let text = try? String(contentsOf: logURL, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return Entry(
                method: object["method"] as? String ?? "", path: object["path"] as? String ?? "",
                keys: (object["keys"] as? String ?? "").split(separator: " ").map(String.init))
        }
    }

    /// The purges once one purges `key`, or whatever came within `timeout` seconds.
    func entries(purging key: String, timeout: TimeInterval = 15) -> [Entry] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let entries = entries()
            if entries.contains(where: { $0.keys.contains(key) }) { return entries }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return entries()
    }
}

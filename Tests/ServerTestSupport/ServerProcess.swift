import Foundation
import TestSupport

/// The real `newsstore` binary, started on an ephemeral loopback port for one test and
/// stopped when the test is done with it.
public final class ServerProcess: @unchecked Sendable {
    // @unchecked: every stored property is set in init and only read afterwards; the readers
    // guard what they collect themselves.
    public let process = Process()
    /// A folder of its own for the database, removed with the server.
    public let directory: URL
    private let ownsDirectory: Bool
    public private(set) var port = 0
    /// The server's standard error (its log) and standard output, each read to its end.
    private let errors = PipeReader()
    private let output = PipeReader()

    /// The bootstrap token every test server accepts for writes.
    public static let adminToken = "GgMtDWGD3sx4TfRgHkRFSGMQKo0DHmVm"

    /// Starts `newsstore serve --port 0 <arguments>` on a new database in a temporary folder
    /// (or on `directory`'s, to restart on the same data) and waits for its "listening" line.
    public init(_ arguments: [String] = [], environment: [String: String] = [:], directory: URL? = nil) throws {
        if let directory {
            self.directory = directory
            ownsDirectory = false
        } else {
            self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
            ownsDirectory = true
        }
        process.executableURL = Self.binary
        process.arguments =
            ["serve", "--host", "127.0.0.1", "--port", "0", "--db", self.directory.appendingPathComponent("news.sqlite").path]
            + arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NEWSSTORE_") }
            .merging(["NEWSSTORE_ADMIN_TOKEN": Self.adminToken]) { $1 }
            .merging(environment) { $1 }
        process.standardError = errors.pipe
        process.standardOutput = output.pipe
        try process.run()
        errors.start()
        output.start()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let port = Self.listeningPort(in: logText) {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.terminateAndWait()
        errors.waitForEnd(timeout: 5)
        throw ServerDidNotStart(log: logText)
    }

    /// The port from the "listening" log line, written as logfmt text or as JSON.
    public static func listeningPort(in log: String) -> Int? {
        for line in log.split(separator: "\n") {
            if line.contains(" listening "), let field = line.split(separator: " ").first(where: { $0.hasPrefix("port=") }) {
                return Int(field.dropFirst(5))
            }
            if line.contains(#""msg":"listening""#),
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            {
                return object["port"].flatMap { Int($0) }
            }
        }
        return nil
    }

    deinit {
        process.terminateAndWait()
        if ownsDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    public struct ServerDidNotStart: Error, CustomStringConvertible {
        public let log: String
        public var description: String { "server did not start; its log:\n\(log)" }
    }

    /// What the server has logged so far; all of it once `stop` has returned an exit status.
    public var logText: String { errors.text }

    /// What the server has written to its standard output so far.
    public var outputText: String { output.text }

    public var url: String { "http://127.0.0.1:\(port)" }

    public func connect() throws -> RawConnection { try RawConnection(port: port) }

    /// Sends `signal` and waits up to `timeout` seconds for the exit status, then for the last
    /// of its output.
    public func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 15) -> Int32? {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        guard !process.isRunning else { return nil }
        errors.waitForEnd(timeout: 5)
        output.waitForEnd(timeout: 5)
        return process.terminationStatus
    }

    /// The built `newsstore` next to the test bundle (same build folder and configuration).
    public static let binary: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("newsstore")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: repositoryPath(".build/debug/newsstore"))
    }()
}

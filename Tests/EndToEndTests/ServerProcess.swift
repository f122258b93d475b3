import Foundation
import Testing

/// The real `newsstore` binary, started on an ephemeral loopback port for one test and
/// stopped when the test is done with it.
final class ServerProcess: @unchecked Sendable {
    // @unchecked: `log` is guarded by `lock`; the rest is set in init and only read afterwards.
    let process = Process()
    /// A folder of its own for the database, removed with the server.
    let directory: URL
    private let ownsDirectory: Bool
    private(set) var port = 0
    private let lock = NSLock()
    private var log = Data()

    /// The bootstrap token every test server accepts for writes.
    static let adminToken = "GgMtDWGD3sx4TfRgHkRFSGMQKo0DHmVm"

    /// Starts `newsstore serve --port 0 <arguments>` on a new database in a temporary folder
    /// (or on `directory`'s, to restart on the same data) and waits for its "listening" line.
    init(_ arguments: [String] = [], environment: [String: String] = [:], directory: URL? = nil) throws {
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
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.log.append(data) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let port = Self.listeningPort(in: logText) {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.terminate()
        throw ServerDidNotStart(log: logText)
    }

    /// The port from the "listening" log line, written as logfmt text or as JSON.
    static func listeningPort(in log: String) -> Int? {
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
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        if ownsDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        let log: String
        var description: String { "server did not start; its log:\n\(log)" }
    }

    var logText: String { lock.withLock { String(decoding: log, as: UTF8.self) } }

    var url: String { "http://127.0.0.1:\(port)" }

    func connect() throws -> RawConnection { try RawConnection(port: port) }

    /// Sends `signal` and waits up to `timeout` seconds for the exit status.
    func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 15) -> Int32? {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// The built `newsstore` next to the test bundle (same build folder and configuration).
    static let binary: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("newsstore")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/newsstore")
    }()
}

/// Runs a command-line program and collects its output.
struct CommandResult {
    let status: Int32
    let output: String
    let errors: String

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes to the end before waiting, so a chatty program cannot block on a full pipe.
        let outputData = DispatchQueue.global().sync { output.fileHandleForReading.readDataToEndOfFile() }
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self))
    }

    static func curl(_ arguments: [String]) throws -> CommandResult {
        try run("/usr/bin/curl", ["--silent", "--show-error", "--max-time", "20"] + arguments)
    }
}

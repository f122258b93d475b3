import Foundation

/// Runs a command-line program and collects its output.
public struct CommandResult {
    public let status: Int32
    public let output: String
    public let errors: String

    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = PipeReader()
        let errors = PipeReader()
        process.standardOutput = output.pipe
        process.standardError = errors.pipe
        try process.run()
        // Both pipes are read at once, each on its own thread, so a chatty program cannot block
        // on a full pipe while we wait for the other one.
        output.start()
        errors.start()
        process.waitUntilExit()
        output.waitForEnd()
        errors.waitForEnd()
        return CommandResult(status: process.terminationStatus, output: output.text, errors: errors.text)
    }

    public static func curl(_ arguments: [String]) throws -> CommandResult {
        try run("/usr/bin/curl", ["--silent", "--show-error", "--max-time", "20"] + arguments)
    }
}

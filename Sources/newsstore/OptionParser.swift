import Glibc

/// A command's options, each settable by a flag or an environment variable, with flags winning.
/// Hand-written because the shipped server takes no packages beyond the system SQLite.
struct Option<Settings>: Sendable {
    let flag: String
    let environment: String?
    let valueName: String
    let help: String
    let apply: @Sendable (inout Settings, String) throws(UsageError) -> Void
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Writes a message to standard error, unbuffered, for the command line's own complaints.
func printError(_ message: String) {
    var bytes = Array(message.utf8)
    bytes.append(UInt8(ascii: "\n"))
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

enum OptionParser {
    /// Applies environment variables, then `arguments`, to `settings`.
    static func parse<Settings>(
        _ arguments: ArraySlice<String>, options: [Option<Settings>], environment: [String: String],
        into settings: inout Settings
    ) throws(UsageError) {
        for option in options {
            guard let name = option.environment, let value = environment[name] else { continue }
            do {
                try option.apply(&settings, value)
            } catch {
                throw UsageError("\(name): \(error.description)")
            }
        }
        var remaining = arguments
        while let argument = remaining.popFirst() {
            let (flag, inlineValue) = splitInlineValue(argument)
            guard let option = options.first(where: { $0.flag == flag }) else {
                throw UsageError("unknown option '\(argument)'")
            }
            guard let value = inlineValue ?? remaining.popFirst() else {
                throw UsageError("\(flag) needs a value (\(option.valueName))")
            }
            do {
                try option.apply(&settings, value)
            } catch {
                throw UsageError("\(flag): \(error.description)")
            }
        }
    }

    /// `--port=8080` is accepted as well as `--port 8080`.
    private static func splitInlineValue(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    static func help<Settings>(for options: [Option<Settings>]) -> String {
        options.map { option in
            var line = "  \(option.flag) \(option.valueName)"
            line += String(repeating: " ", count: max(1, 30 - line.count))
            line += option.help
            if let environment = option.environment { line += " [env: \(environment)]" }
            return line
        }.joined(separator: "\n")
    }

    // MARK: Value parsers shared by the commands

    static func integer(_ text: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// Seconds, fractions allowed: `10`, `0.5`.
    static func seconds(_ text: String) throws(UsageError) -> Duration {
        guard let value = Double(text), value > 0, value <= 86_400 else {
            throw UsageError("'\(text)' is not a number of seconds between 0 and 86400")
        }
        return .milliseconds(Int64((value * 1000).rounded()))
    }
}

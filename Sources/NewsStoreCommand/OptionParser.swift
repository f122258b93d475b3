import Glibc
import HTTP
import JSON

/// One setting, reachable as a command-line flag, an environment variable and a config-file
/// key (`--max-body-size`, `NEWSSTORE_MAX_BODY_SIZE`, `max_body_size`). Hand-written because
/// the shipped server takes no packages beyond the system SQLite.
struct Option: Sendable {
    let flag: String
    let valueName: String
    let help: String
    /// `NEWSSTORE_` + the flag in upper snake case, unless a shorter name was given.
    let environment: String
    let apply: @Sendable (inout Settings, String) throws(UsageError) -> Void

    init(
        _ flag: String, _ valueName: String, _ help: String, environment: String? = nil,
        apply: @escaping @Sendable (inout Settings, String) throws(UsageError) -> Void
    ) {
        self.flag = flag
        self.valueName = valueName
        self.help = help
        self.environment = environment ?? "NEWSSTORE_" + String(flag.dropFirst(2)).replacingHyphens.uppercased()
        self.apply = apply
    }
    /// The flag in lower snake case, as config files spell it.
    var key: String { String(flag.dropFirst(2)).replacingHyphens }

    /// The two settings of a per-client token bucket, `<prefix>-per-minute` and `<prefix>-burst`,
    /// for the limit at `limit`, with its built-in values as the documented defaults. Beyond the
    /// rate a client gets 429 with Retry-After.
    static func rateLimit(_ prefix: String, _ what: String, _ limit: WritableKeyPath<Settings, RateLimit> & Sendable, sendOrGet: String = "send")
        -> [Option]
    {
        let defaults = Settings()[keyPath: limit]
        return [
            Option(prefix + "-per-minute", "N", "\(what) one client may \(sendOrGet) per minute; more get 429 (default \(defaults.count))") {
                settings, value throws(UsageError) in
                settings[keyPath: limit].count = try OptionParser.integer(value, in: 1...1_000_000)
            },
            Option(prefix + "-burst", "N", "\(what) one client may \(sendOrGet) at once after a pause (default \(defaults.burst))") {
                settings, value throws(UsageError) in
                settings[keyPath: limit].burst = try OptionParser.integer(value, in: 1...1_000_000)
            },
        ]
    }
}

extension String {
    fileprivate var replacingHyphens: String { String(map { $0 == "-" ? "_" : $0 }) }
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
    /// Fills `settings` from, in rising precedence: the config file (`--config` or
    /// `NEWSSTORE_CONFIG`), the environment, then `arguments`. Returns the config file used.
    @discardableResult
    static func parse(
        _ arguments: ArraySlice<String>, options: [Option], environment: [String: String], into settings: inout Settings
    ) throws(UsageError) -> String? {
        var flags: [(Option, String)] = []
        var configPath = environment["NEWSSTORE_CONFIG"]
        var remaining = arguments
        while let argument = remaining.popFirst() {
            let (flag, inlineValue) = splitInlineValue(argument)
            guard flag == "--config" || options.contains(where: { $0.flag == flag }) else {
                throw UsageError("unknown option '\(argument)'")
            }
            guard let value = inlineValue ?? remaining.popFirst() else {
                throw UsageError("\(flag) needs a value")
            }
            if flag == "--config" {
                configPath = value
            } else {
                flags.append((options.first { $0.flag == flag }!, value))
            }
        }
        if let configPath {
            for (key, value) in try ConfigFile.load(configPath, options: options) {
                let option = options.first { $0.key == key }!
                try apply(option, value, source: "\(configPath): \(key)", to: &settings)
            }
        }
        // An empty variable counts as unset, as `NEWSSTORE_X=` in an env file usually means.
        for option in options {
            if let value = environment[option.environment], !value.isEmpty {
                try apply(option, value, source: option.environment, to: &settings)
            }
        }
        for (option, value) in flags {
            try apply(option, value, source: option.flag, to: &settings)
        }
        return configPath
    }

    private static func apply(_ option: Option, _ value: String, source: String, to settings: inout Settings) throws(UsageError) {
        do {
            try option.apply(&settings, value)
        } catch {
            throw UsageError("\(source): \(error.description)")
        }
    }

    /// Removes a command's own `--flag VALUE` (or `--flag=VALUE`) from `arguments`, leaving the
    /// shared options for `parse`; nil when the flag is absent.
    static func take(_ flag: String, from arguments: inout [String]) throws(UsageError) -> String? {
        guard let index = arguments.firstIndex(where: { $0 == flag || $0.hasPrefix(flag + "=") }) else { return nil }
        if arguments[index].hasPrefix(flag + "=") {
            return String(arguments.remove(at: index).dropFirst(flag.count + 1))
        }
        guard index + 1 < arguments.count else { throw UsageError("\(flag) needs a value") }
        let value = arguments[index + 1]
        arguments.removeSubrange(index...(index + 1))
        return value
    }

    /// `--port=8080` is accepted as well as `--port 8080`.
    private static func splitInlineValue(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    static func help(for options: [Option]) -> String {
        let lines = options.map { option in
            var line = "  \(option.flag) \(option.valueName)"
            line += String(repeating: " ", count: max(1, 32 - line.count))
            return line + option.help + "\n" + String(repeating: " ", count: 32) + "[env \(option.environment), config \(option.key)]"
        }
        return (lines + ["  --config FILE                 JSON config file (keys as shown) [env NEWSSTORE_CONFIG]"]).joined(separator: "\n")
    }

    // MARK: Value parsers shared by the options

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

    /// A switch: `on`/`true` or `off`/`false`.
    static func boolean(_ text: String) throws(UsageError) -> Bool {
        switch text {
        case "on", "true": return true
        case "off", "false": return false
        default: throw UsageError("'\(text)' is not on or off (true or false)")
        }
    }
}

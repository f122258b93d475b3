import Dispatch
import Glibc
import HTTP
import NewsAPI

/// `newsstore serve`: runs the HTTP server until SIGTERM or SIGINT, then drains and exits 0.
enum ServeCommand {
    struct Settings {
        var server = ServerConfiguration()
        var logLevel = LogLevel.info
    }

    static let options: [Option<Settings>] = [
        Option(flag: "--host", environment: "NEWSSTORE_HOST", valueName: "HOST",
               help: "address to listen on (default 127.0.0.1; 0.0.0.0 or :: for all)") { settings, value throws(UsageError) in
            guard !value.isEmpty else { throw UsageError("the host is empty") }
            settings.server.host = value
        },
        Option(flag: "--port", environment: "NEWSSTORE_PORT", valueName: "PORT",
               help: "TCP port, 0 for any free one (default 8080)") { settings, value throws(UsageError) in
            settings.server.port = try OptionParser.integer(value, in: 0...65535)
        },
        Option(flag: "--log-level", environment: "NEWSSTORE_LOG_LEVEL", valueName: "LEVEL",
               help: "debug, info (one line per request), warning, error or off (default info)") { settings, value throws(UsageError) in
            guard let level = LogLevel(name: value) else { throw UsageError("'\(value)' is not a log level") }
            settings.logLevel = level
        },
        Option(flag: "--workers", environment: "NEWSSTORE_WORKERS", valueName: "N",
               help: "threads that run requests (default \(ServerConfiguration.defaultWorkerCount) here)") { settings, value throws(UsageError) in
            settings.server.workerCount = try OptionParser.integer(value, in: 1...1024)
        },
        Option(flag: "--max-connections", environment: "NEWSSTORE_MAX_CONNECTIONS", valueName: "N",
               help: "open connections before new ones get 503 (default 1024)") { settings, value throws(UsageError) in
            settings.server.maxConnections = try OptionParser.integer(value, in: 1...1_000_000)
        },
        Option(flag: "--max-body-size", environment: "NEWSSTORE_MAX_BODY_SIZE", valueName: "BYTES",
               help: "largest request body; larger gets 413 (default 1048576)") { settings, value throws(UsageError) in
            settings.server.limits.maxBodySize = try OptionParser.integer(value, in: 0...(1 << 30))
        },
        Option(flag: "--header-timeout", environment: "NEWSSTORE_HEADER_TIMEOUT", valueName: "SECONDS",
               help: "time to send a request head (default 10)") { settings, value throws(UsageError) in
            settings.server.timeouts.header = try OptionParser.seconds(value)
        },
        Option(flag: "--body-timeout", environment: "NEWSSTORE_BODY_TIMEOUT", valueName: "SECONDS",
               help: "time to send a request body (default 30)") { settings, value throws(UsageError) in
            settings.server.timeouts.body = try OptionParser.seconds(value)
        },
        Option(flag: "--idle-timeout", environment: "NEWSSTORE_IDLE_TIMEOUT", valueName: "SECONDS",
               help: "keep-alive idle time between requests (default 60)") { settings, value throws(UsageError) in
            settings.server.timeouts.idle = try OptionParser.seconds(value)
        },
        Option(flag: "--write-timeout", environment: "NEWSSTORE_WRITE_TIMEOUT", valueName: "SECONDS",
               help: "time a client may take to read a response (default 30)") { settings, value throws(UsageError) in
            settings.server.timeouts.write = try OptionParser.seconds(value)
        },
        Option(flag: "--shutdown-grace", environment: "NEWSSTORE_SHUTDOWN_GRACE", valueName: "SECONDS",
               help: "time for in-flight requests at shutdown (default 10)") { settings, value throws(UsageError) in
            settings.server.shutdownGracePeriod = try OptionParser.seconds(value)
        },
    ]

    static let help = """
        Usage: newsstore serve [options]

        Serves the NewsStore HTTP API. Stops gracefully on SIGTERM or SIGINT: stops accepting,
        finishes requests under way, exits 0. Options may also come from the environment;
        a flag wins over its variable.

        Options:
        \(OptionParser.help(for: options))
          -h, --help                  show this help
        """

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        var settings = Settings()
        try OptionParser.parse(arguments, options: options, environment: environment, into: &settings)
        let logger = Logger(level: settings.logLevel, sink: LogSink())
        let server = HTTPServer(configuration: settings.server, responder: API.makeRouter(logger: logger), logger: logger)
        do {
            try server.start()
        } catch {
            logger.error("cannot start", ["error": "\(error)"])
            logger.flush()
            return 1
        }
        let signals = installSignalHandlers { server.shutdown() }
        server.waitUntilStopped()
        withExtendedLifetime(signals) {}
        return 0
    }

    /// Routes SIGTERM and SIGINT to `shutdown` on a queue of their own, where it may block.
    private static func installSignalHandlers(_ shutdown: @escaping @Sendable () -> Void) -> [DispatchSourceSignal] {
        let queue = DispatchQueue(label: "newsstore.signals")
        return [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: shutdown)
            source.activate()
            return source
        }
    }
}

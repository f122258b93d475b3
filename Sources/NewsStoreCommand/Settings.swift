import Delivery
import HTTP
import NewsAPI
import NewsStore

/// Everything the commands can be told, with the defaults a bare `newsstore serve` uses.
struct Settings: Sendable {
    var server = ServerConfiguration()
    var api = APIConfiguration()
    var logLevel = LogLevel.info
    var logFormat = Logger.Format.text
    /// Where `POST /api/v1/admin/backup` and `newsstore backup` without `--out` write; by
    /// default `backups/` beside the database.
    var backupDirectory: String?
    /// How many of its own backups the backup folder keeps; 0 keeps all.
    var backupRetention = BackupFolder.defaultRetention
    /// SQL statements slower than this are logged as warnings.
    var slowQueryThreshold: Duration = .milliseconds(100)
    /// The SQLite file; by default one in the working directory, created on first start.
    var databasePath = "newsstore.sqlite"
    /// Where the migration files are; found automatically when nil (see `InstalledFolder`).
    var migrationsDirectory: String?
    /// A token that may always write, for bootstrapping before any token is created.
    var adminToken: String?
    /// Whether `serve` serves the reader (`web/`) at `/`.
    var webEnabled = true
    /// The reader's folder; found automatically when nil (see `InstalledFolder`).
    var webRoot: String?
    /// How often the views counted in memory are written to the database.
    var viewsFlushInterval: Duration = .seconds(1)
    /// Searches running at once; nil for half the workers (see `resolvedAPI`).
    var maxConcurrentSearches: Int?
    /// How the delivery loop sends webhooks.
    var delivery = DeliverySettings()
    /// The write-ahead log's size in pages at which a commit checkpoints it; nil keeps
    /// SQLite's default (1000), 0 leaves checkpoints to Litestream (see Settings+Replication).
    var walAutocheckpointPages: Int?
    /// The caches the delivery loop purges.
    var purges = PurgeSettings()

    /// The API's settings with those that follow from others filled in.
    var resolvedAPI: APIConfiguration {
        var api = self.api
        api.maxConcurrentSearches = maxConcurrentSearches ?? max(1, server.workerCount / 2)
        api.comments.ipv6ClientPrefix = server.ipv6ClientPrefix
        return api
    }

    /// The backup folder these settings name.
    var backupFolder: BackupFolder {
        BackupFolder(path: backupDirectory ?? Self.folder(of: databasePath) + "/backups", retention: backupRetention)
    }

    /// The folder holding `path`, `.` for a bare file name.
    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Options of every command that opens the database.
    static let databaseOptions: [Option] = [
        Option("--db", "PATH", "SQLite database file, created if missing (default newsstore.sqlite)") { settings, value throws(UsageError) in
            guard !value.isEmpty else { throw UsageError("the path is empty") }
            settings.databasePath = value
        },
        Option("--migrations", "DIR", "folder of NNNN_name.sql migrations (default: found next to the binary)") {
            settings, value throws(UsageError) in
            guard !value.isEmpty else { throw UsageError("the path is empty") }
            settings.migrationsDirectory = value
        },
    ]

    /// Options of the commands that write into the backup folder (`serve`, `backup`).
    static let backupOptions: [Option] = [
        Option("--backup-dir", "DIR", "folder for backups named newsstore-<UTC time>.sqlite (default: backups/ beside the database)") {
            settings, value throws(UsageError) in
            guard !value.isEmpty else { throw UsageError("the path is empty") }
            settings.backupDirectory = value
        },
        Option("--backup-retention", "N", "backups the folder keeps, newest first; older ones NewsStore made are deleted, 0 keeps all (default 7)") {
            settings, value throws(UsageError) in
            settings.backupRetention = try OptionParser.integer(value, in: 0...100_000)
        },
    ]

    /// Options of `serve`.
    static let serveOptions: [Option] = Array(serveOptionGroups.joined())

    /// `serve`'s options in the order `--help` lists them. Kept as groups, each typed on its
    /// own: one long chain of array literals joined with `+` is more than the type checker
    /// will take.
    private static let serveOptionGroups: [[Option]] = [
        [
            Option("--host", "HOST", "address to listen on (default 127.0.0.1; 0.0.0.0 or :: for all)") { settings, value throws(UsageError) in
                guard !value.isEmpty else { throw UsageError("the host is empty") }
                settings.server.host = value
            },
            Option("--port", "PORT", "TCP port, 0 for any free one (default 8080)") { settings, value throws(UsageError) in
                settings.server.port = try OptionParser.integer(value, in: 0...65535)
            },
        ],
        databaseOptions,
        backupOptions,
        replicationOptions,
        [
            Option(
                "--admin-token", "TOKEN",
                "a bearer token that may always write (bootstrap; 32+ random characters, e.g. from openssl rand -hex 24; keep it secret)"
            ) { settings, value throws(UsageError) in
                if let problem = BootstrapToken.problem(with: value) {
                    throw UsageError("the admin token is refused: \(problem); generate one with: openssl rand -hex 24")
                }
                settings.adminToken = value
            },
            Option(
                "--cors-allowed-origins", "LIST", "comma-separated origins allowed from browsers, or * (default none)",
                environment: "NEWSSTORE_CORS_ORIGINS"
            ) { settings, value throws(UsageError) in
                settings.api.corsAllowedOrigins = value.split(separator: ",").map { String($0.trimmingWhitespace) }.filter { !$0.isEmpty }
            },
            Option("--cache-max-age", "SECONDS", "max-age of public GET responses (default 60)") { settings, value throws(UsageError) in
                settings.api.cacheMaxAge = try OptionParser.integer(value, in: 0...31_536_000)
            },
            Option("--response-cache-size", "BYTES", "memory for rendered public responses, 0 for none (default 4194304)") {
                settings, value throws(UsageError) in
                settings.api.responseCacheSize = try OptionParser.integer(value, in: 0...(1 << 34))
            },
            Option("--related-count", "N", "suggestions fill a detail's related list up to N after the editors' links; 0 for none (default 5)") {
                settings, value throws(UsageError) in
                settings.api.relatedCount = try OptionParser.integer(value, in: ArticleService.relatedCounts)
            },
            Option(
                "--related-cache-size", "BYTES",
                "memory for public articles' rendered summaries, which readers' details splice; 0 renders them every time (default 402653184)"
            ) { settings, value throws(UsageError) in
                settings.api.relatedCacheSize = try OptionParser.integer(value, in: 0...(1 << 34))
            },
            Option("--views-flush-interval", "SECONDS", "how often counted article views are written to the database (default 1)") {
                settings, value throws(UsageError) in
                settings.viewsFlushInterval = try OptionParser.seconds(value)
            },
        ],
        [
            Option(
                "--public-url", "URL",
                "origin of every absolute URL in feeds, sitemaps, share previews and webhooks, e.g. https://news.example (default none: those answer 503; share previews leave out their URL tags)"
            ) { settings, value throws(UsageError) in
                switch Publication.origin(from: value) {
                case .success(let origin): settings.api.publication.origin = origin
                case .failure(let error): throw UsageError("'\(value)' \(error)")
                }
            },
            Option("--site-name", "NAME", "the publication's name in feeds, sitemaps and share previews (default the public URL's host)") {
                settings, value throws(UsageError) in
                let name = String(value.trimmingWhitespace)
                guard (1...200).contains(name.count) else { throw UsageError("the name must have 1 to 200 characters") }
                settings.api.publication.name = name
            },
            Option("--site-language", "TAG", "language of the articles, a BCP 47 tag such as ar or ar-EG (default ar)") {
                settings, value throws(UsageError) in
                guard Publication.isLanguageTag(value) else { throw UsageError("'\(value)' is not a language tag such as ar or ar-EG") }
                settings.api.publication.language = value
            },
        ],
        feedOptions,
        revisionOptions,
        webhooksOptions,
        cacheOptions,
        Option.rateLimit("--views", "article views", \.api.views.rate),
        [
            Option("--views-dedupe-window", "SECONDS", "a client's further views of one article within this count once (default 600)") {
                settings, value throws(UsageError) in
                settings.api.views.repeatWindow = try OptionParser.seconds(value)
            },
            Option("--max-requests-per-client", "N", "requests one client may have queued or running at once; more get 429 (default 16)") {
                settings, value throws(UsageError) in
                settings.server.requestsPerClient = try OptionParser.integer(value, in: 1...100_000)
            },
        ],
        commentsOptions,
        Option.rateLimit("--reads", "public API reads (listings, details, terms)", \.api.clientLimits.reads),
        Option.rateLimit("--searches", "searches", \.api.clientLimits.searches),
        Option.rateLimit("--writes", "writes (POST, PUT, PATCH, DELETE but views)", \.api.clientLimits.writes),
        [
            Option("--search-timeout-ms", "MS", "a search running longer is stopped and answered 503 (default 1000)") {
                settings, value throws(UsageError) in
                settings.api.searchTimeLimit = .milliseconds(try OptionParser.integer(value, in: 1...600_000))
            },
            Option("--search-cache-size", "BYTES", "memory for recent searches' rankings and marked hits, 0 for none (default 4194304)") {
                settings, value throws(UsageError) in
                settings.api.searchCacheSize = try OptionParser.integer(value, in: 0...(1 << 34))
            },
        ],
        Option.rateLimit("--auth-failures", "401 answers", \.api.clientLimits.authenticationFailures, sendOrGet: "get"),
        [
            Option("--max-concurrent-searches", "N", "searches running at once; more wait without holding a worker (default half the workers)") {
                settings, value throws(UsageError) in
                settings.maxConcurrentSearches = try OptionParser.integer(value, in: 1...1024)
            },
            Option(
                "--trusted-proxies", "LIST",
                "comma-separated addresses or CIDR ranges of proxies whose X-Forwarded-For names the client (default 127.0.0.1,::1)"
            ) { settings, value throws(UsageError) in
                var ranges: [IPAddressRange] = []
                for entry in value.split(separator: ",").map({ String($0.trimmingWhitespace) }).filter({ !$0.isEmpty }) {
                    guard let range = IPAddressRange(entry) else { throw UsageError("'\(entry)' is not an IP address or CIDR range") }
                    ranges.append(range)
                }
                settings.server.trustedProxies = TrustedProxies(ranges)
            },
            Option("--ipv6-client-prefix", "BITS", "leading bits of an IPv6 address that are one client, for every per-client limit (default 64)") {
                settings, value throws(UsageError) in
                settings.server.ipv6ClientPrefix = try OptionParser.integer(value, in: 1...128)
            },
            Option(
                "--max-connections-per-client", "N",
                "open connections one client address may hold; more get 429 at accept; trusted proxies exempt (default 64)"
            ) { settings, value throws(UsageError) in
                settings.server.connectionsPerClient = try OptionParser.integer(value, in: 1...1_000_000)
            },
            Option("--web", "on|off", "serve the reader (web/) at / (default on)") { settings, value throws(UsageError) in
                settings.webEnabled = try OptionParser.boolean(value)
            },
            Option("--web-root", "DIR", "the reader's folder, holding index.html (default: found next to the binary)") {
                settings, value throws(UsageError) in
                guard !value.isEmpty else { throw UsageError("the path is empty") }
                settings.webRoot = value
            },
            Option("--metrics-access", "WHO", "token (default: /metrics needs an admin token) or public") { settings, value throws(UsageError) in
                guard let access = MetricsAccess(rawValue: value) else { throw UsageError("'\(value)' is not token or public") }
                settings.api.metricsAccess = access
            },
            Option("--log-level", "LEVEL", "debug, info (one line per request), warning, error or off (default info)") {
                settings, value throws(UsageError) in
                guard let level = LogLevel(name: value) else { throw UsageError("'\(value)' is not a log level") }
                settings.logLevel = level
            },
            Option("--log-format", "FORMAT", "text (logfmt lines, default) or json (one object per line)") { settings, value throws(UsageError) in
                guard let format = Logger.Format(rawValue: value) else { throw UsageError("'\(value)' is not text or json") }
                settings.logFormat = format
            },
            Option("--slow-query-ms", "MS", "log SQL statements slower than this, 0 for all (default 100)") { settings, value throws(UsageError) in
                settings.slowQueryThreshold = .milliseconds(try OptionParser.integer(value, in: 0...3_600_000))
            },
            Option("--workers", "N", "threads that run requests (default 2 per core, at least 4)") { settings, value throws(UsageError) in
                settings.server.workerCount = try OptionParser.integer(value, in: 1...1024)
            },
            Option("--max-connections", "N", "open connections before new ones get 503 (default 1024)") { settings, value throws(UsageError) in
                settings.server.maxConnections = try OptionParser.integer(value, in: 1...1_000_000)
            },
            Option(
                "--max-buffered-body-bytes", "BYTES",
                "request bodies being received, all connections together; beyond, 503 with Retry-After (default 33554432)"
            ) { settings, value throws(UsageError) in
                settings.server.maxBufferedBodyBytes = try OptionParser.integer(value, in: 1024...(1 << 40))
            },
            Option("--max-body-size", "BYTES", "largest request body; larger gets 413 (default 1048576)") { settings, value throws(UsageError) in
                settings.server.limits.maxBodySize = try OptionParser.integer(value, in: 0...(1 << 30))
            },
            Option("--header-timeout", "SECONDS", "time to send a request head (default 10)") { settings, value throws(UsageError) in
                settings.server.timeouts.header = try OptionParser.seconds(value)
            },
            Option("--body-timeout", "SECONDS", "time to send a request body (default 30)") { settings, value throws(UsageError) in
                settings.server.timeouts.body = try OptionParser.seconds(value)
            },
            Option("--idle-timeout", "SECONDS", "keep-alive idle time between requests (default 60)") { settings, value throws(UsageError) in
                settings.server.timeouts.idle = try OptionParser.seconds(value)
            },
            Option("--write-timeout", "SECONDS", "time a client may take to read a whole response (default 30)") {
                settings, value throws(UsageError) in
                settings.server.timeouts.write = try OptionParser.seconds(value)
            },
            Option("--shutdown-grace", "SECONDS", "time for in-flight requests at shutdown (default 10)") { settings, value throws(UsageError) in
                settings.server.shutdownGracePeriod = try OptionParser.seconds(value)
            },
        ],
    ]
}

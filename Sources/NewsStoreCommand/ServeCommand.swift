import Delivery
import Dispatch
import Glibc
import HTTP
import NewsAPI
import NewsStore

/// `newsstore serve`: runs the HTTP API until SIGTERM or SIGINT, then drains and exits 0.
enum ServeCommand {
    static let help = """
        Usage: newsstore serve [options]

        Serves the NewsStore HTTP API on the database file (created and migrated on start).
        Stops gracefully on SIGTERM or SIGINT: stops accepting, finishes requests under way,
        waits for webhook attempts under way, writes the article views counted since the last
        flush, exits 0. Settings come from,
        in rising precedence: defaults, the config file, the environment, the flags.

        Options:
        \(OptionParser.help(for: Settings.serveOptions))
          -h, --help                    show this help
        """

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        let stopSignals = StopSignals.block()
        var settings = Settings()
        let configPath = try OptionParser.parse(arguments, options: Settings.serveOptions, environment: environment, into: &settings)
        let logger = Logger(level: settings.logLevel, format: settings.logFormat, sink: LogSink())
        // The reader is read before the database opens: a wrong --web-root stops the start early.
        var webFiles: [StaticFile] = []
        if settings.webEnabled {
            if let folder = settings.webRoot ?? InstalledFolder.web() {
                webFiles = try WebRoot.load(folder)
                logger.info(
                    "web reader",
                    [
                        "folder": folder, "files": String(webFiles.count),
                        "bytes": String(webFiles.reduce(0) { $0 + $1.body.count }),
                    ])
            } else {
                logger.warning("web reader not found, serving the API only; set --web-root or --web off")
            }
        }
        let database: NewsDatabase
        do {
            database = try DatabaseOpening.open(settings, readers: settings.server.workerCount, logger: logger)
        } catch {
            logger.error("cannot start", ["error": "\(error)"])
            logger.flush()
            return 1
        }
        for migration in database.appliedMigrations {
            logger.info("migration applied", ["version": String(migration.version), "name": migration.name])
        }
        logger.info(
            "starting",
            [
                "version": Version.current, "config": configPath ?? "none", "database": settings.databasePath,
            ])
        let purgeTargets: [(id: Int64, target: PurgeTarget)]
        do {
            let targets = try settings.purges.targets(environment: environment)
            purgeTargets = targets.map { (CachePurges.targetID(of: $0.name), $0) }
            let abandoned = try database.giveUpPurges(except: purgeTargets.map(\.id))
            if abandoned > 0 { logger.warning("purges of caches no longer configured given up", ["purges": String(abandoned)]) }
        } catch {
            logger.error("cannot start", ["error": "\(error)"])
            logger.flush()
            database.close()
            return 1
        }
        for (_, target) in purgeTargets { logger.info("cache purges", ["target": target.name]) }
        let tokens = TokenService(database: database, bootstrapToken: settings.adminToken)
        let metrics = ServerMetrics()
        var api = settings.resolvedAPI
        api.version = Version.current
        api.webFiles = webFiles
        api.backups = settings.backupFolder
        api.cachePurges = CachePurges(targets: purgeTargets.map(\.id))
        let views = ViewService(database: database, purges: api.cachePurges)
        let responder = API.makeResponder(
            database: database, tokens: tokens, views: views, configuration: api, logger: logger, metrics: metrics)
        let server = HTTPServer(configuration: settings.server, responder: responder, logger: logger, metrics: metrics)
        do {
            try server.start()
        } catch {
            logger.error("cannot start", ["error": "\(error)"])
            logger.flush()
            return 1
        }
        let flusher = ViewFlusher(views: views, interval: settings.viewsFlushInterval) { error in
            logger.warning("views not written, kept for the next flush", ["error": "\(error)"])
        }
        logger.info(
            "comments",
            [
                "moderation": api.comments.moderation.mode.rawValue, "word_list_entries": String(api.comments.moderation.wordList.count),
                "address_retention_days": String(api.comments.addressRetentionDays),
            ])
        let addressRetention = CommentAddressRetention(
            comments: CommentService(database: database, events: API.commentEvents(api), addressRetention: api.comments.addressRetention),
            interval: .seconds(3600),
            cleared: { count in logger.info("comment addresses cleared", ["comments": String(count)]) },
            failed: { error in logger.warning("comment addresses not cleared, tried again next hour", ["error": "\(error)"]) })
        var delivery = settings.delivery
        delivery.userAgent = "NewsStore/\(Version.current)"
        let deliveries = DeliveryLoop(
            queue: DeliveryQueue(database: database, events: API.articleEvents(api), purgeLatency: api.purgeLatency), database: database,
            settings: delivery,
            purges: settings.purges, purgeTargets: purgeTargets, logger: logger)
        stopSignals.onSignal { server.shutdown() }
        server.waitUntilStopped()
        addressRetention.stop()
        // After the last request's write: its events are in the outbox, sent after a restart
        // if not now. Before the database closes: attempts under way are recorded.
        deliveries.stop()
        // No request is under way any more: write the views counted since the last flush
        // before the database closes.
        do {
            logger.info("views flushed", ["views": String(try flusher.stop())])
        } catch {
            logger.error("views lost at shutdown", ["error": "\(error)"])
        }
        logger.flush()
        database.close()
        return 0
    }
}

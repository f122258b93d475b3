import Dispatch
import HTTP
import NewsStore
import Synchronization

/// The one loop that talks to the outside: it announces scheduled articles when their time
/// comes, sends the outbox's due deliveries (one at a time per subscription, several
/// subscriptions at once) and cache purges (one at a time per purge target, the rows due
/// together merged into one purge), and records each attempt. All its state is in the
/// database, so a restart picks up where the last committed attempt left off.
///
/// It wakes every `pollInterval` and as soon as a send finishes, but reads the outbox only
/// when something may have changed: a write was committed (`NewsDatabase.generation` moved), a
/// retry or a scheduled article is due, or a send finished. An idle server costs an atomic
/// load per wake.
///
/// @unchecked Sendable: `timer` (a DispatchSource, not marked Sendable) is configured in init
/// before the loop is shared and afterwards touched only on `control`; everything else is
/// immutable or behind `state`'s mutex.
public final class DeliveryLoop: @unchecked Sendable {
    private let queue: DeliveryQueue
    private let database: NewsDatabase
    private let sender: WebhookSender
    private let settings: DeliverySettings
    private let purger: PurgeSender
    /// The configured purge targets by their id.
    private let purgeTargets: [Int64: PurgeTarget]
    private let purgeTargetIDs: [Int64]
    private let logger: Logger
    private let control = DispatchQueue(label: "newsstore.delivery")
    private let sends = DispatchQueue(label: "newsstore.delivery.sends", attributes: .concurrent)
    private let inFlight = DispatchGroup()
    private let timer: DispatchSourceTimer
    private let state = Mutex(State())

    /// Subscriptions sent to at once; each gets one delivery at a time, so a slow receiver
    /// holds up only its own deliveries.
    static let concurrentSubscriptions = 8
    static let pollInterval: Duration = .milliseconds(100)
    /// Even with nothing known to be due, the outbox is read this often (a clock change, say).
    static let rereadInterval: Duration = .seconds(5)
    static let pruneInterval: Duration = .seconds(3600)

    private struct State {
        var stopped = false
        /// Subscriptions with a delivery being sent.
        var busy: Set<Int64> = []
        /// Purge targets with a purge being sent.
        var purging: Set<Int64> = []
        var readGeneration: UInt64?
        var nextWake: Timestamp?
        var lastRead = Timestamp(milliseconds: 0)
        var lastPrune = Timestamp(milliseconds: 0)
        var sendFinished = false
    }

    /// Starts the loop. `purgeTargets` are the configured caches with their ids
    /// (`CachePurges.targetID(of:)`).
    public init(
        queue: DeliveryQueue, database: NewsDatabase, settings: DeliverySettings, purges: PurgeSettings = PurgeSettings(),
        purgeTargets: [(id: Int64, target: PurgeTarget)] = [], logger: Logger
    ) {
        self.queue = queue
        self.database = database
        self.settings = settings
        self.logger = logger
        sender = WebhookSender(settings: settings)
        purger = PurgeSender(settings: purges, userAgent: settings.userAgent)
        self.purgeTargets = Dictionary(purgeTargets.map { ($0.id, $0.target) }, uniquingKeysWith: { first, _ in first })
        purgeTargetIDs = purgeTargets.map(\.id)
        timer = DispatchSource.makeTimerSource(queue: control)
        let period = DispatchTimeInterval.milliseconds(Int(Self.pollInterval.wholeMilliseconds))
        timer.schedule(deadline: .now(), repeating: period, leeway: .milliseconds(10))
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.activate()
    }

    /// Stops reading the outbox and waits for the sends under way (each ends within the
    /// timeout) to be recorded. Call it before the database closes.
    public func stop() {
        control.sync {
            state.withLock { $0.stopped = true }
            timer.cancel()
        }
        let longest = max(settings.timeout, purger.settings.timeout)
        let deadline = DispatchTime.now() + .milliseconds(Int(longest.wholeMilliseconds) + 2000)
        if inFlight.wait(timeout: deadline) == .timedOut {
            logger.warning("webhook sends or cache purges still under way at shutdown; they are sent again after the restart")
        }
    }

    /// Runs on `control`, one tick at a time.
    private func tick() {
        let now = Timestamp.now()
        let generation = database.generation
        let shouldRead = state.withLock { state in
            guard !state.stopped else { return false }
            let due = state.nextWake.map { $0 <= now } ?? false
            let stale = now.milliseconds - state.lastRead.milliseconds >= Self.rereadInterval.wholeMilliseconds
            let read = state.readGeneration != generation || due || stale || state.sendFinished
            if read {
                state.readGeneration = generation
                state.lastRead = now
                state.sendFinished = false
            }
            return read
        }
        guard shouldRead else { return }
        do {
            try queue.announceDueArticles()
            if now.milliseconds - state.withLock({ $0.lastPrune.milliseconds }) >= Self.pruneInterval.wholeMilliseconds {
                let pruned = try queue.pruneFinished()
                state.withLock { $0.lastPrune = now }
                if pruned > 0 { logger.info("old webhook deliveries removed", ["deliveries": String(pruned)]) }
            }
            let busy = state.withLock { $0.busy }
            let free = Self.concurrentSubscriptions - busy.count
            if free > 0 {
                for delivery in try queue.dueDeliveries(limit: free, excludingSubscriptions: busy) { start(delivery) }
            }
            let purging = state.withLock { $0.purging }
            for purge in try queue.duePurges(targets: purgeTargetIDs, excluding: purging) { start(purge) }
            let nextWake = try queue.nextWakeTime()
            state.withLock { $0.nextWake = nextWake }
        } catch {
            logger.warning("webhook deliveries not read, trying again", ["error": "\(error)"])
        }
    }

    private func start(_ delivery: DeliveryQueue.DueDelivery) {
        state.withLock { _ = $0.busy.insert(delivery.subscriptionID) }
        inFlight.enter()
        sends.async { [self] in
            let result = sender.send(delivery)
            log(result, of: delivery)
            do {
                try queue.record(result, of: delivery)
            } catch {
                logger.error("webhook attempt not recorded; it is made again", ["delivery": String(delivery.id), "error": "\(error)"])
            }
            state.withLock { state in
                state.busy.remove(delivery.subscriptionID)
                state.sendFinished = true
            }
            // The subscription's next delivery may go now, not at the next poll: one receiver
            // would otherwise get at most ten a second.
            control.async { [self] in tick() }
            inFlight.leave()
        }
    }

    private func start(_ purge: DeliveryQueue.DuePurge) {
        guard let target = purgeTargets[purge.targetID] else { return }
        state.withLock { _ = $0.purging.insert(purge.targetID) }
        inFlight.enter()
        sends.async { [self] in
            let result = purger.send(purge, to: target)
            let fields: KeyValuePairs<String, String> = [
                "target": target.name, "writes": String(purge.rows.count), "keys": String(purge.keys.count),
                "attempt": String(purge.attempts + 1), "outcome": result.outcome.rawValue, "status": result.status.map(String.init) ?? "-",
                "ms": String(result.duration.wholeMilliseconds), "error": result.error ?? "-",
            ]
            if result.outcome == .delivered { logger.debug("cache purged", fields) } else { logger.warning("cache purge failed", fields) }
            do {
                try queue.record(result, of: purge)
            } catch {
                logger.error("cache purge not recorded; it is sent again", ["target": target.name, "error": "\(error)"])
            }
            state.withLock { state in
                state.purging.remove(purge.targetID)
                state.sendFinished = true
            }
            control.async { [self] in tick() }
            inFlight.leave()
        }
    }

    private func log(_ result: DeliveryQueue.AttemptResult, of delivery: DeliveryQueue.DueDelivery) {
        let fields: KeyValuePairs<String, String> = [
            "delivery": String(delivery.id), "webhook": String(delivery.subscriptionID), "event": delivery.eventType,
            "webhook_id": delivery.eventID, "attempt": String(delivery.attempts + 1), "outcome": result.outcome.rawValue,
            "status": result.status.map(String.init) ?? "-", "ms": String(result.duration.wholeMilliseconds),
            "error": result.error ?? "-",
        ]
        if result.outcome == .delivered {
            logger.info("webhook delivered", fields)
        } else {
            logger.warning("webhook attempt failed", fields)
        }
    }
}

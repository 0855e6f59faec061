import ChorusRunner
import ChorusStore
import ChorusTargets
import Foundation
import Logging
import ServiceLifecycle

/// `chorus watch`'s loop: every `every`, one tick (a small seeded sample with the suite's gate,
/// played by the `tick` closure), stored with its seed and verdict; the Prometheus metrics
/// updated; the alert state moved on and persisted (so a restarted watch resumes it); a
/// notification sent on failing and on recovery (held during quiet hours); old ticks pruned.
///
/// Waits run on the injected clock and wall times come from `now`, so tests tick at once;
/// `tickNow()` starts the next tick before its time. A graceful shutdown (SIGTERM, SIGINT through
/// `ServiceGroup`) lets the tick in flight finish and be stored, then ends the loop.
public final class Watcher: Service, Sendable {
    /// One tick to play.
    public struct Tick: Sendable {
        /// The tick's number (0 for a suite's first tick ever; a resumed watch continues the count).
        public var number: Int
        /// The sample's seed: new each tick, derived from the suite's seed and the number.
        public var seed: UInt64
        /// Raised when the watch is asked to stop: the sample stops starting conversations.
        public var stop: StopFlag
    }

    public struct Configuration: Sendable {
        public var suite: String
        public var target: String
        /// The suite's seed, from which each tick's seed is derived.
        public var seed: UInt64
        public var every: Duration
        public var failingAfter: Int
        public var quietHours: QuietHours?
        /// Ticks (and their runs) older than this are deleted; nil keeps them.
        public var retention: Duration?
        /// Stop after this many ticks (nil: until stopped).
        public var maxTicks: Int?

        public init(
            suite: String, target: String, seed: UInt64, every: Duration, failingAfter: Int = 3,
            quietHours: QuietHours? = nil, retention: Duration? = nil, maxTicks: Int? = nil
        ) {
            self.suite = suite
            self.target = target
            self.seed = seed
            self.every = every
            self.failingAfter = failingAfter
            self.quietHours = quietHours
            self.retention = retention
            self.maxTicks = maxTicks
        }
    }

    public let configuration: Configuration
    public let metrics: WatchMetrics
    public let stop = StopFlag()
    private let tickRequest = TickRequest()
    private let store: ResultStore
    private let notifier: WebhookNotifier?
    private let clock: any WaitClock
    private let now: @Sendable () -> Date
    private let timeZone: TimeZone
    private let logger: Logger
    private let tick: @Sendable (Tick) async -> TickResult

    public init(
        configuration: Configuration, store: ResultStore, metrics: WatchMetrics, notifier: WebhookNotifier?,
        clock: any WaitClock, now: @escaping @Sendable () -> Date = { Date() }, timeZone: TimeZone = .current,
        logger: Logger = Logger(label: "chorus.watch"), tick: @escaping @Sendable (Tick) async -> TickResult
    ) {
        self.configuration = configuration
        self.store = store
        self.metrics = metrics
        self.notifier = notifier
        self.clock = clock
        self.now = now
        self.timeZone = timeZone
        self.logger = logger
        self.tick = tick
    }

    /// The seed of tick `number` of a suite seeded `base` (SplitMix64 of the pair), recorded
    /// with the tick so its sample can be replayed with `chorus run --seed`.
    public static func seed(base: UInt64, tick number: Int) -> UInt64 {
        var z = base &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(number + 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (z ^ (z >> 31)) & 0x7FFF_FFFF_FFFF_FFFF
    }

    /// Plays the next tick now instead of at its time (`chorus watch` on SIGUSR1); asked during a
    /// tick, the next one starts as soon as it ends. The schedule goes on from the tick played.
    public func tickNow() {
        tickRequest.request()
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await loop()
        } onGracefulShutdown: { [stop] in
            stop.raise(.terminated)
        }
    }

    private func loop() async throws {
        let suite = configuration.suite
        let target = configuration.target
        var state = try store.watchState(suite: suite, target: target) ?? StoredWatchState(suite: suite, target: target)
        var machine = AlertStateMachine(
            failingAfter: configuration.failingAfter, state: AlertStateMachine.State(rawValue: state.state) ?? .ok,
            consecutiveFailures: state.consecutiveFailures)
        metrics.show(machine.state)
        if let last = state.lastPassingAt.flatMap(Self.date(_:)) { metrics.showLastPass(last.timeIntervalSince1970) }
        if state.ticks > 0 {
            logger.info(
                "resuming the watch of \(suite) against \(target) at tick \(state.ticks), alert state \(machine.state.rawValue)"
            )
        }
        var next = clock.now
        var played = 0
        while !stop.isRaised, !Task.isCancelled {
            try await deliverPending(&state)
            let number = state.ticks
            let seed = Self.seed(base: configuration.seed, tick: number)
            let startedAt = now()
            let result = await tick(Tick(number: number, seed: seed, stop: stop))
            let endedAt = now()
            try store.recordWatchTick(
                StoredWatchTick(
                    suite: suite, target: target, tick: number, seed: seed, startedAt: Self.timestamp(startedAt),
                    run: result.run, verdict: result.verdict.rawValue, reason: result.reason))
            metrics.record(result, endedAt: endedAt.timeIntervalSince1970)
            logger.info(
                "tick \(number) seed \(seed): \(result.verdict.rawValue)\(result.reason.map { " (\($0))" } ?? "")\(result.run.map { ", run \($0)" } ?? "")"
            )

            state.ticks += 1
            state.lastRun = result.run
            if stop.isRaised {
                // Stopped mid-tick: the sample is partial (its run is stored as interrupted),
                // so it does not move the alert.
                try store.saveWatchState(state)
                break
            }
            if result.verdict == .pass {
                state.lastPassingAt = Self.timestamp(endedAt)
            } else {
                state.lastReason = result.reason
                if machine.consecutiveFailures == 0 { state.failingSince = Self.timestamp(startedAt) }
            }
            if let event = machine.record(result.verdict) {
                let notification = AlertNotification(
                    event: event, suite: suite, target: target,
                    reason: event == .failing
                        ? "\(machine.consecutiveFailures) failing tick\(machine.consecutiveFailures == 1 ? "" : "s") in a row: \(result.reason ?? result.verdict.rawValue)"
                        : "passing again after: \(state.lastReason ?? "failing ticks")",
                    run: result.run, startsAt: state.failingSince ?? Self.timestamp(startedAt),
                    endsAt: event == .recovered ? Self.timestamp(endedAt) : nil)
                hold(notification, in: &state)
            }
            state.state = machine.state.rawValue
            state.consecutiveFailures = machine.consecutiveFailures
            metrics.show(machine.state)
            try store.saveWatchState(state)
            try await deliverPending(&state)
            if let retention = configuration.retention {
                let cutoff = now().addingTimeInterval(-Double(retention.components.seconds))
                let pruned = try store.pruneWatchTicks(
                    suite: suite, target: target, startedBefore: Self.timestamp(cutoff))
                if pruned > 0 {
                    logger.info("retention: deleted \(pruned) tick\(pruned == 1 ? "" : "s") and their runs")
                }
            }

            played += 1
            if let maxTicks = configuration.maxTicks, played >= maxTicks { break }
            next = max(next + configuration.every, clock.now)
            do {
                try await cancelWhenGracefulShutdown { [clock, next, tickRequest] in
                    // Until the tick's time or a request for it, whichever comes first.
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await clock.sleep(until: next) }
                        group.addTask { await tickRequest.wait() }
                        try await group.next()
                        group.cancelAll()
                    }
                    try Task.checkCancellation()
                }
            } catch {
                break
            }
            // A requested tick moves the schedule: the next one is `every` after it.
            next = min(next, clock.now)
        }
    }

    /// Keeps `notification` to be sent: a recovery that follows a failure still waiting (in
    /// quiet hours) cancels both — the incident is over, and its ticks are in the database.
    private func hold(_ notification: AlertNotification, in state: inout StoredWatchState) {
        if let pending = state.pendingNotification.flatMap(Self.decode),
            pending.event == AlertStateMachine.Event.failing.rawValue,
            notification.event == AlertStateMachine.Event.recovered.rawValue
        {
            logger.info("the alert failed and recovered within quiet hours; no notification")
            state.pendingNotification = nil
            return
        }
        state.pendingNotification = Self.encode(notification)
    }

    /// Sends the notification waiting, unless it is quiet hours or there is no webhook; keeps it
    /// when every attempt failed, to try again at the next tick.
    private func deliverPending(_ state: inout StoredWatchState) async throws {
        guard let text = state.pendingNotification, let notification = Self.decode(text) else { return }
        guard let notifier else {
            state.pendingNotification = nil
            try store.saveWatchState(state)
            return
        }
        if let quiet = configuration.quietHours, quiet.contains(minuteOfDay: minuteOfDay(now())) { return }
        if await notifier.send(notification) {
            logger.notice("notified: \(notification.event) (\(notification.reason))")
            state.pendingNotification = nil
            try store.saveWatchState(state)
        } else {
            logger.error(
                "could not deliver the \(notification.event) notification; it is kept and tried again at the next tick")
        }
    }

    private func minuteOfDay(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    static func date(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }

    static func encode(_ notification: AlertNotification) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(notification)) ?? Data(), as: UTF8.self)
    }

    static func decode(_ text: String) -> AlertNotification? {
        try? JSONDecoder().decode(AlertNotification.self, from: Data(text.utf8))
    }
}

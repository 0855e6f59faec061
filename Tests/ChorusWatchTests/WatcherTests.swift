import ChorusStore
import ChorusTestSupport
import ChorusWatch
import Foundation
import Synchronization
import Testing

/// The watch loop on a test clock: ticks follow one another without waiting, notifications go
/// out once on failing and once on recovery (retried when the receiver fails), the state
/// survives a restart, quiet hours hold notifications, retention prunes old ticks.
struct WatcherTests {
    /// The bodies a fake webhook received; the first `failures` deliveries fail.
    final class Receiver: Sendable {
        private let state: Mutex<(bodies: [String], attempts: Int)> = Mutex(([], 0))
        let failures: Int

        init(failures: Int = 0) { self.failures = failures }

        var bodies: [String] { state.withLock { $0.bodies } }
        var attempts: Int { state.withLock { $0.attempts } }

        func deliver(_ body: String) throws {
            try state.withLock { state in
                state.attempts += 1
                if state.attempts <= failures { throw ReceiverDown() }
                state.bodies.append(body)
            }
        }
    }

    struct ReceiverDown: Error {}

    /// Wall time for the watcher: a fixed origin moved by the test clock.
    static func wallClock(_ clock: TestClock, origin: Date) -> @Sendable () -> Date {
        { origin.addingTimeInterval(Double(clock.now.components.seconds)) }
    }

    static let noon = Date(timeIntervalSince1970: 1_767_268_800)  // 2026-01-01T12:00:00Z

    func watcher(
        store: ResultStore, clock: TestClock, receiver: Receiver, verdicts: [TickResult.Verdict], failingAfter: Int = 2,
        quietHours: QuietHours? = nil, retention: Duration? = nil, origin: Date = noon, played: EventCount? = nil
    ) -> Watcher {
        Watcher(
            configuration: .init(
                suite: "acme", target: "live", seed: 42, every: .seconds(60), failingAfter: failingAfter,
                quietHours: quietHours, retention: retention, maxTicks: verdicts.count),
            store: store, metrics: WatchMetrics(suite: "acme", target: "live"),
            notifier: WebhookNotifier(format: .json, clock: clock) { try receiver.deliver($0) }, clock: clock,
            now: Self.wallClock(clock, origin: origin), timeZone: TimeZone(identifier: "UTC")!,
            tick: { tick in
                defer { played?.add() }
                let verdict = verdicts[tick.number % verdicts.count]
                return TickResult(
                    verdict: verdict, reason: verdict == .pass ? nil : "tick \(tick.number) \(verdict.rawValue)",
                    run: verdict == .down ? nil : "run-\(tick.number)", completionRate: verdict == .down ? nil : 0.8,
                    fallbackRate: 0.1, errorRate: verdict == .down ? 1 : 0, latencyP95Ms: 120)
            })
    }

    func store() throws -> ResultStore {
        try ResultStore(path: "\(try Fixtures.temporaryDirectory("chorus-watch"))/chorus.sqlite")
    }

    @Test func notifiesOnceOnFailingAndOnceOnRecovery() async throws {
        let store = try store()
        let clock = TestClock(.skippingWaits)
        let receiver = Receiver()
        let watcher = watcher(
            store: store, clock: clock, receiver: receiver, verdicts: [.pass, .down, .down, .fail, .pass, .pass])
        try await watcher.run()

        let bodies = receiver.bodies
        #expect(bodies.count == 2)
        #expect(bodies.first?.contains(#""event":"failing""#) == true)
        #expect(bodies.first?.contains("2 failing ticks in a row: tick 2 down") == true)
        #expect(bodies.last?.contains(#""event":"recovered""#) == true)
        #expect(bodies.last?.contains(#""run":"run-4""#) == true)

        let ticks = try store.watchTicks(suite: "acme", target: "live")
        #expect(ticks.map(\.verdict) == ["pass", "down", "down", "fail", "pass", "pass"])
        #expect(ticks.map(\.tick) == Array(0..<6))
        #expect(Set(ticks.map(\.seed)).count == 6)
        #expect(ticks[1].seed == Watcher.seed(base: 42, tick: 1))
        // Ticks start a minute apart on the clock, whatever a tick takes.
        #expect(clock.waits == Array(repeating: .seconds(60), count: 5))

        let state = try #require(try store.watchState(suite: "acme", target: "live"))
        #expect(state.state == "ok")
        #expect(state.ticks == 6)
        #expect(state.pendingNotification == nil)

        let metrics = watcher.metrics.text()
        #expect(metrics.contains(#"chorus_watch_up{suite="acme",target="live"} 1"#))
        #expect(metrics.contains(#"chorus_watch_ticks_total{suite="acme",target="live",verdict="down"} 2"#))
        #expect(metrics.contains(#"chorus_watch_ticks_total{suite="acme",target="live",verdict="pass"} 3"#))
        #expect(metrics.contains(#"chorus_watch_alert_failing{suite="acme",target="live"} 0"#))
        #expect(metrics.contains(#"chorus_watch_latency_p95_seconds{suite="acme",target="live"} 0.12"#))
    }

    /// `tickNow()` (SIGUSR1 in `chorus watch`) plays the next tick at once, and the schedule goes
    /// on from it.
    @Test func aRequestedTickPlaysAtOnceAndMovesTheSchedule() async throws {
        let store = try store()
        let clock = TestClock(.manual)
        let played = EventCount()
        let watcher = watcher(
            store: store, clock: clock, receiver: Receiver(), verdicts: [.pass, .pass, .pass, .pass], played: played)
        let running = Task { try await watcher.run() }

        // Tick 0 at 0 s; the next is due at 60 s. Half way there, a tick is asked for.
        await played.reached(1)
        await clock.pending(atLeast: 1)
        #expect(clock.pendingDeadlines == [.seconds(60)])
        clock.advance(by: .seconds(30))
        #expect(played.value == 1)
        watcher.tickNow()
        await played.reached(2)
        await clock.pending(atLeast: 1)
        #expect(clock.pendingDeadlines == [.seconds(90)], "a minute after the requested tick, not at 60 s")

        // Another request: tick 2 at once, at 30 s again; tick 3 comes at its time, a minute later.
        watcher.tickNow()
        await played.reached(3)
        await clock.pending(atLeast: 1)
        #expect(clock.pendingDeadlines == [.seconds(90)])
        clock.advance(by: .seconds(60))
        try await running.value
        #expect(played.value == 4)
        #expect(try store.watchTicks(suite: "acme", target: "live").map(\.tick) == [0, 1, 2, 3])
    }

    @Test func retriesAFailedDeliveryWithBackOff() async throws {
        let store = try store()
        let clock = TestClock(.skippingWaits)
        let receiver = Receiver(failures: 2)
        try await watcher(store: store, clock: clock, receiver: receiver, verdicts: [.down], failingAfter: 1).run()
        #expect(receiver.attempts == 3)
        #expect(receiver.bodies.count == 1)
        #expect(clock.waits == [.seconds(1), .seconds(2)])
    }

    @Test func aRestartedWatchResumesItsState() async throws {
        let store = try store()
        let clock = TestClock(.skippingWaits)
        let receiver = Receiver()
        try await watcher(store: store, clock: clock, receiver: receiver, verdicts: [.down, .down], failingAfter: 3)
            .run()
        #expect(receiver.bodies.isEmpty)
        // The third failing tick in a row comes after the restart: it still fires.
        try await watcher(
            store: store, clock: clock, receiver: receiver, verdicts: [.down, .down, .down], failingAfter: 3
        ).run()
        #expect(receiver.bodies.count == 1)
        let ticks = try store.watchTicks(suite: "acme", target: "live")
        #expect(ticks.map(\.tick) == [0, 1, 2, 3, 4])
    }

    @Test func quietHoursHoldTheNotificationUntilTheyEnd() async throws {
        let store = try store()
        let clock = TestClock(.skippingWaits)
        let receiver = Receiver()
        let quiet = QuietHours("11:00-13:00")
        try await watcher(
            store: store, clock: clock, receiver: receiver, verdicts: [.down], failingAfter: 1, quietHours: quiet
        ).run()
        #expect(receiver.attempts == 0)
        #expect(try store.watchState(suite: "acme", target: "live")?.pendingNotification?.contains("failing") == true)
        // After the window: sent before the next tick.
        let later = Self.noon.addingTimeInterval(2 * 3600)
        try await watcher(
            store: store, clock: clock, receiver: receiver, verdicts: [.down], failingAfter: 1, quietHours: quiet,
            origin: later
        ).run()
        #expect(receiver.bodies.count == 1)
        #expect(try store.watchState(suite: "acme", target: "live")?.pendingNotification == nil)
    }

    @Test func aFailureResolvedWithinQuietHoursIsNotSent() async throws {
        let store = try store()
        let clock = TestClock(.skippingWaits)
        let receiver = Receiver()
        try await watcher(
            store: store, clock: clock, receiver: receiver, verdicts: [.down, .pass], failingAfter: 1,
            quietHours: QuietHours("11:00-13:00")
        ).run()
        #expect(receiver.attempts == 0)
        #expect(try store.watchState(suite: "acme", target: "live")?.pendingNotification == nil)
    }

    @Test func retentionPrunesOldTicks() async throws {
        let store = try store()
        let clock = TestClock(.skippingWaits)
        let receiver = Receiver()
        // Ticks a minute apart, three minutes kept: of ten ticks, the last four remain.
        try await watcher(
            store: store, clock: clock, receiver: receiver, verdicts: Array(repeating: .pass, count: 10),
            retention: .seconds(180)
        ).run()
        let ticks = try store.watchTicks(suite: "acme", target: "live")
        #expect(ticks.map(\.tick) == [6, 7, 8, 9])
    }
}

import ChorusModel
import ChorusScoring
import ChorusTargets

/// Runs a plan of conversations with bounded concurrency and hands the records to a consumer
/// in plan order.
///
/// Closed loop (the default): `concurrency` conversations are in flight, and the next one starts
/// each time one finishes. Open loop (`rate`): conversation *p* of the plan is due at
/// `start + p / rate` whatever the bot does, with `concurrency` as a cap; a conversation that
/// starts late because the cap was reached has its first reply's latency measured from when it
/// was due, so a stalled bot shows in the latencies instead of slowing the load down
/// (no coordinated omission).
///
/// Records are emitted in plan order; a small reorder buffer holds the ones that finished early,
/// and no conversation starts more than `window` positions ahead of the last emitted one, so
/// memory stays flat however long the run and however slow one conversation.
///
/// The schedule runs on the driver's clock, so due times and the latencies measured from them
/// agree, and a test drives both with one test clock.
public struct RunScheduler: Sendable {
    public let concurrency: Int
    /// Conversations started per second (open loop), or `nil` (closed loop).
    public let rate: Double?
    public let window: Int
    /// Plays of each conversation (`--repeat k`): conversation *i* is played `repeats` times in a
    /// row, each play a fresh session with the same synthetic user, emitted in (index, repeat) order.
    public let repeats: Int

    /// The scheduler of a run's configuration (its concurrency, rate and repeats).
    public init(_ configuration: RunConfiguration) {
        self.init(concurrency: configuration.concurrency, rate: configuration.rate, repeats: configuration.repeats)
    }

    public init(concurrency: Int, rate: Double? = nil, repeats: Int = 1) {
        self.concurrency = max(1, concurrency)
        self.repeats = max(1, repeats)
        self.rate = rate.flatMap { $0 > 0 ? $0 : nil }
        window = max(4 * self.concurrency, 64)
    }

    private enum Event: Sendable {
        case finished(Int, ConversationRecord)
        case due
    }

    /// Runs the conversations of `plan` in order, calling `consume` for each record in the same
    /// order. Stops starting new conversations when `stop` is raised or the task is cancelled;
    /// conversations already started finish and are consumed first. If `consume` throws, the
    /// run stops.
    public func run<Plan: RandomAccessCollection & Sendable>(
        _ plan: Plan, driver: ConversationDriver, stop: StopFlag = StopFlag(),
        consume: (ConversationRecord) async throws -> Void
    ) async throws where Plan.Element == Int, Plan.Index == Int {
        let clock = driver.clock
        let start = clock.now
        let rate = rate
        let repeats = repeats
        let plays = plan.count * repeats
        try await withThrowingTaskGroup(of: Event.self) { group in
            let first = plan.startIndex
            var started = 0
            var emitted = 0
            var inFlight = 0
            var waitingForDue = false
            var pending: [Int: ConversationRecord] = [:]
            func startMore() {
                while !stop.isRaised, !Task.isCancelled, inFlight < concurrency, started < plays,
                    started < emitted + window
                {
                    var due: Duration?
                    if let rate {
                        let instant = start + .seconds(Double(started) / rate)
                        if clock.now < instant {
                            if !waitingForDue {
                                waitingForDue = true
                                group.addTask {
                                    try? await clock.sleep(until: instant)
                                    return .due
                                }
                            }
                            return
                        }
                        due = instant
                    }
                    let position = started
                    let index = plan[first + position / repeats]
                    let play = position % repeats
                    group.addTask { .finished(position, await driver.run(conversation: index, repeat: play, due: due)) }
                    started += 1
                    inFlight += 1
                }
            }
            startMore()
            while let event = try await group.next() {
                switch event {
                case .due:
                    waitingForDue = false
                case .finished(let position, let record):
                    inFlight -= 1
                    pending[position] = record
                    while let ready = pending.removeValue(forKey: emitted) {
                        try await consume(ready)
                        emitted += 1
                    }
                }
                startMore()
                // A pending wake-up for the next due conversation must not keep a stopped run alive.
                if stop.isRaised || Task.isCancelled, inFlight == 0 {
                    group.cancelAll()
                }
            }
        }
    }
}

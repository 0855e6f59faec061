/// What `chorus watch` keeps of one suite's alert state between ticks, so a restarted watch
/// resumes where it stopped (state, count of failing ticks, the notification still owed).
public struct StoredWatchState: Sendable, Equatable, Codable {
    public var suite: String
    public var target: String
    /// `ok`, `failing` or `recovered` (the alert state machine's names).
    public var state: String
    /// Failing ticks in a row.
    public var consecutiveFailures: Int
    /// Ticks played so far (the next tick's number).
    public var ticks: Int
    /// The run of the last tick, and why it failed when it did.
    public var lastRun: String?
    public var lastReason: String?
    /// When the last passing tick ended (ISO 8601).
    public var lastPassingAt: String?
    /// When the current (or last) failure started (ISO 8601).
    public var failingSince: String?
    /// A notification decided but not yet delivered (JSON), sent first when the watch resumes.
    public var pendingNotification: String?

    public init(
        suite: String, target: String, state: String = "ok", consecutiveFailures: Int = 0, ticks: Int = 0,
        lastRun: String? = nil, lastReason: String? = nil, lastPassingAt: String? = nil, failingSince: String? = nil,
        pendingNotification: String? = nil
    ) {
        self.suite = suite
        self.target = target
        self.state = state
        self.consecutiveFailures = consecutiveFailures
        self.ticks = ticks
        self.lastRun = lastRun
        self.lastReason = lastReason
        self.lastPassingAt = lastPassingAt
        self.failingSince = failingSince
        self.pendingNotification = pendingNotification
    }
}

/// One tick of `chorus watch`: its seed (new each tick, so it can be replayed), its run and verdict.
public struct StoredWatchTick: Sendable, Equatable {
    public var suite: String
    public var target: String
    public var tick: Int
    public var seed: UInt64
    public var startedAt: String
    /// The run the tick stored; nil once retention deleted it (or when the bot was down and
    /// nothing ran).
    public var run: String?
    /// `pass`, `fail` or `down`.
    public var verdict: String
    public var reason: String?

    public init(
        suite: String, target: String, tick: Int, seed: UInt64, startedAt: String, run: String?, verdict: String,
        reason: String?
    ) {
        self.suite = suite
        self.target = target
        self.tick = tick
        self.seed = seed
        self.startedAt = startedAt
        self.run = run
        self.verdict = verdict
        self.reason = reason
    }
}

/// What one tick of `chorus watch` found: the verdict of its sample and the figures the
/// Prometheus metrics show.
public struct TickResult: Sendable, Equatable {
    public enum Verdict: String, Sendable, CaseIterable {
        /// The sample ran and passed the suite's gate.
        case pass
        /// The sample ran and failed the gate (or too many conversations ended in an error).
        case fail
        /// The bot did not answer: nothing could be run.
        case down
    }

    public var verdict: Verdict
    /// Why the tick failed, in one line (the failed gate rules, or the connection error).
    public var reason: String?
    /// The run the tick stored (nil when the bot was down).
    public var run: String?
    public var completionRate: Double?
    public var fallbackRate: Double?
    public var errorRate: Double?
    public var latencyP95Ms: Double?

    public init(
        verdict: Verdict, reason: String? = nil, run: String? = nil, completionRate: Double? = nil,
        fallbackRate: Double? = nil, errorRate: Double? = nil, latencyP95Ms: Double? = nil
    ) {
        self.verdict = verdict
        self.reason = reason
        self.run = run
        self.completionRate = completionRate
        self.fallbackRate = fallbackRate
        self.errorRate = errorRate
        self.latencyP95Ms = latencyP95Ms
    }

    /// Whether the bot answered at all.
    public var up: Bool { verdict != .down }
}

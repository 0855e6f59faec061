import ChorusModel
import ChorusScoring

/// A run's headline figures, kept as a small JSON text beside its aggregate when it ends, so
/// trends over hundreds of runs read a few hundred bytes per run rather than every aggregate.
public struct RunHeadline: Sendable, Equatable, Codable {
    /// Conversations the figures are over.
    public var conversations: Int
    /// The headline rates with their Wilson intervals, by gate metric name (`completion_rate`,
    /// `intent_accuracy`, `fallback_rate`, `handoff_rate`, `abandonment_rate`, `error_rate`);
    /// a rate the run has no value for is absent.
    public var rates: [String: RateMetric]
    /// Reply latency percentiles, when any reply was timed.
    public var latencyMs: Summary.Latency?

    public init(conversations: Int, rates: [String: RateMetric], latencyMs: Summary.Latency?) {
        self.conversations = conversations
        self.rates = rates
        self.latencyMs = latencyMs
    }

    /// The headline of a summary.
    public init(_ summary: Summary) {
        let m = summary.metrics
        let named: [(String, RateMetric?)] = [
            ("completion_rate", m.completionRate), ("intent_accuracy", m.intentAccuracy),
            ("fallback_rate", m.fallbackRate),
            ("handoff_rate", m.handoffRate), ("abandonment_rate", m.abandonmentRate), ("error_rate", m.errorRate),
        ]
        var rates: [String: RateMetric] = [:]
        for (name, rate) in named { rates[name] = rate }
        self.init(conversations: summary.conversations, rates: rates, latencyMs: summary.latencyMs)
    }

    /// The headline of an aggregate.
    public init(_ aggregate: Aggregate) {
        self.init(Summary(suite: "", target: TargetInfo(kind: "", name: "", detail: ""), seed: 0, aggregate: aggregate))
    }

    enum CodingKeys: String, CodingKey {
        case conversations, rates
        case latencyMs = "latency_ms"
    }
}

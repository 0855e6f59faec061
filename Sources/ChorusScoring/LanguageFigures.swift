/// The headline rates of one language's conversations, with 95% Wilson intervals: what the
/// summary's `languages` section holds and a gate's `languages:` bounds check.
public struct LanguageFigures: Sendable, Equatable, Codable {
    /// Conversations in the language.
    public var conversations: Int
    public var outcomes: OutcomeCounts
    public var completionRate: RateMetric?
    public var handoffRate: RateMetric?
    public var escalationRate: RateMetric?
    public var abandonmentRate: RateMetric?
    public var errorRate: RateMetric?
    /// Fallback replies / user turns of the language's conversations.
    public var fallbackRate: RateMetric?
    /// `nil` when no turn of the language was judged; every rate is `nil` without trials.
    public var intentAccuracy: RateMetric?

    enum CodingKeys: String, CodingKey {
        case conversations, outcomes
        case completionRate = "completion_rate"
        case handoffRate = "handoff_rate"
        case escalationRate = "escalation_rate"
        case abandonmentRate = "abandonment_rate"
        case errorRate = "error_rate"
        case fallbackRate = "fallback_rate"
        case intentAccuracy = "intent_accuracy"
    }

    /// The figures of `counts`.
    public init(_ counts: LanguageCounts) {
        conversations = counts.conversations
        outcomes = counts.outcomes
        completionRate = RateMetric(successes: counts.outcomes.completed, trials: counts.conversations)
        handoffRate = RateMetric(successes: counts.outcomes.handedOff, trials: counts.conversations)
        escalationRate = RateMetric(successes: counts.outcomes.escalated, trials: counts.conversations)
        abandonmentRate = RateMetric(successes: counts.outcomes.abandoned, trials: counts.conversations)
        errorRate = RateMetric(successes: counts.outcomes.error, trials: counts.conversations)
        fallbackRate = RateMetric(successes: counts.fallbackTurns, trials: counts.userTurns)
        intentAccuracy =
            counts.intentJudgedTurns > 0
            ? RateMetric(successes: counts.intentCorrectTurns, trials: counts.intentJudgedTurns) : nil
    }

    /// The rate a gate key names (`completion_rate`, `intent_accuracy`, …), if it has one here.
    public func rate(named key: String) -> RateMetric? {
        switch key {
        case "completion_rate": completionRate
        case "handoff_rate": handoffRate
        case "escalation_rate": escalationRate
        case "abandonment_rate": abandonmentRate
        case "error_rate": errorRate
        case "fallback_rate": fallbackRate
        case "intent_accuracy": intentAccuracy
        default: nil
        }
    }
}

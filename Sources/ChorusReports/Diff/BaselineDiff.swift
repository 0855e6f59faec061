import ChorusModel
import ChorusScoring

/// A run compared with a baseline: every headline rate and every intent's precision, recall and
/// F1 with its delta and interval, every named dialogue failure's rate, the confusion cells that
/// moved, the outcome shifts per goal, persona and behaviour, and the failure clusters that are new.
public struct BaselineDiff: Sendable, Equatable, Codable {
    /// Headline figures in a fixed order (intent accuracy, completion, fallback, handoff,
    /// abandonment, error rate, goal completion, escalation, dialogue failure rate, slot F1,
    /// latency p95, turns to success p95).
    public var metrics: [MetricDelta]
    /// Per intent: `<intent>.precision`, `.recall`, `.f1`, sorted by intent then figure.
    public var intents: [MetricDelta]
    /// Confusion-matrix cells whose share of the expected intent's turns moved most.
    public var confusionMoves: [ConfusionMove]
    /// Outcome counts per goal, before and after.
    public var goals: [String: OutcomeShift]
    /// Outcome counts per persona, before and after.
    public var personas: [String: OutcomeShift]
    /// Per named dialogue failure, the change of its rate (`context_lost_rate`, …), in
    /// `DialogueFailure` order; only failures the baseline has figures for.
    public var dialogueFailures: [MetricDelta]
    /// Outcome counts per behaviour (`plain` for none), before and after.
    public var behaviours: [String: OutcomeShift]
    /// Failure signatures (keys) present in the run and absent from the baseline.
    public var newFailureClusters: [String]

    public init(
        metrics: [MetricDelta], intents: [MetricDelta], confusionMoves: [ConfusionMove], goals: [String: OutcomeShift],
        personas: [String: OutcomeShift], dialogueFailures: [MetricDelta] = [],
        behaviours: [String: OutcomeShift] = [:],
        newFailureClusters: [String]
    ) {
        self.metrics = metrics
        self.intents = intents
        self.confusionMoves = confusionMoves
        self.goals = goals
        self.personas = personas
        self.dialogueFailures = dialogueFailures
        self.behaviours = behaviours
        self.newFailureClusters = newFailureClusters
    }

    /// Every significant regression, headline figures first, then dialogue failures, then intents.
    public var regressions: [MetricDelta] { (metrics + dialogueFailures + intents).filter(\.regression) }

    /// The headline or dialogue-failure delta with the given name (a gate metric's key).
    public func delta(named name: String) -> MetricDelta? {
        metrics.first { $0.name == name } ?? dialogueFailures.first { $0.name == name }
    }

    enum CodingKeys: String, CodingKey {
        case metrics, intents
        case confusionMoves = "confusion_moves"
        case goals, personas
        case dialogueFailures = "dialogue_failures"
        case behaviours
        case newFailureClusters = "new_failure_clusters"
    }
}

/// One confusion-matrix cell, as a share of the expected intent's judged turns, before and after.
public struct ConfusionMove: Sendable, Equatable, Codable {
    public var expected: String
    public var predicted: String
    public var baselineShare: Double
    public var currentShare: Double

    public init(expected: String, predicted: String, baselineShare: Double, currentShare: Double) {
        self.expected = expected
        self.predicted = predicted
        self.baselineShare = baselineShare
        self.currentShare = currentShare
    }

    enum CodingKeys: String, CodingKey {
        case expected, predicted
        case baselineShare = "baseline_share"
        case currentShare = "current_share"
    }
}

/// Outcome counts of one goal or persona in the baseline and in the run.
public struct OutcomeShift: Sendable, Equatable, Codable {
    public var baseline: OutcomeCounts
    public var current: OutcomeCounts

    public init(baseline: OutcomeCounts, current: OutcomeCounts) {
        self.baseline = baseline
        self.current = current
    }
}

extension OutcomeShift {
    /// The change of the completion rate with its 95% interval (Newcombe's hybrid score interval
    /// from the two Wilson intervals), over the conversations that did not end in a transport
    /// error; `nil` when either side has none.
    public var completionChange: (baseline: Double, current: Double, delta: Double, low: Double, high: Double)? {
        guard
            let difference = ProportionDifference(
                successes1: baseline.completed, trials1: baseline.judged, successes2: current.completed,
                trials2: current.judged)
        else { return nil }
        let before = Double(baseline.completed) / Double(baseline.judged)
        return (before, before + difference.delta, difference.delta, difference.low, difference.high)
    }
}

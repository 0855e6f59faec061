import ChorusModel
import ChorusScoring
import Foundation

/// Model look-ups shared by the Markdown, HTML and JUnit reporters (numbers are formatted by
/// `Figures`, so every view shows the same figure the same way).
enum ReportFormat {
    /// A rate's 95% interval in percent: `[68.3, 73.9]`.
    static func interval(_ metric: RateMetric) -> String {
        Figures.interval(metric.low, metric.high)
    }

    /// Whether a diff figure is in milliseconds (`latency_p95_ms`) rather than a proportion.
    static func isMilliseconds(_ name: String) -> Bool {
        Figures.unit(of: name) == .milliseconds
    }

    /// A diff figure's change with its interval: `-8.1 pp [-11.0, -5.2]`, `-0.081 [-0.110, -0.052]` or `+12.0 ms`.
    static func change(_ delta: MetricDelta) -> String {
        Figures.change(of: delta.name, delta.delta, low: delta.low, high: delta.high)
    }

    /// The verdict word of a delta: regression, improvement, or nothing significant.
    static func deltaStatus(_ delta: MetricDelta) -> DeltaStatus {
        delta.regression
            ? .regression : delta.improvement ? .improvement : delta.significant ? .withinTolerance : .noChange
    }

    /// The human label of a headline metric key (`completion_rate` → `Completion`).
    static func label(_ key: String) -> String {
        switch key {
        case "completion_rate": "Completion"
        case "handoff_rate": "Handoff"
        case "abandonment_rate": "Abandonment"
        case "error_rate": "Error"
        case "fallback_rate": "Fallback (turns)"
        case "conversation_fallback_rate": "Fallback (conversations)"
        case "intent_accuracy": "Intent accuracy"
        case "slot_accuracy": "Slot accuracy"
        case "latency_p95_ms": "Latency p95"
        case "goal_completion_rate": "Goal completion"
        case "escalation_rate": "Escalation (asked for a human)"
        case "dialogue_failure_rate": "Dialogue failures (conversations)"
        case "slot_precision": "Slot precision (confirmed)"
        case "slot_recall": "Slot recall (confirmed)"
        case "slot_f1": "Slot F1 (confirmed)"
        case "turns_to_success_p95": "Turns to success p95"
        default:
            if let failure = DialogueFailure(rawValue: String(key.dropLast("_rate".count))), key.hasSuffix("_rate") {
                failure.rawValue.replacingOccurrences(of: "_", with: " ")
            } else {
                key
            }
        }
    }

    /// The headline rates that exist only when the dialogue is judged.
    static let dialogueRates: Set = [
        "goal_completion_rate", "dialogue_failure_rate", "slot_precision", "slot_recall", "slot_f1",
    ]

    /// Headline rows: every summary rate with its diff figure (matched by key), then diff figures
    /// the summary has no rate for (latency), in the diff's order.
    static func headline(_ report: RunReport) -> [HeadlineRow] {
        let deltas = report.diff?.metrics ?? []
        let dialogue = hasDialogue(report.summary)
        var rows = report.summary.metrics.all.map { key, metric in
            HeadlineRow(key: key, metric: metric, delta: deltas.first { $0.name == key })
        }
        // The dialogue's rates only when the run (or the diff) has some.
        rows.removeAll { !dialogue && $0.delta == nil && dialogueRates.contains($0.key) }
        let known = Set(rows.map(\.key))
        rows += deltas.filter { !known.contains($0.name) }.map { HeadlineRow(key: $0.name, metric: nil, delta: $0) }
        return rows
    }

    /// Intent-figure deltas of the diff by intent, then by figure (`precision`, `recall`, `f1`).
    /// Names are split at the last dot, so intent names that contain dots survive.
    static func intentDeltas(_ diff: BaselineDiff?) -> [String: [String: MetricDelta]] {
        var result: [String: [String: MetricDelta]] = [:]
        for delta in diff?.intents ?? [] {
            guard let dot = delta.name.lastIndex(of: ".") else { continue }
            let intent = String(delta.name[..<dot])
            let figure = String(delta.name[delta.name.index(after: dot)...])
            result[intent, default: [:]][figure] = delta
        }
        return result
    }

    /// Intents in report order: weakest F1 first, then by name.
    static func intentsByWeakness(_ intents: [String: IntentScores]) -> [(name: String, scores: IntentScores)] {
        intents.map { (name: $0.key, scores: $0.value) }.sorted { a, b in
            if a.scores.f1 != b.scores.f1 { return a.scores.f1 < b.scores.f1 }
            return a.name < b.name
        }
    }

    /// Labels the target predicted that no user meant, most frequent first.
    static func unexpectedPredictions(_ summary: Summary) -> [(label: String, count: Int, share: Double)] {
        summary.unexpectedPredictions.map { (label: $0.key, count: $0.value.count, share: $0.value.share) }.sorted {
            a, b in
            a.count != b.count ? a.count > b.count : a.label < b.label
        }
    }

    /// The names of every goal the report mentions (summary, diff, failures), sorted.
    static func goalNames(_ report: RunReport) -> [String] {
        var names = Set(report.summary.goals.keys)
        names.formUnion(report.diff?.goals.keys ?? [:].keys)
        names.formUnion(report.failures.clusters.map(\.signature.goal))
        return names.sorted()
    }

    /// `1 conversation`, `2 conversations`.
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// A share `part / whole`, 0 when `whole` is 0.
    static func share(_ part: Int, of whole: Int) -> Double {
        whole > 0 ? Double(part) / Double(whole) : 0
    }

    /// The bot's reply texts of a turn as one line (or the error, when the exchange failed).
    static func botText(_ turn: TurnRecord) -> String {
        if let error = turn.error {
            return "⚠ \(error.rawValue)" + (turn.errorDetail.map { ": \($0)" } ?? "")
        }
        return turn.bot.joined(separator: " / ")
    }

    /// The user's act on a turn as a short label for transcripts (`correct`), or nil.
    static func act(_ turn: TurnRecord) -> String? {
        turn.act?.rawValue
    }

    /// The dialogue failures that occurred (or whose rate changed significantly against the
    /// baseline), regressions first, then most conversations first, then by name, with their
    /// figures and their baseline delta.
    static func occurredFailures(_ summary: Summary, diff: BaselineDiff? = nil)
        -> [(name: String, figures: Summary.DialogueFailureFigures, delta: MetricDelta?)]
    {
        summary.dialogueFailures.compactMap { name, figures in
            let delta = diff?.delta(named: name + "_rate")
            guard figures.conversations > 0 || delta?.significant == true else { return nil }
            return (name: name, figures: figures, delta: delta)
        }.sorted { a, b in
            let (ra, rb) = (a.delta?.regression ?? false, b.delta?.regression ?? false)
            if ra != rb { return ra }
            return a.figures.conversations != b.figures.conversations
                ? a.figures.conversations > b.figures.conversations : a.name < b.name
        }
    }

    /// The behaviours a failure hit, most first: `digression 10, plain 2`.
    static func behavioursHit(_ behaviours: [String: Int]) -> String {
        behaviours.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// Whether the run recorded any dialogue judgement worth a section: a behaviour other than
    /// `plain`, a dialogue failure, a confirmed slot, or more goals than conversations.
    static func hasDialogue(_ summary: Summary) -> Bool {
        summary.behaviours.keys.contains { $0 != Aggregate.plain }
            || summary.dialogueFailures.values.contains { $0.conversations > 0 } || summary.slotConfirmation.goals > 0
            || summary.goalOutcomes.total > summary.conversations
    }

    /// One sentence with the dialogue's headline counts: goal attempts, conversations with a
    /// dialogue failure, and the slot judgement of what the bot confirmed.
    static func dialogueLine(_ summary: Summary) -> String {
        let goals = summary.goalOutcomes
        var parts = [
            "Goals: \(goals.completed) of \(goals.judged) completed (\(Figures.rate(share(goals.completed, of: goals.judged))))",
            "dialogue failures in \(summary.metrics.dialogueFailureRate?.successes ?? 0) of \(summary.outcomes.judged) conversations",
        ]
        let slots = summary.slotConfirmation
        if slots.goals > 0 {
            parts.append(
                "slots the bot confirmed in \(count(slots.goals, "goal")): \(slots.truePositives) right, "
                    + "\(slots.falsePositives) wrong, \(slots.falseNegatives) of the user's missed")
        }
        return parts.joined(separator: " · ")
    }

    /// Short marks for a turn: fallback, handoff, wrong intent, failed expectations, dialogue failures.
    static func marks(_ turn: TurnRecord) -> [String] {
        var marks: [String] = []
        if turn.fallback { marks.append("fallback") }
        if turn.handoff { marks.append("handoff") }
        if let expected = turn.expectedIntent, let predicted = turn.predictedIntent, expected != predicted {
            marks.append("wrong intent")
        }
        if turn.error != nil { marks.append("error") }
        marks += turn.failures.map { "✗ \($0)" }
        marks += turn.dialogueFailures.map { "✗ \($0.rawValue)" }
        return marks
    }
}

/// A headline metric row: the summary's rate and the diff's figure for the same key.
struct HeadlineRow {
    var key: String
    var metric: RateMetric?
    var delta: MetricDelta?
}

/// How a baseline delta reads.
enum DeltaStatus: String {
    case regression, improvement
    /// Significant, but inside the gate's tolerance.
    case withinTolerance = "within tolerance"
    case noChange = "no significant change"
}

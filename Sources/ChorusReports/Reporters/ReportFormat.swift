import ChorusModel
import ChorusScoring
import Foundation

/// Number formatting and model look-ups shared by the Markdown, HTML and JUnit reporters, so the
/// three files show the same figure the same way.
enum ReportFormat {
    /// Fixed-point with `places` decimals. `String(format:)` uses the POSIX locale, so the decimal
    /// separator is always a point; `-0.0` prints as `0.0`.
    static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        let text = String(format: "%.\(places)f", value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// A proportion as a percentage number with one decimal: `0.7123` → `71.2`.
    static func percent(_ proportion: Double) -> String {
        fixed(proportion * 100, 1)
    }

    /// `71.2 %`.
    static func percentText(_ proportion: Double) -> String {
        percent(proportion) + " %"
    }

    /// A rate's 95% interval in percent: `[68.3, 73.9]`.
    static func interval(_ metric: RateMetric) -> String {
        "[\(percent(metric.low)), \(percent(metric.high))]"
    }

    /// A signed number: `+1.5`, `-0.3`, `0.0`.
    static func signed(_ value: Double, _ places: Int) -> String {
        let text = fixed(value, places)
        return value > 0 && text != fixed(0, places) ? "+" + text : text
    }

    /// Whether a diff figure is in milliseconds (`latency_p95_ms`) rather than a proportion.
    static func isMilliseconds(_ name: String) -> Bool {
        name.hasSuffix("_ms")
    }

    /// A diff figure's value: a percentage for proportions, milliseconds otherwise.
    static func value(of name: String, _ value: Double) -> String {
        isMilliseconds(name) ? milliseconds(value) + " ms" : percentText(value)
    }

    /// A diff figure's change with its interval: `-8.1 pp [-11.0, -5.2]` or `+12.0 ms`.
    static func change(_ delta: MetricDelta) -> String {
        let ms = isMilliseconds(delta.name)
        let unit = ms ? " ms" : " pp"
        func number(_ value: Double) -> String { ms ? signedMilliseconds(value) : signed(value * 100, 1) }
        var text = number(delta.delta) + unit
        if let low = delta.low, let high = delta.high {
            text += " [\(number(low)), \(number(high))]"
        }
        return text
    }

    /// An intent score's change with its interval, in score units: `-0.081 [-0.110, -0.052]`.
    static func scoreChange(_ delta: MetricDelta) -> String {
        var text = signed(delta.delta, 3)
        if let low = delta.low, let high = delta.high {
            text += " [\(signed(low, 3)), \(signed(high, 3))]"
        }
        return text
    }

    /// The verdict word of a delta: regression, improvement, or nothing significant.
    static func deltaStatus(_ delta: MetricDelta) -> DeltaStatus {
        delta.regression ? .regression : delta.improvement ? .improvement : delta.significant ? .withinTolerance : .noChange
    }

    /// Milliseconds with about three significant digits.
    static func milliseconds(_ value: Double) -> String {
        let magnitude = abs(value)
        return fixed(value, magnitude < 1 ? 3 : magnitude < 100 ? 2 : magnitude < 10_000 ? 1 : 0)
    }

    static func signedMilliseconds(_ value: Double) -> String {
        let text = milliseconds(value)
        return value > 0 ? "+" + text : text
    }

    /// A p-value: `0.031`, `< 0.001`.
    static func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : fixed(p, 3)
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
        default: key
        }
    }

    /// Headline rows: every summary rate with its diff figure (matched by key), then diff figures
    /// the summary has no rate for (latency), in the diff's order.
    static func headline(_ report: RunReport) -> [HeadlineRow] {
        let deltas = report.diff?.metrics ?? []
        var rows = report.summary.metrics.all.map { key, metric in
            HeadlineRow(key: key, metric: metric, delta: deltas.first { $0.name == key })
        }
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

    /// Intents in report order: intents users meant (support > 0) first, weakest F1 first, then by
    /// name; labels only the target used (its fallback intent) last.
    static func intentsByWeakness(_ intents: [String: IntentScores]) -> [(name: String, scores: IntentScores)] {
        intents.map { (name: $0.key, scores: $0.value) }.sorted { a, b in
            if (a.scores.support > 0) != (b.scores.support > 0) { return a.scores.support > 0 }
            if a.scores.f1 != b.scores.f1 { return a.scores.f1 < b.scores.f1 }
            return a.name < b.name
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

    /// Short marks for a turn: fallback, handoff, wrong intent, failed expectations.
    static func marks(_ turn: TurnRecord) -> [String] {
        var marks: [String] = []
        if turn.fallback { marks.append("fallback") }
        if turn.handoff { marks.append("handoff") }
        if let expected = turn.expectedIntent, let predicted = turn.predictedIntent, expected != predicted {
            marks.append("wrong intent")
        }
        if turn.error != nil { marks.append("error") }
        marks += turn.failures.map { "✗ \($0)" }
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

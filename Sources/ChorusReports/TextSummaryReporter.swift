import ChorusModel
import ChorusScoring
import Foundation

/// Renders a `Summary` for the terminal: plain text, aligned columns, no colour codes (the CLI adds
/// colour if ever). Every rate is shown with its 95% Wilson interval and its denominator:
///
///     completion                 71.2 %  [68.3, 73.9]  n=1000
public struct TextSummaryReporter: Sendable {
    public static let identifier = "text"
    public static let fileExtension = "txt"

    /// How many of the weakest intents (lowest F1, among those with support) to list.
    public var weakestIntentCount: Int

    public init(weakestIntentCount: Int = 5) {
        self.weakestIntentCount = weakestIntentCount
    }

    /// The summary as text; with a `status`, the header says whether the run is complete (and
    /// judged) or partial.
    public func render(_ summary: Summary, status: ReportStatus? = nil) -> String {
        var sections: [String] = []
        sections.append(header(summary, status: status))
        sections.append(outcomes(summary))
        sections.append(rates(summary))
        if let rows = ReportFormat.languageRows(summary) {
            sections.append(
                "By language\n"
                    + TextTable(rows: [ReportFormat.languageHeader] + rows, rightAligned: [1, 2, 3, 4, 5, 6]).render())
        }
        if let intents = intents(summary) { sections.append(intents) }
        if ReportFormat.hasDialogue(summary) { sections.append(dialogue(summary)) }
        sections.append(turns(summary))
        sections.append(latency(summary))
        if let errors = errors(summary) { sections.append(errors) }
        return sections.joined(separator: "\n\n") + "\n"
    }

    private func header(_ s: Summary, status: ReportStatus?) -> String {
        let target =
            s.target.detail.isEmpty
            ? "\(s.target.name) (\(s.target.kind))"
            : "\(s.target.name) (\(s.target.kind): \(s.target.detail))"
        return "Chorus run summary\n"
            + TextTable(
                rows: [
                    ["suite", s.suite], ["target", target], ["seed", String(s.seed)],
                    ["conversations", String(s.conversations)],
                ] + (status.map { [["status", $0.line(conversations: s.conversations)]] } ?? []),
                rightAligned: []
            ).render()
    }

    private func outcomes(_ s: Summary) -> String {
        let rows = Outcome.allCases.map { outcome -> [String] in
            let count = s.outcomes[outcome]
            let share = s.conversations > 0 ? Figures.rate(Double(count) / Double(s.conversations)) : "n/a"
            return [outcome.rawValue, String(count), share]
        }
        return "Outcomes\n" + TextTable(rows: rows, rightAligned: [1, 2]).render()
    }

    private func rates(_ s: Summary) -> String {
        // The dialogue's rates show when the run judged the dialogue (the rest, always).
        let labelled = s.metrics.all.filter {
            ReportFormat.hasDialogue(s) || !ReportFormat.dialogueRates.contains($0.key)
        }.map {
            (Self.lowercasingFirst(ReportFormat.label($0.key)), $0.metric)
        }
        // Pad inside the brackets so the bounds line up as numbers: `[ 3.6, 62.4]` under `[68.3, 73.9]`.
        let available = labelled.compactMap(\.1)
        let lowWidth = available.map { Figures.percent($0.low).count }.max() ?? 0
        let highWidth = available.map { Figures.percent($0.high).count }.max() ?? 0
        let rows = labelled.map { label, metric -> [String] in
            guard let metric else { return [label, "n/a", "", ""] }
            let low = Self.leftPadded(Figures.percent(metric.low), to: lowWidth)
            let high = Self.leftPadded(Figures.percent(metric.high), to: highWidth)
            return [label, Figures.rate(metric.value), "[\(low), \(high)]", "n=\(metric.n)"]
        }
        return "Rates (95% Wilson interval)\n" + TextTable(rows: rows, rightAligned: [1, 2]).render()
    }

    private func intents(_ s: Summary) -> String? {
        guard let averages = s.intentAverages, !s.intents.isEmpty else { return nil }
        var text =
            "Intents: macro F1 \(Figures.score(averages.macro.f1)), "
            + "weighted F1 \(Figures.score(averages.weighted.f1)) over the \(s.intents.count) expected intents, "
            + "support \(averages.macro.support)"
        if !s.unexpectedPredictions.isEmpty {
            text +=
                "\nUnexpected predictions (labels no user meant; not averaged): "
                + s.unexpectedPredictions.sorted {
                    $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
                }
                .map { "\(Escaping.terminal($0.key)) \($0.value.count) (\(Figures.rate($0.value.share)))" }.joined(
                    separator: ", ")
        }
        let weakest = s.intents.filter { $0.value.support > 0 }.sorted { a, b in
            a.value.f1 != b.value.f1 ? a.value.f1 < b.value.f1 : a.key < b.key
        }.prefix(weakestIntentCount)
        guard !weakest.isEmpty else { return text }
        var rows = [["intent", "F1", "P", "R", "support"]]
        rows += weakest.map { name, scores in
            [
                name, Figures.score(scores.f1), Figures.score(scores.precision), Figures.score(scores.recall),
                String(scores.support),
            ]
        }
        text += "\nWeakest intents by F1\n" + TextTable(rows: rows, rightAligned: [1, 2, 3, 4]).render()
        return text
    }

    private func dialogue(_ s: Summary) -> String {
        var text = "Dialogue\n  " + ReportFormat.dialogueLine(s)
        let failures = ReportFormat.occurredFailures(s)
        if failures.isEmpty {
            text += "\n  no dialogue failure"
        } else {
            var rows = [["dialogue failure", "conversations", "rate", "turns", "behaviours hit"]]
            rows += failures.map { name, figures, _ in
                [
                    name, String(figures.conversations), figures.rate.map { Figures.rate($0.value) } ?? "n/a",
                    String(figures.occurrences), ReportFormat.behavioursHit(figures.behaviours),
                ]
            }
            text += "\n" + TextTable(rows: rows, rightAligned: [1, 2, 3]).render()
        }
        if s.behaviours.keys.contains(where: { $0 != Aggregate.plain }) {
            var rows = [["behaviour", "n", "completed", "completion"]]
            rows += s.behaviours.sorted { $0.key < $1.key }.map { name, counts in
                [
                    name, String(counts.total), String(counts.completed),
                    Figures.rate(ReportFormat.share(counts.completed, of: counts.judged)),
                ]
            }
            text += "\nCompletion by behaviour\n" + TextTable(rows: rows, rightAligned: [1, 2, 3]).render()
        }
        return text
    }

    private func turns(_ s: Summary) -> String {
        let title = "Turns to success (user turns per completed conversation)\n"
        guard let t = s.turns else { return title + "  n/a (no conversation completed)" }
        return title
            + TextTable(
                rows: [
                    ["mean", "median", "p95"], [Figures.fixed(t.mean, 2), Self.trimmed(t.median), Self.trimmed(t.p95)],
                ],
                rightAligned: [0, 1, 2]
            ).render()
    }

    private func latency(_ s: Summary) -> String {
        let title = "Latency per reply (ms)\n"
        guard let l = s.latencyMs else { return title + "  n/a (no replies)" }
        // About three significant digits for the largest value: an embedded bot answers in tenths
        // of a millisecond, a remote one in hundreds of milliseconds.
        let places = l.max < 1 ? 3 : l.max < 100 ? 2 : 1
        return title
            + TextTable(
                rows: [
                    ["p50", "p90", "p95", "p99", "max"],
                    [l.p50, l.p90, l.p95, l.p99, l.max].map { Figures.fixed($0, places) },
                ],
                rightAligned: [0, 1, 2, 3, 4]
            ).render()
    }

    private func errors(_ s: Summary) -> String? {
        guard !s.errors.isEmpty else { return nil }
        let rows = s.errors.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] }
        return "Errors (failed exchanges by class)\n" + TextTable(rows: rows, rightAligned: [1]).render()
    }

    /// `Slot F1 (confirmed)` → `slot F1 (confirmed)`: labels as the text summary lists them.
    static func lowercasingFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }

    static func leftPadded(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// An integral value without decimals, otherwise one decimal (medians of an even count).
    static func trimmed(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : Figures.fixed(value, 1)
    }
}

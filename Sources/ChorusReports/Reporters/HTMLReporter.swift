import ChorusScoring
import ChorusSpec

/// Writes `report.html`: one self-contained page (inline CSS and inline SVG, no script, no font,
/// image or style sheet from anywhere else) for a botmaster reading a run in the morning.
///
/// Sections: a header with suite, target, seed, run and the verdict; outcome bars; rates with
/// their 95% interval whiskers; the baseline comparison with regressions highlighted; the gate's
/// rules; per-intent scores and the confusion-matrix heat map; the most confused intent pairs with
/// example utterances; the confidence histogram and threshold sweep; latency percentiles; failure
/// clusters with their example transcripts and replay commands; the utterances that meet a
/// fallback; where users abandon; the paired comparison with flipped conversations side by side.
///
/// Every text that came from the bot, the user simulation or the scenario (replies, utterances,
/// intent, goal and persona names, the target's details) is HTML-escaped, so a bot answering
/// `<script>…</script>` shows that text. A Content-Security-Policy that allows no script at all
/// is a second line of defence. Large runs are capped per section with an explicit "… N more".
public struct HTMLReporter: RunReporter {
    public static let identifier = "html"
    public static let fileExtension = "html"
    public static let fileName = "report.html"

    /// The most rows of a long table (intents, utterances, goals).
    public var maxRows: Int
    /// The most failure clusters and flipped conversations shown with their transcripts.
    public var maxTranscripts: Int
    /// The most turns shown of one transcript.
    public var maxTranscriptTurns: Int
    /// The most intents on each axis of the confusion matrix (the rest are summed as "other").
    public var maxConfusionLabels: Int
    /// The most UTF-8 bytes of transcripts per section (clusters, flips): bots with very long
    /// replies would otherwise make a page no browser opens comfortably.
    public var maxTranscriptBytes: Int

    public init(
        maxRows: Int = 100, maxTranscripts: Int = 25, maxTranscriptTurns: Int = 40, maxConfusionLabels: Int = 25,
        maxTranscriptBytes: Int = 1_000_000
    ) {
        self.maxRows = maxRows
        self.maxTranscripts = maxTranscripts
        self.maxTranscriptTurns = maxTranscriptTurns
        self.maxConfusionLabels = maxConfusionLabels
        self.maxTranscriptBytes = maxTranscriptBytes
    }

    public func render(_ report: RunReport) -> String {
        let s = report.summary
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>Chorus · \(h(s.suite)) · \(h(s.target.name))</title>
            <style>\(Self.styleSheet)</style>
            </head>
            <body>
            \(body(report))</body>
            </html>

            """
    }

    /// The report's content (header, section links, sections, footer) without the document
    /// around it: the dashboard's run page shows it in its own page.
    public func body(_ report: RunReport) -> String {
        let s = report.summary
        var sections: [(id: String, title: String, html: String)] = []
        sections.append(("outcomes", "Outcomes", outcomesSection(report)))
        sections.append(("rates", "Rates", ratesSection(report)))
        if let rows = ReportFormat.languageRows(s) {
            let head = "<tr>" + ReportFormat.languageHeader.map { "<th>\(h($0))</th>" }.joined() + "</tr>\n"
            let body = rows.map { "<tr>" + $0.map { "<td>\(h($0))</td>" }.joined() + "</tr>\n" }.joined()
            sections.append(
                (
                    "languages", "Languages",
                    "<h2>By language</h2>\n<div class=\"scroll\"><table>\n\(head)\(body)</table></div>\n"
                ))
        }
        if ReportFormat.hasDialogue(s) { sections.append(("dialogue", "Dialogue", dialogueSection(report))) }
        if let diff = report.diff { sections.append(("baseline", "Baseline", baselineSection(diff, report))) }
        if let verdict = report.verdict { sections.append(("gate", "Gate", gateSection(verdict))) }
        sections.append(("intents", "Intents", intentsSection(report)))
        if !s.confusion.isEmpty { sections.append(("confusion", "Confusion", confusionSection(s.confusion))) }
        if !report.failures.confusedPairs.isEmpty {
            sections.append(("confused", "Most confused", confusedPairsSection(report.failures.confusedPairs)))
        }
        if let confidence = s.confidence {
            sections.append(("confidence", "Confidence", confidenceSection(confidence)))
        }
        sections.append(("latency", "Latency", latencySection(s)))
        sections.append(("failures", "Failures", clustersSection(report)))
        if !report.failures.fallbackUtterances.isEmpty {
            sections.append(("fallbacks", "Fallbacks", fallbackSection(report.failures.fallbackUtterances)))
        }
        if report.failures.abandonment.values.contains(where: { $0.abandoned > 0 }) {
            sections.append(("abandonment", "Abandonment", abandonmentSection(report.failures.abandonment)))
        }
        if let comparison = report.comparison {
            sections.append(("comparison", "A/B comparison", comparisonSection(comparison)))
        }

        var html = ""
        html += header(report)
        html +=
            "<nav>" + sections.map { "<a href=\"#\($0.id)\">\(h($0.title))</a>" }.joined(separator: " ") + "</nav>\n"
        html += "<main>\n"
        for section in sections {
            html += "<section id=\"\(section.id)\">\n\(section.html)</section>\n"
        }
        html += "</main>\n"
        html += """
            <footer>Chorus \(h(report.chorusVersion)) · Rates carry 95% Wilson intervals. A baseline delta carries \
            its 95% interval; a regression is a change whose interval excludes zero and that exceeds the gate's \
            tolerance. Intent accuracy counts user turns with both an expected and a predicted intent.</footer>

            """
        return html
    }

    // MARK: - Header

    private func header(_ report: RunReport) -> String {
        let s = report.summary
        var target = "<b>\(h(s.target.name))</b> <span class=\"muted\">\(h(s.target.kind))"
        if !s.target.detail.isEmpty { target += " · \(h(s.target.detail))" }
        target += "</span>"
        let items: [(String, String)] = [
            ("Suite", h(s.suite)), ("Target", target), ("Seed", String(s.seed)),
            ("Run", "<code>\(h(report.runName))</code>"),
            ("Conversations", String(s.conversations)),
            ("Status", h(report.status.line(conversations: s.conversations))),
            ("Baseline", report.diff == nil ? "<span class=\"muted\">none</span>" : "compared"),
        ]
        return "<header>\n<h1>Chorus report <span class=\"muted\">· \(h(s.suite))</span></h1>\n"
            + verdictBanner(report)
            + "<dl class=\"meta\">" + items.map { "<div><dt>\($0.0)</dt><dd>\($0.1)</dd></div>" }.joined() + "</dl>\n"
            + "</header>\n"
    }

    private func verdictBanner(_ report: RunReport) -> String {
        guard let verdict = report.verdict else {
            let regressions = report.diff?.regressions.count ?? 0
            let note =
                regressions > 0
                ? " — \(regressions) significant regression\(regressions == 1 ? "" : "s") against the baseline" : ""
            guard report.status.isJudged else {
                return "<div class=\"verdict none\"><strong>Not judged</strong> — "
                    + "\(h(report.status.line(conversations: report.summary.conversations)))\(note)</div>\n"
            }
            return
                "<div class=\"verdict none\"><strong>No gate</strong> — the suite defines no release gate\(note)</div>\n"
        }
        if verdict.passed {
            return "<div class=\"verdict pass\"><strong>✔ Pass</strong> — \(h(verdict.passLine))</div>\n"
        }
        let failures = verdict.failures
        return "<div class=\"verdict fail\"><strong>✘ Gate failed</strong> — \(failures.count) of "
            + "\(verdict.checks.count) rules<ul>"
            + failures.prefix(maxRows).map { "<li><code>\(h($0.name))</code> \(h($0.detail))</li>" }.joined()
            + more(failures.count - maxRows, "failed rules", tag: "li") + "</ul></div>\n"
    }

    // MARK: - Tables

    private func ratesSection(_ report: RunReport) -> String {
        let rows = ReportFormat.headline(report).filter { $0.metric != nil || !ReportFormat.isMilliseconds($0.key) }
        let diffed = report.diff != nil
        var html = "<h2>Rates <small>95% Wilson intervals</small></h2>\n<div class=\"scroll\"><table class=\"rates\">\n"
        html +=
            "<thead><tr><th>Metric</th><th class=\"chart\">0 – 100 %</th><th>Value</th><th>95% interval</th><th>n</th>"
        if diffed { html += "<th>Baseline</th><th>Δ [95% interval]</th><th></th>" }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            let status = row.delta.map(ReportFormat.deltaStatus)
            html += "<tr\(rowClass(status))><th>\(h(ReportFormat.label(row.key)))</th>"
            html += rateCells(row.metric, baseline: row.delta?.baseline)
            html += "<td class=\"num\">\(row.metric.map { String($0.n) } ?? "")</td>"
            if diffed {
                if let delta = row.delta {
                    html += "<td class=\"num\">\(h(Figures.value(of: delta.name, delta.baseline)))</td>"
                    html +=
                        "<td class=\"num\">\(h(ReportFormat.change(delta)))</td><td class=\"status\">\(statusBadge(delta))</td>"
                } else {
                    html += "<td></td><td></td><td></td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></div>\n"
        if diffed {
            html +=
                "<p class=\"legend\"><span class=\"key value\"></span>run, with its interval "
                + "<span class=\"key baseline\"></span>baseline</p>\n"
        }
        return html
    }

    private func baselineSection(_ diff: BaselineDiff, _ report: RunReport) -> String {
        var html = "<h2>Baseline comparison</h2>\n"
        let regressions = diff.regressions
        html +=
            regressions.isEmpty
            ? "<p>No significant regression against the baseline.</p>\n"
            : "<p class=\"bad-text\">\(regressions.count) significant regression\(regressions.count == 1 ? "" : "s"): "
                + regressions.prefix(maxRows).map { "<code>\(h($0.name))</code>" }.joined(separator: ", ")
                + (regressions.count > maxRows ? ", …" : "") + "</p>\n"
        html += "<div class=\"scroll\"><table>\n<thead><tr><th>Figure</th><th>Baseline</th><th>Run</th>"
        html += "<th>Δ [95% interval]</th><th>p</th><th>Tolerance</th><th>Verdict</th></tr></thead>\n<tbody>\n"
        // Every headline figure, then only the intent figures that moved significantly: the full
        // per-intent deltas are in the intents table.
        let intentRows = diff.intents.filter(\.significant)
        for delta in diff.metrics + intentRows.prefix(maxRows) {
            let ms = ReportFormat.isMilliseconds(delta.name)
            let isIntent = !diff.metrics.contains(delta)
            let value: (Double) -> String = { isIntent ? Figures.fixed($0, 3) : Figures.value(of: delta.name, $0) }
            let tolerance =
                ms
                ? Figures.milliseconds(delta.tolerance) + " ms"
                : isIntent
                    ? Figures.score(delta.tolerance) : Figures.tolerance(of: delta.name, delta.tolerance)
            html += "<tr\(rowClass(ReportFormat.deltaStatus(delta)))>"
            html += "<th>\(h(isIntent ? delta.name : ReportFormat.label(delta.name)))</th>"
            html +=
                "<td class=\"num\">\(h(value(delta.baseline)))</td><td class=\"num\">\(h(value(delta.current)))</td>"
            html += "<td class=\"num\">\(h(isIntent ? ReportFormat.change(delta) : ReportFormat.change(delta)))</td>"
            html += "<td class=\"num\">\(delta.pValue.map { h(Figures.pValue($0)) } ?? "—")</td>"
            html += "<td class=\"num\">\(h(tolerance))</td><td class=\"status\">\(statusBadge(delta))</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        html += more(intentRows.count - maxRows, "significant intent changes")

        if !diff.confusionMoves.isEmpty {
            html += "<h3>Confusions that moved <small>share of the expected intent's turns</small></h3>\n"
            html +=
                "<table>\n<thead><tr><th>Expected</th><th>Predicted as</th><th>Baseline</th><th>Run</th></tr></thead>\n<tbody>\n"
            for move in diff.confusionMoves.prefix(maxRows) {
                let worse =
                    move.expected != move.predicted
                    ? move.currentShare > move.baselineShare : move.currentShare < move.baselineShare
                html += "<tr\(worse ? " class=\"bad\"" : "")><td>\(h(move.expected))</td><td>\(h(move.predicted))</td>"
                html += "<td class=\"num\">\(Figures.rate(move.baselineShare))</td>"
                html += "<td class=\"num\">\(Figures.rate(move.currentShare))</td></tr>\n"
            }
            html += "</tbody></table>\n" + more(diff.confusionMoves.count - maxRows, "cells")
        }
        if !diff.goals.isEmpty {
            html += "<h3>Completion by goal</h3>\n" + shiftTable(diff.goals, label: "Goal")
        }
        if !diff.personas.isEmpty {
            html += "<h3>Completion by persona</h3>\n" + shiftTable(diff.personas, label: "Persona")
        }
        if !diff.newFailureClusters.isEmpty {
            html += "<h3>New failure clusters <small>not in the baseline</small></h3>\n<ul class=\"signatures\">"
            html += diff.newFailureClusters.prefix(maxRows).map { "<li><code>\(h($0))</code></li>" }.joined()
            html += more(diff.newFailureClusters.count - maxRows, "new clusters", tag: "li") + "</ul>\n"
        }
        return html
    }

    func shiftTable(_ shifts: [String: OutcomeShift], label: String) -> String {
        var html =
            "<table>\n<thead><tr><th>\(label)</th><th>Baseline</th><th>Run</th><th>Δ</th></tr></thead>\n<tbody>\n"
        let names = shifts.keys.sorted()
        for name in names.prefix(maxRows) {
            guard let shift = shifts[name] else { continue }
            let before = ReportFormat.share(shift.baseline.completed, of: shift.baseline.judged)
            let after = ReportFormat.share(shift.current.completed, of: shift.current.judged)
            let change = shift.completionChange
            let dropped = change.map { $0.high < 0 } ?? false
            html += "<tr\(dropped ? " class=\"bad\"" : "")><td>\(h(name))</td>"
            html += "<td class=\"num\">\(Figures.rate(before)) <small>of \(shift.baseline.judged)</small></td>"
            html += "<td class=\"num\">\(Figures.rate(after)) <small>of \(shift.current.judged)</small></td>"
            html +=
                "<td class=\"num\">\(change.map { "\(Figures.points($0.delta)) \(Figures.interval($0.low, $0.high, signed: true))" } ?? "—")</td></tr>\n"
        }
        return html + "</tbody></table>\n" + more(names.count - maxRows, "rows")
    }

    private func gateSection(_ verdict: GateVerdict) -> String {
        var html =
            "<h2>Gate <small>\(verdict.passed ? "passed" : "failed")</small></h2>\n<div class=\"scroll\"><table>\n"
        html += "<thead><tr><th>Rule</th><th>Threshold</th><th>Run</th><th>Baseline</th><th>Δ interval</th>"
        html += "<th>Result</th><th>Detail</th></tr></thead>\n<tbody>\n"
        for check in verdict.checks.prefix(maxRows) {
            // Every figure in its metric's unit; a relative rule's threshold is a tolerance.
            let metric = check.metric
            let relative = check.kind == .maxDrop || check.kind == .maxRise
            let threshold =
                relative ? Figures.tolerance(of: metric, check.threshold) : Figures.value(of: metric, check.threshold)
            // `intent_f1.max_drop` counts the intent figures that regressed.
            let counted = metric == GateMetric.intentF1.rawValue && relative
            let actual = check.actual.map { counted ? "\(Int($0)) regressed" : Figures.value(of: metric, $0) }
            html +=
                "<tr\(check.evaluated && !check.passed ? " class=\"bad\"" : "")><td class=\"rule\"><code>\(h(check.name))</code></td>"
            html += "<td class=\"num\">\(h(threshold))</td>"
            html += "<td class=\"num\">\(h(actual ?? "n/a"))</td>"
            html += "<td class=\"num\">\(h(check.baseline.map { Figures.value(of: metric, $0) } ?? "—"))</td>"
            html += "<td class=\"num\">\(h(Figures.interval(of: metric, low: check.low, high: check.high) ?? "—"))</td>"
            let badge = !check.evaluated ? "muted" : check.passed ? "good" : "bad"
            html += "<td><span class=\"badge \(badge)\">\(check.result)</span></td>"
            html += "<td>\(h(check.detail))</td></tr>\n"
        }
        return html + "</tbody></table></div>\n" + more(verdict.checks.count - maxRows, "rules")
    }

    private func intentsSection(_ report: RunReport) -> String {
        let s = report.summary
        guard let averages = s.intentAverages, !s.intents.isEmpty else {
            return
                "<h2>Intents</h2>\n<p class=\"muted\">Intent metrics are not available: the target exposes no intent, "
                + "or no turn has an expected intent.</p>\n"
        }
        let deltas = ReportFormat.intentDeltas(report.diff)
        let diffed = report.diff != nil
        let ordered = ReportFormat.intentsByWeakness(s.intents)
        var html =
            "<h2>Intents <small>weakest first · averages over the \(s.intents.count) expected intents</small></h2>\n"
        html += "<div class=\"scroll\"><table class=\"intents\">\n"
        html += "<thead><tr><th>Intent</th><th>Precision</th><th>Recall</th><th class=\"chart\">F1</th><th>Support</th>"
        if diffed { html += "<th>ΔP</th><th>ΔR</th><th>ΔF1</th>" }
        html += "</tr></thead>\n<tbody>\n"
        func row(_ name: String, _ scores: IntentScores, css: String) -> String {
            let regressed = deltas[name]?.values.contains { $0.regression } ?? false
            var html = "<tr class=\"\(css)\(regressed ? " bad" : "")\"><th>\(h(name))</th>"
            html += "<td class=\"num\">\(Figures.fixed(scores.precision, 3))</td>"
            html += "<td class=\"num\">\(Figures.fixed(scores.recall, 3))</td>"
            html += "<td class=\"chart\">\(Self.scoreBar(scores.f1))</td><td class=\"num\">\(scores.support)</td>"
            if diffed {
                for figure in ["precision", "recall", "f1"] {
                    if let delta = deltas[name]?[figure] {
                        html += "<td class=\"num \(deltaClass(delta))\" title=\"\(h(ReportFormat.change(delta)))\">"
                        html += "\(Figures.signed(delta.delta, 3))</td>"
                    } else {
                        html += "<td class=\"num muted\">—</td>"
                    }
                }
            }
            return html + "</tr>\n"
        }
        html += row("macro average", averages.macro, css: "average")
        html += row("weighted average", averages.weighted, css: "average")
        for (name, scores) in ordered.prefix(maxRows) { html += row(name, scores, css: "") }
        html += "</tbody></table></div>\n" + more(ordered.count - maxRows, "intents")
        let unexpected = ReportFormat.unexpectedPredictions(s)
        if !unexpected.isEmpty {
            html += "<h3>Unexpected predictions <small>labels no user meant; listed, not averaged</small></h3>\n"
            html += "<table>\n<thead><tr><th>Label</th><th>Judged turns</th><th>Share</th></tr></thead>\n<tbody>\n"
            for item in unexpected.prefix(maxRows) {
                html += "<tr><th>\(h(item.label))</th><td class=\"num\">\(item.count)</td>"
                html += "<td class=\"num\">\(Figures.rate(item.share))</td></tr>\n"
            }
            html += "</tbody></table>\n" + more(unexpected.count - maxRows, "labels")
        }
        return html
    }

    private func fallbackSection(_ utterances: [UtteranceCount]) -> String {
        let top = utterances.first?.count ?? 1
        var html = "<h2>Utterances that meet a fallback</h2>\n<table class=\"utterances\">\n"
        html += "<thead><tr><th>Fallbacks</th><th class=\"chart\"></th><th>User utterance</th></tr></thead>\n<tbody>\n"
        for utterance in utterances.prefix(maxRows) {
            html += "<tr><td class=\"num\">\(utterance.count)</td>"
            html += "<td class=\"chart\">\(Self.countBar(utterance.count, of: max(top, 1)))</td>"
            html += "<td class=\"text\">\(h(utterance.text))</td></tr>\n"
        }
        return html + "</tbody></table>\n" + more(utterances.count - maxRows, "utterances")
    }

    // MARK: - Helpers

    /// A rate's whisker chart, value and 95% interval cells (`not available` without one).
    func rateCells(_ metric: RateMetric?, baseline: Double?) -> String {
        guard let metric else {
            return "<td class=\"chart muted\">not available</td><td class=\"num\">n/a</td><td></td>"
        }
        return "<td class=\"chart\">\(Self.whisker(metric, baseline: baseline))</td>"
            + "<td class=\"num\">\(Figures.rate(metric.value))</td><td class=\"num\">\(ReportFormat.interval(metric))</td>"
    }

    /// HTML-escaped text.
    func h(_ text: String) -> String { Escaping.html(text) }

    /// The explicit note that a list left items out.
    func more(_ count: Int, _ what: String, tag: String = "p") -> String {
        count > 0 ? "<\(tag) class=\"more\">… \(count) more \(what)</\(tag)>\n" : ""
    }

    func rowClass(_ status: DeltaStatus?) -> String {
        switch status {
        case .regression: " class=\"bad\""
        case .improvement: " class=\"good\""
        default: ""
        }
    }

    private func deltaClass(_ delta: MetricDelta) -> String {
        switch ReportFormat.deltaStatus(delta) {
        case .regression: "bad-text"
        case .improvement: "good-text"
        default: ""
        }
    }

    func statusBadge(_ delta: MetricDelta) -> String {
        switch ReportFormat.deltaStatus(delta) {
        case .regression: "<span class=\"badge bad\">regression</span>"
        case .improvement: "<span class=\"badge good\">improvement</span>"
        case .withinTolerance: "<span class=\"badge\">within tolerance</span>"
        case .noChange: "<span class=\"muted\">no significant change</span>"
        }
    }
}

import ChorusModel
import ChorusScoring

/// Writes `report.md`: the run's verdict and the figures behind it as GitHub-flavoured Markdown,
/// sized for a pull-request comment and `$GITHUB_STEP_SUMMARY`.
///
/// Sections, most important first: the verdict line (and the failed gate rules), headline rates
/// with 95% intervals and, with a baseline, the baseline value and the delta with its interval;
/// latency and turns; the intents, weakest first; the largest failure clusters with their replay
/// commands; the utterances that most often meet a fallback; where users abandon; the paired
/// comparison with the flipped conversations' transcripts in `<details>` blocks.
///
/// However large the run, the output stays within `characterBudget` (GitHub rejects comments over
/// 65,536 characters): every table is capped and says how many rows it left out, and a section that
/// would not fit any more is replaced by one line saying so. The verdict always comes first.
/// Text that came from the bot or the scenario is escaped so it cannot break a table or inject HTML.
public struct MarkdownReporter: RunReporter {
    public static let identifier = "md"
    public static let fileExtension = "md"
    public static let fileName = "report.md"

    /// The most UTF-16 code units the output may hold (GitHub counts characters that way).
    public var characterBudget: Int
    /// The most rows of any one table (intents, clusters, utterances, goals).
    public var maxRows: Int
    /// The most flipped conversations shown with their transcripts.
    public var maxTranscripts: Int
    /// The most turns shown of one transcript.
    public var maxTranscriptTurns: Int
    /// The most characters of one text cell (a reply, an utterance) before it is cut with `…`.
    public var maxCellLength: Int

    public init(
        characterBudget: Int = 59_000, maxRows: Int = 15, maxTranscripts: Int = 5, maxTranscriptTurns: Int = 12,
        maxCellLength: Int = 160
    ) {
        self.characterBudget = characterBudget
        self.maxRows = maxRows
        self.maxTranscripts = maxTranscripts
        self.maxTranscriptTurns = maxTranscriptTurns
        self.maxCellLength = maxCellLength
    }

    public func render(_ report: RunReport) -> String {
        let footer = self.footer(report)
        // The footer is reserved up front so it always fits; the transcripts get whatever is left.
        var document = BudgetedDocument(budget: characterBudget - footer.utf16.count)
        document.append(header(report), section: "header")
        // The verdict is the point of the report: it is always written, its rule list cut to fit.
        document.appendAlways(verdict(report, budget: document.remaining - 2))
        document.append(rates(report), section: "rates")
        document.append(outcomesBy("Goal", report.summary.goals, shifts: report.diff?.goals), section: "goals")
        document.append(
            outcomesBy("Persona", report.summary.personas, shifts: report.diff?.personas), section: "personas")
        if let rows = ReportFormat.languageRows(report.summary) {
            let table = ([ReportFormat.languageHeader] + rows).enumerated().map { index, row in
                "| " + row.map(Escaping.markdown).joined(separator: " | ") + " |"
                    + (index == 0 ? "\n|" + String(repeating: " --- |", count: row.count) : "")
            }
            document.append("### By language\n\n" + table.joined(separator: "\n") + "\n", section: "languages")
        }
        if ReportFormat.hasDialogue(report.summary) {
            document.append(dialogue(report), section: "dialogue")
            document.append(
                outcomesBy("Behaviour", report.summary.behaviours, shifts: report.diff?.behaviours),
                section: "behaviours")
        }
        if report.summary.repeats != nil {
            document.append(
                "### Repeats\n\n```\n" + RepeatSection.lines(report).joined(separator: "\n") + "\n```\n",
                section: "repeats")
        }
        document.append(latency(report), section: "latency")
        document.append(intents(report), section: "intents")
        if let moves = confusionMoves(report) { document.append(moves, section: "confusion") }
        document.append(clusters(report), section: "failure clusters")
        if let utterances = fallbackUtterances(report) { document.append(utterances, section: "fallback utterances") }
        if let abandonment = abandonment(report) { document.append(abandonment, section: "abandonment") }
        if let comparison = report.comparison {
            document.append(pairedSummary(comparison), section: "paired comparison")
            document.append(flips(comparison, remaining: document.remaining), section: "flipped conversations")
        }
        return document.text + footer
    }

    // MARK: - Sections

    private func header(_ report: RunReport) -> String {
        let s = report.summary
        var target = Escaping.markdownCode(s.target.name) + " (\(Escaping.markdown(s.target.kind))"
        if !s.target.detail.isEmpty { target += ": " + Escaping.markdown(s.target.detail) }
        target += ")"
        var lines = ["## Chorus · \(Escaping.markdown(s.suite)) · \(Escaping.markdown(s.target.name))", ""]
        lines.append(
            "Run \(Escaping.markdownCode(report.runName)) · target \(target) · seed \(s.seed) · "
                + "\(s.conversations) conversations")
        if let line = provenance(report.labels) {
            lines.append("")
            lines.append(line)
        }
        if !report.status.isJudged {
            lines.append("")
            lines.append("**⚠️ \(Escaping.markdown(report.status.line(conversations: s.conversations)))**")
        }
        let outcomes = Outcome.allCases.map { "\($0.rawValue) \(s.outcomes[$0])" }.joined(separator: " · ")
        lines.append("")
        lines.append("Outcomes: " + Escaping.markdown(outcomes))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Commit `a1b2c3d4e5f6` (main, dirty) · labels `bot=v2``, or nil for a run with neither.
    func provenance(_ labels: RunLabels) -> String? {
        var parts: [String] = []
        if let git = labels.git {
            let details = [git.branch.map(Escaping.markdownCode), git.dirty ? "dirty" : nil].compactMap { $0 }
            parts.append(
                "Commit \(Escaping.markdownCode(git.shortCommit))"
                    + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))"))
        }
        if !labels.labels.isEmpty {
            parts.append(
                "labels "
                    + labels.labels.sorted { $0.key < $1.key }.map { Escaping.markdownCode("\($0.key)=\($0.value)") }
                    .joined(separator: " "))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    private func verdict(_ report: RunReport, budget: Int) -> String {
        let regressions = report.diff?.regressions ?? []
        guard let verdict = report.verdict else {
            var line =
                report.status.isJudged
                ? "### ➖ No gate — the suite defines no release gate"
                : "### ⏸ Not judged — \(report.status.state.rawValue) run; the gate judges only a complete run"
            if !regressions.isEmpty {
                line +=
                    "\n\n⚠️ \(regressions.count) significant regression\(regressions.count == 1 ? "" : "s") "
                    + "against the baseline: "
                    + regressions.prefix(maxRows).map { Escaping.markdownCode($0.name) }
                    .joined(separator: ", ") + (regressions.count > maxRows ? ", …" : "")
            }
            return line + "\n"
        }
        if verdict.passed {
            return "### ✅ Pass — \(Escaping.markdown(verdict.passLine))\n"
        }
        let failures = verdict.failures
        var lines = [
            "### ❌ Gate failed — \(failures.count) of \(verdict.checks.count) rule\(verdict.checks.count == 1 ? "" : "s"): "
                + failures.prefix(5).map { Escaping.markdownCode($0.name) }.joined(separator: ", ")
                + (failures.count > 5 ? ", …" : ""),
            "",
        ]
        // Room for the closing "… N more" line.
        var room = budget - lines.joined(separator: "\n").utf16.count - 60
        var listed = 0
        for check in failures.prefix(maxRows) {
            let line = "- " + Escaping.markdownCode(check.name) + ": " + Escaping.markdown(truncated(check.detail, 2))
            guard line.utf16.count + 1 <= room else { break }
            lines.append(line)
            room -= line.utf16.count + 1
            listed += 1
        }
        if failures.count > listed { lines.append("- … \(failures.count - listed) more failed rules") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func rates(_ report: RunReport) -> String {
        let rows = ReportFormat.headline(report)
        let diffed = report.diff != nil
        var table = MarkdownTable(
            header: diffed
                ? ["Metric", "Value", "95% interval", "n", "Baseline", "Δ [95% interval]", ""]
                : ["Metric", "Value", "95% interval", "n"],
            rightAligned: [1, 2, 3, 4, 5])
        for row in rows {
            var cells = [Escaping.markdown(ReportFormat.label(row.key))]
            if let metric = row.metric {
                cells += [Figures.rate(metric.value), ReportFormat.interval(metric), String(metric.n)]
            } else if let delta = row.delta {
                cells += [Figures.value(of: delta.name, delta.current), "—", "—"]
            } else {
                cells += ["n/a", "—", "—"]
            }
            if diffed {
                if let delta = row.delta {
                    cells += [
                        Figures.value(of: delta.name, delta.baseline), ReportFormat.change(delta),
                        Self.statusMark(delta),
                    ]
                } else {
                    cells += ["—", "—", ""]
                }
            }
            table.rows.append(cells)
        }
        return "### Rates\n\n" + table.render() + "\n"
    }

    private func dialogue(_ report: RunReport) -> String {
        let s = report.summary
        var text = "### Dialogue\n\n" + Escaping.markdown(ReportFormat.dialogueLine(s)) + "\n\n"
        let diffed = report.diff != nil
        let failures = ReportFormat.occurredFailures(s, diff: report.diff)
        guard !failures.isEmpty else { return text + "No dialogue failure.\n" }
        var table = MarkdownTable(
            header: ["Dialogue failure", "Conversations", "Rate", "95% interval", "Turns", "Behaviours hit"]
                + (diffed ? ["Baseline", "Δ [95% interval]", ""] : []),
            rightAligned: [1, 2, 3, 4, 6, 7])
        for (name, figures, delta) in failures.prefix(maxRows) {
            var cells = [
                Escaping.markdownCode(name), String(figures.conversations),
                figures.rate.map { Figures.rate($0.value) } ?? "n/a",
                figures.rate.map(ReportFormat.interval) ?? "—", String(figures.occurrences),
                Escaping.markdown(ReportFormat.behavioursHit(figures.behaviours)),
            ]
            if diffed {
                cells +=
                    delta.map { [Figures.rate($0.baseline), ReportFormat.change($0), Self.statusMark($0)] } ?? [
                        "—", "—", "",
                    ]
            }
            table.rows.append(cells)
        }
        return text + table.render() + more(failures.count - maxRows, "dialogue failures")
    }

    private func latency(_ report: RunReport) -> String {
        var text = "### Latency and turns\n\n"
        if let l = report.summary.latencyMs {
            var table = MarkdownTable(header: ["p50", "p90", "p95", "p99", "max"], rightAligned: [0, 1, 2, 3, 4])
            table.rows.append([l.p50, l.p90, l.p95, l.p99, l.max].map { Figures.milliseconds($0) + " ms" })
            text += "Reply latency:\n\n" + table.render() + "\n"
        } else {
            text += "Reply latency: n/a (no replies)\n"
        }
        if let t = report.summary.turns {
            text +=
                "Turns to success (user turns per completed conversation): mean \(Figures.fixed(t.mean, 2)), "
                + "median \(Figures.fixed(t.median, 1)), p95 \(Figures.fixed(t.p95, 0))\n"
        }
        if !report.summary.errors.isEmpty {
            text +=
                "Failed exchanges: "
                + report.summary.errors.sorted { $0.key < $1.key }.map { "\(Escaping.markdown($0.key)) \($0.value)" }
                .joined(separator: " · ") + "\n"
        }
        return text
    }

    private func intents(_ report: RunReport) -> String {
        let s = report.summary
        guard let averages = s.intentAverages, !s.intents.isEmpty else {
            return "### Intents\n\nIntent metrics are not available: the target exposes no intent, or no turn has an "
                + "expected intent.\n"
        }
        let deltas = ReportFormat.intentDeltas(report.diff)
        let diffed = report.diff != nil
        func regressed(_ name: String) -> Bool { deltas[name]?.values.contains { $0.regression } ?? false }
        // Regressed intents first: with a cap on rows they are the ones a reviewer must see.
        let ordered = ReportFormat.intentsByWeakness(s.intents).enumerated().sorted { a, b in
            regressed(a.element.name) != regressed(b.element.name) ? regressed(a.element.name) : a.offset < b.offset
        }.map(\.element)
        var table = MarkdownTable(
            header: diffed
                ? ["Intent", "P", "R", "F1", "Support", "ΔP", "ΔR", "ΔF1"] : ["Intent", "P", "R", "F1", "Support"],
            rightAligned: [1, 2, 3, 4, 5, 6, 7])
        for (name, scores) in ordered.prefix(maxRows) {
            var cells = [
                cell(name), Figures.fixed(scores.precision, 3), Figures.fixed(scores.recall, 3),
                Figures.fixed(scores.f1, 3), String(scores.support),
            ]
            if diffed {
                for figure in ["precision", "recall", "f1"] {
                    guard let delta = deltas[name]?[figure] else {
                        cells.append("—")
                        continue
                    }
                    let mark = Self.statusMark(delta)
                    cells.append(Figures.signed(delta.delta, 3) + (mark.isEmpty ? "" : " " + mark))
                }
            }
            table.rows.append(cells)
        }
        var text =
            "### Intents\n\nMacro F1 \(Figures.score(averages.macro.f1)) · weighted F1 "
            + "\(Figures.score(averages.weighted.f1)) · averages over the \(s.intents.count) expected intents · support "
            + "\(averages.macro.support) turns\(diffed ? " · Δ = change against the baseline" : ""); weakest first\n\n"
        text += table.render()
        text += more(ordered.count - maxRows, "intents")
        if !s.unexpectedPredictions.isEmpty {
            let unexpected = ReportFormat.unexpectedPredictions(s)
            text +=
                "\nUnexpected predictions (labels no user meant; listed, not averaged): "
                + unexpected.prefix(maxRows).map { "\(cell($0.label)) \($0.count) (\(Figures.rate($0.share)))" }
                .joined(separator: " · ") + (unexpected.count > maxRows ? " · …" : "") + "\n"
        }
        if let confidence = s.confidence, let best = confidence.recommended {
            text +=
                "\nConfidence threshold the data supports: **\(Figures.fixed(best.threshold, 2))** (fallback "
                + "\(Figures.rate(best.fallbackRate)), accuracy of the kept turns \(best.keptAccuracy.map(Figures.rate) ?? "n/a") "
                + "against \(confidence.sweep.first?.keptAccuracy.map(Figures.rate) ?? "n/a") keeping all; it "
                + "\(ConfidenceFigures.rule); sweep and histogram in report.html)\n"
        }
        return text
    }

    private func confusionMoves(_ report: RunReport) -> String? {
        guard let moves = report.diff?.confusionMoves, !moves.isEmpty else { return nil }
        var table = MarkdownTable(header: ["Expected", "Predicted as", "Baseline", "Now"], rightAligned: [2, 3])
        for move in moves.prefix(maxRows) {
            table.rows.append([
                cell(move.expected), cell(move.predicted), Figures.rate(move.baselineShare),
                Figures.rate(move.currentShare),
            ])
        }
        return "### Confusions that moved\n\nShare of the expected intent's turns.\n\n" + table.render()
            + more(moves.count - maxRows, "cells")
    }

    private func clusters(_ report: RunReport) -> String {
        let failures = report.failures
        guard !failures.clusters.isEmpty else {
            return "### Failure clusters\n\n\(failures.failingConversations) failing conversations; no clusters.\n"
        }
        let new = Set(report.diff?.newFailureClusters ?? [])
        var table = MarkdownTable(
            header: [
                "#", "Conversations", "Goal", "Outcome", "Turn", "Dialogue failure", "Expected → predicted",
                "Bot reply", "Replay",
            ],
            rightAligned: [0, 1, 4])
        for (rank, cluster) in failures.clusters.prefix(maxRows).enumerated() {
            let sig = cluster.signature
            table.rows.append([
                String(rank + 1) + (new.contains(sig.key) ? " 🆕" : ""), String(cluster.count), cell(sig.goal),
                sig.outcome.rawValue, String(sig.turn),
                sig.dialogueFailure.map { Escaping.markdownCode($0.rawValue) } ?? "",
                cell(sig.expectedIntent ?? "?") + " → " + cell(sig.predictedIntent ?? "?"),
                sig.reply.isEmpty ? "_(no reply)_" : cell("“\(sig.reply)”"),
                Escaping.markdownCode(report.replay(cluster.example.index)),
            ])
        }
        let newNote = new.isEmpty ? "" : " · 🆕 = not in the baseline"
        return "### Failure clusters\n\n\(failures.failingConversations) failing conversations in "
            + "\(failures.clusters.count) clusters, largest first\(newNote)\n\n" + table.render()
            + more(failures.clusters.count - maxRows, "clusters")
    }

    private func fallbackUtterances(_ report: RunReport) -> String? {
        let utterances = report.failures.fallbackUtterances
        guard !utterances.isEmpty else { return nil }
        var table = MarkdownTable(header: ["Fallbacks", "User utterance"], rightAligned: [0])
        for utterance in utterances.prefix(maxRows) {
            table.rows.append([String(utterance.count), cell(utterance.text)])
        }
        return "### Utterances that meet a fallback\n\n" + table.render()
            + more(utterances.count - maxRows, "utterances")
    }

    private func abandonment(_ report: RunReport) -> String? {
        let funnels = report.failures.abandonment.filter { $0.value.abandoned > 0 }
        guard !funnels.isEmpty else { return nil }
        // Worst goals first.
        let ordered = funnels.sorted { a, b in
            a.value.abandoned != b.value.abandoned ? a.value.abandoned > b.value.abandoned : a.key < b.key
        }
        var table = MarkdownTable(
            header: ["Goal", "Abandoned", "of", "Rate", "While giving", "At user turn"], rightAligned: [1, 2, 3])
        for (goal, funnel) in ordered.prefix(maxRows) {
            let stages = funnel.byStage.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let turns = funnel.byTurn.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            table.rows.append([
                cell(goal), String(funnel.abandoned), String(funnel.conversations),
                Figures.rate(ReportFormat.share(funnel.abandoned, of: funnel.conversations)),
                stages.prefix(3).map { "\(cell($0.key)) (\($0.value))" }.joined(separator: ", ")
                    + (stages.count > 3 ? ", …" : ""),
                turns.prefix(3).map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
                    + (turns.count > 3 ? ", …" : ""),
            ])
        }
        return "### Abandonment by goal\n\n" + table.render() + more(ordered.count - maxRows, "goals")
    }

    private func pairedSummary(_ c: PairedComparison) -> String {
        var table = MarkdownTable(header: ["", "B completed", "B not completed"], rightAligned: [1, 2])
        table.rows.append(["**A completed**", String(c.bothPassed), String(c.onlyAPassed)])
        table.rows.append(["**A not completed**", String(c.onlyBPassed), String(c.bothFailed)])
        return "### Paired comparison: A \(Escaping.markdownCode(c.a.name)) vs B \(Escaping.markdownCode(c.b.name))\n\n"
            + "\(c.pairs) conversations with the same synthetic users. Completion B − A: "
            + "\(Figures.points(c.delta)) \(Figures.interval(c.low, c.high, signed: true)) · McNemar p = \(Figures.pValue(c.mcnemarP))\n\n"
            + table.render()
    }

    private func flips(_ c: PairedComparison, remaining: Int) -> String {
        guard !c.flips.isEmpty else { return "No conversation flipped.\n" }
        var text = "#### Flipped conversations (\(c.flips.count))\n\n"
        var budget = remaining - text.utf16.count - 120
        var shown = 0
        for flip in c.flips.prefix(maxTranscripts) {
            let block = flipBlock(flip, a: c.a.name, b: c.b.name)
            guard block.utf16.count <= budget else { break }
            text += block
            budget -= block.utf16.count
            shown += 1
        }
        if c.flips.count > shown {
            text += "\n… \(c.flips.count - shown) more flipped conversations (see report.html)\n"
        }
        return text
    }

    private func flipBlock(_ flip: Flip, a: String, b: String) -> String {
        // Inside the HTML `<summary>` Markdown is not processed, so that line is HTML-escaped.
        let title =
            "#\(flip.index) · \(Escaping.html(flip.a.goal)) · \(Escaping.html(flip.a.persona)) · "
            + "A \(flip.a.outcome.rawValue) → B \(flip.b.outcome.rawValue)"
        return "<details><summary>\(title)</summary>\n\n"
            + "**A** \(Escaping.markdownCode(a)): \(flip.a.outcome.rawValue) · replay \(Escaping.markdownCode(flip.replayA))\n\n"
            + transcript(flip.a)
            + "\n**B** \(Escaping.markdownCode(b)): \(flip.b.outcome.rawValue) · replay \(Escaping.markdownCode(flip.replayB))\n\n"
            + transcript(flip.b) + "\n</details>\n\n"
    }

    private func transcript(_ record: ConversationRecord) -> String {
        var table = MarkdownTable(
            header: ["#", "Act", "User", "Bot", "Expected → predicted", "Marks"], rightAligned: [0])
        for (number, turn) in record.turns.prefix(maxTranscriptTurns).enumerated() {
            let intents =
                turn.expectedIntent == nil && turn.predictedIntent == nil
                ? "" : cell(turn.expectedIntent ?? "?") + " → " + cell(turn.predictedIntent ?? "?")
            table.rows.append([
                String(number + 1), ReportFormat.act(turn) ?? "", cell(turn.user), cell(ReportFormat.botText(turn)),
                intents,
                ReportFormat.marks(turn).map { cell($0) }.joined(separator: ", "),
            ])
        }
        return table.render() + more(record.turns.count - maxTranscriptTurns, "turns")
    }

    private func footer(_ report: RunReport) -> String {
        "<sub>Chorus \(Escaping.html(report.chorusVersion)) · rates with 95% Wilson intervals · "
            + "a regression is a change whose 95% interval excludes zero and exceeds the gate's tolerance · "
            + "full report: report.html</sub>\n"
    }

    // MARK: - Helpers

    /// Untrusted text for a table cell: cut to `maxCellLength`, then escaped.
    private func cell(_ text: String) -> String {
        Escaping.markdown(Escaping.truncated(text, maxCellLength))
    }

    /// Outcomes per goal (or persona), weakest completion first; with a baseline, the change of
    /// completion with its 95% interval.
    private func outcomesBy(_ noun: String, _ counts: [String: OutcomeCounts], shifts: [String: OutcomeShift]?)
        -> String
    {
        let rows = counts.sorted { a, b in
            let (x, y) = (a.value.completionShare ?? 0, b.value.completionShare ?? 0)
            return x != y ? x < y : a.key < b.key
        }
        var lines = ["### Outcomes by \(noun.lowercased())", ""]
        var header =
            "| \(noun) | n | " + Outcome.allCases.map { Escaping.markdown($0.rawValue) }.joined(separator: " | ")
            + " | Completion |"
        var rule = "| --- | --: | " + Outcome.allCases.map { _ in "--:" }.joined(separator: " | ") + " | --: |"
        if shifts != nil {
            header += " Δ completion [95% interval] |"
            rule += " --: |"
        }
        lines += [header, rule]
        for (name, outcome) in rows.prefix(maxRows) {
            var row = "| \(Escaping.markdown(truncated(name, 1))) | \(outcome.total) | "
            row += Outcome.allCases.map { "\(outcome[$0])" }.joined(separator: " | ")
            row += " | \(Figures.rate(outcome.completionShare ?? 0)) |"
            if let shift = shifts?[name] {
                let change = shift.completionChange.map {
                    "\(Figures.points($0.delta)) \(Figures.interval($0.low, $0.high, signed: true))"
                }
                row += " \(change ?? "—") |"
            } else if shifts != nil {
                row += " — |"
            }
            lines.append(row)
        }
        return lines.joined(separator: "\n") + more(rows.count - maxRows, noun.lowercased() + "s") + "\n"
    }

    /// `text` cut to a few cells' worth.
    private func truncated(_ text: String, _ cells: Int) -> String {
        Escaping.truncated(text, maxCellLength * cells)
    }

    /// The explicit line that says a table left rows out.
    private func more(_ count: Int, _ what: String) -> String {
        count > 0 ? "\n… \(count) more \(what)\n" : ""
    }

    static func statusMark(_ delta: MetricDelta) -> String {
        switch ReportFormat.deltaStatus(delta) {
        case .regression: "❌ regression"
        case .improvement: "✅ improvement"
        case .withinTolerance: "within tolerance"
        case .noChange: ""
        }
    }
}

/// A Markdown document assembled section by section within a size budget.
private struct BudgetedDocument {
    var budget: Int
    var text = ""

    /// UTF-16 code units still free.
    var remaining: Int { budget - text.utf16.count }

    /// Appends `section` (and a blank line) whether it fits or not.
    mutating func appendAlways(_ section: String) {
        text += Self.block(section)
    }

    /// Appends `section` (and a blank line) when it fits, otherwise one line saying it was left out.
    mutating func append(_ section: String, section name: String) {
        let block = Self.block(section)
        if block.utf16.count <= remaining {
            text += block
        } else {
            let note = "_The \(name) section is left out: the report reached its size limit (see report.html)._\n\n"
            if note.utf16.count <= remaining { text += note }
        }
    }

    /// `section` ending in exactly one blank line, so sections are separated evenly.
    private static func block(_ section: String) -> String {
        var trimmed = Substring(section)
        while trimmed.last == "\n" { trimmed = trimmed.dropLast() }
        return trimmed + "\n\n"
    }
}

/// A GitHub-flavoured Markdown table of already-escaped cells.
struct MarkdownTable {
    var header: [String]
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int>
    var rows: [[String]] = []

    func render() -> String {
        var lines = ["| " + header.joined(separator: " | ") + " |"]
        lines.append("|" + header.indices.map { rightAligned.contains($0) ? " --: |" : " --- |" }.joined())
        for row in rows {
            lines.append("| " + row.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

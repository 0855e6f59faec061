import ChorusModel
import ChorusScoring

/// The HTML report's charts: inline SVG and CSS bars, drawn from numbers only (labels that come
/// from the scenario are escaped like every other text).
extension HTMLReporter {
    /// The colour of each outcome, the same in every chart and legend.
    static func colour(_ outcome: Outcome) -> String {
        switch outcome {
        case .completed: "#2e7d32"
        case .handedOff: "#1565c0"
        case .escalated: "#00838f"
        case .abandoned: "#ef6c00"
        case .maxTurns: "#8e24aa"
        case .failed: "#c62828"
        case .error: "#616161"
        }
    }

    /// A coordinate with one decimal, so the same report always draws the same bytes.
    static func coordinate(_ value: Double) -> String {
        Figures.fixed(value, 1)
    }

    // MARK: - Outcomes

    func outcomesSection(_ report: RunReport) -> String {
        let s = report.summary
        var html = "<h2>Outcomes <small>\(s.conversations) conversations</small></h2>\n"
        html += Self.stackedBar(s.outcomes, height: 28, label: "Outcomes of all conversations") + "\n"
        html += "<ul class=\"outcome-legend\">"
        for outcome in Outcome.allCases {
            let count = s.outcomes[outcome]
            html += "<li><span class=\"swatch\" style=\"background:\(Self.colour(outcome))\"></span>"
            html += "\(outcome.rawValue) <b>\(count)</b> <span class=\"muted\">"
            html += "\(Figures.rate(ReportFormat.share(count, of: s.outcomes.total)))</span></li>"
        }
        html += "</ul>\n"
        if !s.goals.isEmpty { html += "<h3>By goal</h3>\n" + outcomeTable(s.goals, noun: "goal") }
        return html
    }

    /// Outcome bars and completion per name (goal, behaviour), sorted by name.
    func outcomeTable(_ counts: [String: OutcomeCounts], noun: String) -> String {
        let rows = counts.sorted { $0.key < $1.key }
        var html =
            "<table class=\"by-goal\">\n<thead><tr><th>\(h(noun.prefix(1).uppercased() + noun.dropFirst()))</th><th>n</th>"
        html += "<th class=\"wide\">Outcomes</th><th>Completion</th></tr></thead>\n<tbody>\n"
        for (name, counts) in rows.prefix(maxRows) {
            html += "<tr><th>\(h(name))</th><td class=\"num\">\(counts.total)</td>"
            html +=
                "<td class=\"wide\">\(Self.stackedBar(counts, height: 14, label: "Outcomes of \(noun) \(name)"))</td>"
            html +=
                "<td class=\"num\">\(Figures.rate(ReportFormat.share(counts.completed, of: counts.judged)))</td></tr>\n"
        }
        return html + "</tbody></table>\n" + more(rows.count - maxRows, noun + "s")
    }

    /// A horizontal bar split by outcome, stretched to the width of its container.
    static func stackedBar(_ counts: OutcomeCounts, height: Int, label: String) -> String {
        let total = counts.total
        var svg =
            "<svg class=\"stacked\" viewBox=\"0 0 1000 \(height)\" preserveAspectRatio=\"none\" height=\"\(height)\" "
        svg += "role=\"img\" aria-label=\"\(Escaping.html(label))\">"
        svg += "<rect width=\"1000\" height=\"\(height)\" fill=\"#eceff1\"/>"
        var x = 0.0
        for outcome in Outcome.allCases where total > 0 && counts[outcome] > 0 {
            let width = 1000 * Double(counts[outcome]) / Double(total)
            svg += "<rect x=\"\(coordinate(x))\" width=\"\(coordinate(width))\" height=\"\(height)\" "
            svg += "fill=\"\(colour(outcome))\"><title>\(outcome.rawValue): \(counts[outcome])</title></rect>"
            x += width
        }
        return svg + "</svg>"
    }

    // MARK: - Rates

    /// A rate on a 0–100 % axis: a light bar to the value, the 95% interval as a whisker, and the
    /// baseline's value as an orange tick when there is one.
    static func whisker(_ metric: RateMetric, baseline: Double?) -> String {
        let width = 240.0
        func x(_ p: Double) -> String { coordinate(min(max(p, 0), 1) * width) }
        var svg = "<svg class=\"whisker\" viewBox=\"0 0 240 20\" width=\"240\" height=\"20\" role=\"img\" "
        svg += "aria-label=\"\(Figures.rate(metric.value)) \(ReportFormat.interval(metric))\">"
        svg += "<rect width=\"240\" height=\"20\" fill=\"#f4f6f8\"/>"
        for tick in [0.25, 0.5, 0.75] {
            svg += "<line x1=\"\(x(tick))\" x2=\"\(x(tick))\" y1=\"0\" y2=\"20\" stroke=\"#dde3ea\"/>"
        }
        svg += "<rect y=\"5\" width=\"\(x(metric.value))\" height=\"10\" fill=\"#bbd3ee\"/>"
        svg +=
            "<line x1=\"\(x(metric.low))\" x2=\"\(x(metric.high))\" y1=\"10\" y2=\"10\" stroke=\"#1f4e8c\" stroke-width=\"2\"/>"
        for bound in [metric.low, metric.high] {
            svg +=
                "<line x1=\"\(x(bound))\" x2=\"\(x(bound))\" y1=\"5\" y2=\"15\" stroke=\"#1f4e8c\" stroke-width=\"2\"/>"
        }
        svg += "<circle cx=\"\(x(metric.value))\" cy=\"10\" r=\"3.5\" fill=\"#1f4e8c\"/>"
        if let baseline {
            svg += "<line x1=\"\(x(baseline))\" x2=\"\(x(baseline))\" y1=\"1\" y2=\"19\" stroke=\"#ef6c00\" "
            svg += "stroke-width=\"2.5\"><title>baseline \(Figures.rate(baseline))</title></line>"
        }
        return svg + "</svg>"
    }

    /// An intent score (0…1) as its number and a short bar coloured by how good it is.
    static func scoreBar(_ score: Double) -> String {
        let colour = score >= 0.9 ? "#2e7d32" : score >= 0.7 ? "#f9a825" : "#c62828"
        return "<span class=\"score\">\(Figures.fixed(score, 3))</span>"
            + "<svg class=\"bar\" viewBox=\"0 0 100 10\" width=\"100\" height=\"10\" aria-hidden=\"true\">"
            + "<rect width=\"100\" height=\"10\" fill=\"#eceff1\"/>"
            + "<rect width=\"\(coordinate(min(max(score, 0), 1) * 100))\" height=\"10\" fill=\"\(colour)\"/></svg>"
    }

    /// A count relative to the largest of its list.
    static func countBar(_ count: Int, of top: Int) -> String {
        "<svg class=\"bar\" viewBox=\"0 0 100 10\" width=\"100\" height=\"10\" aria-hidden=\"true\">"
            + "<rect width=\"\(coordinate(100 * ReportFormat.share(count, of: top)))\" height=\"10\" fill=\"#90a4ae\"/></svg>"
    }

    // MARK: - Latency

    func latencySection(_ s: Summary) -> String {
        var html = "<h2>Latency <small>per bot reply</small></h2>\n"
        guard let l = s.latencyMs else { return html + "<p class=\"muted\">No replies, no latency.</p>\n" }
        let bars: [(String, Double)] = [("p50", l.p50), ("p90", l.p90), ("p95", l.p95), ("p99", l.p99), ("max", l.max)]
        let top = max(l.max, 0.001)
        let chartHeight = 160.0
        var svg = "<svg class=\"latency\" viewBox=\"0 0 520 210\" width=\"520\" height=\"210\" role=\"img\" "
        svg += "aria-label=\"Reply latency percentiles\">"
        svg += "<line x1=\"10\" x2=\"510\" y1=\"185\" y2=\"185\" stroke=\"#90a4ae\"/>"
        for (offset, bar) in bars.enumerated() {
            let height = max(1, chartHeight * bar.1 / top)
            let x = 30 + Double(offset) * 96
            let y = 185 - height
            svg += "<rect x=\"\(Self.coordinate(x))\" y=\"\(Self.coordinate(y))\" width=\"64\" "
            svg += "height=\"\(Self.coordinate(height))\" fill=\"\(bar.0 == "max" ? "#b0bec5" : "#5c8fcf")\"/>"
            svg += "<text x=\"\(Self.coordinate(x + 32))\" y=\"\(Self.coordinate(y - 6))\" text-anchor=\"middle\" "
            svg += "class=\"value\">\(Figures.milliseconds(bar.1)) ms</text>"
            svg += "<text x=\"\(Self.coordinate(x + 32))\" y=\"202\" text-anchor=\"middle\">\(bar.0)</text>"
        }
        html += svg + "</svg>\n"
        if let t = s.turns {
            html +=
                "<p>Turns to success (user turns per completed conversation): mean <b>\(Figures.fixed(t.mean, 2))</b>, "
            html += "median <b>\(Figures.fixed(t.median, 1))</b>, p95 <b>\(Figures.fixed(t.p95, 0))</b></p>\n"
        }
        if !s.errors.isEmpty {
            html +=
                "<p>Failed exchanges: "
                + s.errors.sorted { $0.key < $1.key }.map { "\(h($0.key)) <b>\($0.value)</b>" }.joined(separator: " · ")
                + "</p>\n"
        }
        return html
    }

    // MARK: - Confusion matrix

    func confusionSection(_ confusion: [String: [String: Int]]) -> String {
        let rowTotals = confusion.mapValues { $0.values.reduce(0, +) }
        var allRows = rowTotals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let tooMany = allRows.count > maxConfusionLabels
        if tooMany {
            // Too many intents to show (CLINC150 has 151): show those the bot gets wrong most,
            // which are the rows worth reading; confusion.csv has the whole matrix.
            let errors = rowTotals.reduce(into: [String: Int]()) {
                $0[$1.key] = $1.value - (confusion[$1.key]?[$1.key] ?? 0)
            }
            allRows.sort { a, b in
                let (ea, eb) = (errors[a, default: 0], errors[b, default: 0])
                if ea != eb { return ea > eb }
                let (ta, tb) = (rowTotals[a, default: 0], rowTotals[b, default: 0])
                return ta != tb ? ta > tb : a < b
            }
        }
        let rows = Array(allRows.prefix(maxConfusionLabels))
        var columnTotals: [String: Int] = [:]
        for row in rows {
            for (predicted, count) in confusion[row] ?? [:] { columnTotals[predicted, default: 0] += count }
        }
        // Predicted labels in the rows' order first, so correct predictions fall on the diagonal.
        var columns = rows.filter { columnTotals[$0] != nil }
        let placed = Set(columns)
        columns += columnTotals.filter { !placed.contains($0.key) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let shown = Array(columns.prefix(maxConfusionLabels))
        let hasOther = columns.count > shown.count
        let shownSet = Set(shown)

        var html = "<h2>Confusion matrix <small>rows: what the user meant · columns: what the bot understood · "
        html += "colour: share of the row</small></h2>\n<div class=\"scroll\"><table class=\"confusion\">\n<thead><tr>"
        html += "<th class=\"corner\">expected \\ predicted</th>"
        for column in shown { html += "<th class=\"vertical\"><span>\(h(column))</span></th>" }
        if hasOther { html += "<th class=\"vertical\"><span>other</span></th>" }
        html += "<th class=\"vertical\"><span>total</span></th></tr></thead>\n<tbody>\n"
        for row in rows {
            let cells = confusion[row] ?? [:]
            let total = rowTotals[row] ?? 0
            html += "<tr><th>\(h(row))</th>"
            for column in shown {
                html += heatCell(cells[column] ?? 0, total: total, correct: column == row, title: "\(row) → \(column)")
            }
            if hasOther {
                let other = cells.filter { !shownSet.contains($0.key) }.values.reduce(0, +)
                html += heatCell(other, total: total, correct: false, title: "\(row) → other")
            }
            html += "<td class=\"num total\">\(total)</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        if tooMany {
            html += more(
                allRows.count - rows.count,
                "expected intents (those with the fewest errors; confusion.csv has them all)")
        }
        return html
    }

    private func heatCell(_ count: Int, total: Int, correct: Bool, title: String) -> String {
        guard count > 0 else { return "<td class=\"heat\"></td>" }
        let share = ReportFormat.share(count, of: total)
        let alpha = 0.12 + 0.78 * share
        let rgb = correct ? "46,125,50" : "198,40,40"
        let ink = alpha > 0.55 ? "#fff" : "#111"
        return "<td class=\"heat\" style=\"background:rgba(\(rgb),\(Figures.fixed(alpha, 2)));color:\(ink)\" "
            + "title=\"\(h(title)): \(count) (\(Figures.rate(share)))\">\(count)</td>"
    }

    // MARK: - Abandonment

    func abandonmentSection(_ funnels: [String: AbandonmentFunnel]) -> String {
        let ordered = funnels.filter { $0.value.abandoned > 0 }.sorted { a, b in
            a.value.abandoned != b.value.abandoned ? a.value.abandoned > b.value.abandoned : a.key < b.key
        }
        var html = "<h2>Abandonment <small>where users of each goal gave up</small></h2>\n<div class=\"funnels\">\n"
        for (goal, funnel) in ordered.prefix(maxRows) {
            html += "<div class=\"funnel\"><h3>\(h(goal))</h3>"
            html += "<p><b>\(funnel.abandoned)</b> of \(funnel.conversations) conversations abandoned "
            html += "(\(Figures.rate(ReportFormat.share(funnel.abandoned, of: funnel.conversations))))</p>"
            html += Self.stackedShare(funnel.abandoned, of: funnel.conversations)
            let stages = funnel.byStage.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            html +=
                "<h4>While giving</h4>" + hbars(stages.prefix(10).map { (h($0.key), $0.value) }, top: funnel.abandoned)
            html += more(stages.count - 10, "stages")
            let turns = funnel.byTurn.sorted { $0.key < $1.key }
            html +=
                "<h4>After user turn</h4>"
                + hbars(turns.prefix(15).map { ("turn \($0.key)", $0.value) }, top: funnel.abandoned)
            html += more(turns.count - 15, "turns")
            html += "</div>\n"
        }
        html += "</div>\n"
        return html + more(ordered.count - maxRows, "goals")
    }

    /// The abandoned share of a goal's conversations as a two-part bar.
    private static func stackedShare(_ part: Int, of whole: Int) -> String {
        let width = 1000 * ReportFormat.share(part, of: whole)
        return
            "<svg class=\"stacked\" viewBox=\"0 0 1000 10\" preserveAspectRatio=\"none\" height=\"10\" aria-hidden=\"true\">"
            + "<rect width=\"1000\" height=\"10\" fill=\"#c8e6c9\"/>"
            + "<rect width=\"\(coordinate(width))\" height=\"10\" fill=\"\(colour(.abandoned))\"/></svg>"
    }

    /// Labelled horizontal bars; `label`s must already be escaped.
    private func hbars(_ items: [(label: String, count: Int)], top: Int) -> String {
        var html = "<div class=\"hbars\">"
        for item in items {
            let width = 100 * ReportFormat.share(item.count, of: max(top, 1))
            html += "<div class=\"hbar\"><span class=\"label\">\(item.label)</span><span class=\"track\">"
            html += "<span class=\"fill\" style=\"width:\(Figures.fixed(width, 1))%\"></span></span>"
            html += "<span class=\"n\">\(item.count)</span></div>"
        }
        return html + "</div>"
    }
}

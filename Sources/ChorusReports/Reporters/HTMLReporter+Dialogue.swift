import ChorusModel
import ChorusScoring

/// The HTML report's dialogue section: goal attempts, the named dialogue failures with their
/// rates and the behaviours they hit, and completion by behaviour.
extension HTMLReporter {
    func dialogueSection(_ report: RunReport) -> String {
        let s = report.summary
        var html = "<h2>Dialogue <small>judged with the user's own values</small></h2>\n"
        html += "<p>\(h(ReportFormat.dialogueLine(s)))</p>\n"
        let diffed = report.diff != nil
        let failures = ReportFormat.occurredFailures(s, diff: report.diff)
        if failures.isEmpty {
            html += "<p class=\"muted\">No dialogue failure.</p>\n"
        } else {
            html += "<div class=\"scroll\"><table class=\"rates\">\n<thead><tr><th>Dialogue failure</th>"
            html +=
                "<th class=\"chart\">0 – 100 %</th><th>Rate</th><th>95% interval</th><th>Conversations</th><th>Turns</th>"
            html +=
                "<th>Behaviours hit</th>\(diffed ? "<th>Baseline</th><th>Δ [95% interval]</th><th></th>" : "")</tr></thead>\n<tbody>\n"
            for (name, figures, delta) in failures.prefix(maxRows) {
                html += "<tr\(rowClass(delta.map(ReportFormat.deltaStatus)))><th><code>\(h(name))</code></th>"
                html += rateCells(figures.rate, baseline: delta?.baseline)
                html += "<td class=\"num\">\(figures.conversations)</td><td class=\"num\">\(figures.occurrences)</td>"
                html += "<td>\(h(ReportFormat.behavioursHit(figures.behaviours)))</td>"
                if diffed {
                    html +=
                        delta.map {
                            "<td class=\"num\">\(Figures.rate($0.baseline))</td><td class=\"num\">\(h(ReportFormat.change($0)))</td>"
                                + "<td class=\"status\">\(statusBadge($0))</td>"
                        } ?? "<td></td><td></td><td></td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody></table></div>\n" + more(failures.count - maxRows, "dialogue failures")
        }
        if s.behaviours.keys.contains(where: { $0 != Aggregate.plain }) {
            html += "<h3>Completion by behaviour</h3>\n" + outcomeTable(s.behaviours, noun: "behaviour")
        }
        if let shifts = report.diff?.behaviours, !shifts.isEmpty {
            html += "<h3>Completion by behaviour against the baseline</h3>\n" + shiftTable(shifts, label: "Behaviour")
        }
        return html
    }
}

import ChorusModel
import ChorusScoring

/// The HTML report's dialogue section: goal attempts, the named dialogue failures with their
/// rates and the behaviours they hit, and completion by behaviour.
extension HTMLReporter {
    func dialogueSection(_ report: RunReport) -> String {
        let s = report.summary
        var html = "<h2>Dialogue <small>judged with the user's own values</small></h2>\n"
        html += "<p>\(h(ReportFormat.dialogueLine(s)))</p>\n"
        let failures = ReportFormat.occurredFailures(s)
        if failures.isEmpty {
            html += "<p class=\"muted\">No dialogue failure.</p>\n"
        } else {
            html += "<div class=\"scroll\"><table class=\"rates\">\n<thead><tr><th>Dialogue failure</th>"
            html += "<th class=\"chart\">0 – 100 %</th><th>Rate</th><th>95% interval</th><th>Conversations</th><th>Turns</th>"
            html += "<th>Behaviours hit</th></tr></thead>\n<tbody>\n"
            for (name, figures) in failures.prefix(maxRows) {
                html += "<tr><th><code>\(h(name))</code></th>" + rateCells(figures.rate, baseline: nil)
                html += "<td class=\"num\">\(figures.conversations)</td><td class=\"num\">\(figures.occurrences)</td>"
                html += "<td>\(h(ReportFormat.behavioursHit(figures.behaviours)))</td></tr>\n"
            }
            html += "</tbody></table></div>\n" + more(failures.count - maxRows, "dialogue failures")
        }
        if s.behaviours.keys.contains(where: { $0 != Aggregate.plain }) {
            html += "<h3>Completion by behaviour</h3>\n" + outcomeTable(s.behaviours, noun: "behaviour")
        }
        return html
    }
}

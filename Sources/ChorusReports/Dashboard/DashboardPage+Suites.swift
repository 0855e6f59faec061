import ChorusStore

extension DashboardPage {
    /// A run as the suites and trends pages list it: with its headline and verdict.
    public struct RunRow: Sendable {
        public var run: StoredRun
        public var headline: RunHeadline?
        public var passed: Bool?

        public init(run: StoredRun, headline: RunHeadline?, passed: Bool?) {
            self.run = run
            self.headline = headline
            self.passed = passed
        }
    }

    /// The front page: every suite and target with its latest verdict and headline figures, and
    /// the most recent runs.
    public static func suites(_ rows: [RunRow], recent: [StoredRun]) -> String {
        var body =
            "<div class=\"page\">\n<h1>Suites <small>latest completed run of each suite and target</small></h1>\n"
        if rows.isEmpty {
            body += "<p class=\"muted\">No completed runs in this database yet.</p>\n"
        } else {
            body +=
                "<div class=\"scroll\"><table class=\"suites\">\n<thead><tr><th>Suite</th><th>Target</th><th>Latest verdict</th><th>Latest run</th>"
            body += "<th>Started (UTC)</th><th>n</th>"
            body += HistoryReport.series.map { "<th>\(h($0.name))</th>" }.joined()
            body += "<th></th></tr></thead>\n<tbody>\n"
            for row in rows {
                let run = row.run
                body += "<tr><th>\(h(run.suite))</th><td>\(h(run.target.name))</td><td>\(verdict(row.passed))</td>"
                body += "<td>\(runLink(run))</td><td>\(h(run.startedAt))</td>"
                body += "<td class=\"num\">\(row.headline.map { String($0.conversations) } ?? "")</td>"
                for series in HistoryReport.series {
                    let value =
                        row.headline.flatMap(series.value).map { HistoryReport.format($0, isRate: series.isRate) }
                        ?? "n/a"
                    body += "<td class=\"num\">\(value)</td>"
                }
                body +=
                    "<td>\(anchor("/trends", [("suite", run.suite), ("target", run.target.name)], "trends"))</td></tr>\n"
            }
            body += "</tbody></table></div>\n"
        }
        if !recent.isEmpty {
            body += "<h2>Recent runs</h2>\n<table>\n<thead><tr><th>Run</th><th>Suite</th><th>Target</th><th>Seed</th>"
            body += "<th>Status</th><th>Started (UTC)</th><th></th></tr></thead>\n<tbody>\n"
            for run in recent {
                body +=
                    "<tr><td>\(runLink(run))</td><td>\(h(run.suite))</td><td>\(h(run.target.name))</td><td>\(run.seed)</td>"
                body += "<td>\(h(run.status.rawValue))</td><td>\(h(run.startedAt))</td>"
                body += "<td>\(anchor("/search", [("run", run.name)], "conversations"))</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        return document(title: "Suites", body: body + "</div>\n")
    }
}

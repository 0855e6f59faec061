import ChorusScoring
import ChorusSpec
import ChorusStore
import Foundation

extension DashboardPage {
    /// A suite's runs against one target over time: a chart per headline figure (one line: this
    /// target), with intervals, the latest gate's bounds, failing runs marked and every point
    /// linking to its run; then the runs as a table.
    public static func trends(
        suite: String, target: String, runs: [RunRow], gate: [String: GateRule], baseline: Baseline?
    ) -> String {
        var body = "<div class=\"page\">\n<h1>\(h(suite)) <small>against \(h(target)) · \(runs.count) completed runs, "
        body += "oldest first</small></h1>\n"
        body += "<p class=\"muted\">Each point is a run (click it to open the run), with its 95% Wilson interval; "
        body +=
            "red points failed their gate; dashed lines are the latest run's gate bounds.</p>\n<div class=\"charts\">\n"
        let baselineHeadline = baseline.map { RunHeadline($0.summary) }
        for series in HistoryReport.series {
            var points: [TrendChart.Point] = []
            for (index, entry) in runs.enumerated() {
                guard let headline = entry.headline, let figure = series.figure(headline) else { continue }
                let time = TrendChart.time(entry.run.startedAt) ?? Date(timeIntervalSince1970: Double(index))
                points.append(
                    TrendChart.Point(
                        time: time, value: figure.value, low: figure.low, high: figure.high, passed: entry.passed,
                        link: link("/run", [("name", entry.run.name)]), label: entry.run.name))
            }
            var bounds: [TrendChart.Bound] = []
            if let rule = gate[series.metric] {
                if let min = rule.min { bounds.append(TrendChart.Bound(label: "gate min", value: min)) }
                if let max = rule.max { bounds.append(TrendChart.Bound(label: "gate max", value: max)) }
                if let reference = baselineHeadline.flatMap(series.value) {
                    if let drop = rule.maxDrop {
                        bounds.append(TrendChart.Bound(label: "baseline − max_drop", value: reference - drop))
                    }
                    if let rise = rule.maxRise {
                        bounds.append(TrendChart.Bound(label: "baseline + max_rise", value: reference + rise))
                    }
                }
            }
            let chart = TrendChart(
                title: series.name, isRate: series.isRate, lines: [TrendChart.Line(name: target, points: points)],
                bounds: bounds)
            body += chart.svg()
        }
        body +=
            "</div>\n<h2>Runs</h2>\n<table>\n<thead><tr><th>Run</th><th>Started (UTC)</th><th>Seed</th><th>n</th><th>Verdict</th>"
        body += HistoryReport.series.map { "<th>\(h($0.name))</th>" }.joined() + "<th></th></tr></thead>\n<tbody>\n"
        for (index, entry) in runs.enumerated().reversed() {
            body += "<tr><td>\(runLink(entry.run))</td><td>\(h(entry.run.startedAt))</td><td>\(entry.run.seed)</td>"
            body +=
                "<td class=\"num\">\(entry.headline.map { String($0.conversations) } ?? "")</td><td>\(verdict(entry.passed))</td>"
            for series in HistoryReport.series {
                let value =
                    entry.headline.flatMap(series.value).map { HistoryReport.format($0, isRate: series.isRate) }
                    ?? "n/a"
                body += "<td class=\"num\">\(value)</td>"
            }
            // Each run against the one before it: what changed since.
            let before =
                index > 0
                ? anchor("/diff", [("a", runs[index - 1].run.name), ("b", entry.run.name)], "diff vs previous") : ""
            body += "<td>\(before)</td></tr>\n"
        }
        body += "</tbody></table>\n"
        return document(title: "\(suite) · \(target)", body: body + "</div>\n")
    }
}

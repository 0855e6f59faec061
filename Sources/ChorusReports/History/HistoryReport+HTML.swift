import ChorusStore
import Foundation

extension HistoryReport {
    /// One self-contained page: a chart per headline figure over the runs' start times, one line
    /// per target, each rate with its 95% interval; and the table of runs.
    public func html() -> String {
        var body = "<h1>Chorus history · \(Escaping.html(suite))</h1>\n"
        body +=
            "<p>\(points.count) runs, oldest first, one line per target. Hover a point for its run.</p>\n<div class=\"charts\">\n"
        let headlines = points.map { RunHeadline($0.summary) }
        for series in Self.series {
            body += trendChart(series, headlines: headlines).svg()
        }
        body += "</div>\n<table><thead><tr><th>#</th><th>run</th><th>target</th><th>seed</th><th>n</th>"
        body += Self.series.map { "<th>\(Escaping.html($0.name))</th>" }.joined() + "</tr></thead><tbody>\n"
        for (number, point) in points.enumerated() {
            body +=
                "<tr><td>\(number + 1)</td><td>\(Escaping.html(point.run))</td><td>\(Escaping.html(point.target))</td>"
            body += "<td>\(point.seed)</td><td>\(point.summary.conversations)</td>"
            for series in Self.series {
                let value = series.value(headlines[number]).map { Self.format($0, isRate: series.isRate) } ?? "n/a"
                body += "<td class=\"num\">\(value)</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody></table>\n"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Chorus history · \(Escaping.html(suite))</title>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d2330; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; }
            \(TrendChart.styleSheet)
            table { border-collapse: collapse; margin-top: 24px; }
            th, td { border-bottom: 1px solid #e3e6ec; padding: 4px 8px; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            </style></head><body>
            \(body)</body></html>

            """
    }

    /// The chart of one figure: the points of each target in their own line, in run order.
    private func trendChart(_ series: Series, headlines: [RunHeadline]) -> TrendChart {
        var lines: [TrendChart.Line] = []
        for (index, point) in points.enumerated() {
            guard let figure = series.figure(headlines[index]) else { continue }
            let time = TrendChart.time(point.startedAt) ?? Date(timeIntervalSince1970: Double(index))
            let mark = TrendChart.Point(
                time: time, value: figure.value, low: figure.low, high: figure.high, label: point.run)
            if let line = lines.firstIndex(where: { $0.name == point.target }) {
                lines[line].points.append(mark)
            } else {
                lines.append(TrendChart.Line(name: point.target, points: [mark]))
            }
        }
        return TrendChart(title: series.name, isRate: series.isRate, lines: lines)
    }
}

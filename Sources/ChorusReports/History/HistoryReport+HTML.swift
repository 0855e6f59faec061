extension HistoryReport {
    /// One self-contained page: a line chart per headline figure, and the table of runs.
    public func html() -> String {
        var body = "<h1>Chorus history · \(Escaping.html(suite))</h1>\n"
        body += "<p>\(points.count) runs, oldest first. Hover a point for its run.</p>\n<div class=\"charts\">\n"
        for series in Self.series {
            body += chart(series, values: points.map { series.value($0.summary) })
        }
        body += "</div>\n<table><thead><tr><th>#</th><th>run</th><th>target</th><th>seed</th><th>n</th>"
        body += Self.series.map { "<th>\(Escaping.html($0.name))</th>" }.joined() + "</tr></thead><tbody>\n"
        for (number, point) in points.enumerated() {
            body += "<tr><td>\(number + 1)</td><td>\(Escaping.html(point.run))</td><td>\(Escaping.html(point.target))</td>"
            body += "<td>\(point.seed)</td><td>\(point.summary.conversations)</td>"
            for series in Self.series {
                let value = series.value(point.summary).map { Self.format($0, isRate: series.isRate) } ?? "n/a"
                body += "<td class=\"num\">\(value)</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody></table>\n"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Chorus history · \(Escaping.html(suite))</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d2330; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; }
            figure { margin: 0; border: 1px solid #d9dde5; border-radius: 6px; padding: 8px; }
            figcaption { font-weight: 600; margin-bottom: 4px; }
            table { border-collapse: collapse; margin-top: 24px; }
            th, td { border-bottom: 1px solid #e3e6ec; padding: 4px 8px; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            </style></head><body>
            \(body)</body></html>

            """
    }

    private func chart(_ series: Series, values: [Double?]) -> String {
        let width = 320.0
        let height = 140.0
        let pad = 28.0
        let top = max(values.compactMap { $0 }.max() ?? 0, series.isRate ? 0.01 : 0.001)
        let scale = (height - 2 * pad) / top
        let step = values.count > 1 ? (width - 2 * pad) / Double(values.count - 1) : 0
        var line: [String] = []
        var dots = ""
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            let x = (pad + Double(index) * step).rounded(toPlaces: 1)
            let y = (height - pad - value * scale).rounded(toPlaces: 1)
            line.append("\(x),\(y)")
            let label = "\(Escaping.html(points[index].run)): \(Self.format(value, isRate: series.isRate))"
            dots += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"3\" fill=\"#2f6fdf\"><title>\(label)</title></circle>"
        }
        return """
            <figure><figcaption>\(Escaping.html(series.name))</figcaption>
            <svg width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" role="img">
            <line x1="\(pad)" y1="\(height - pad)" x2="\(width - pad)" y2="\(height - pad)" stroke="#9aa3b2"/>
            <line x1="\(pad)" y1="\(pad)" x2="\(pad)" y2="\(height - pad)" stroke="#9aa3b2"/>
            <text x="2" y="\(pad - 6)" font-size="10" fill="#5b6475">\(Self.format(top, isRate: series.isRate))</text>
            <text x="2" y="\(height - pad + 12)" font-size="10" fill="#5b6475">0</text>
            <polyline fill="none" stroke="#2f6fdf" stroke-width="2" points="\(line.joined(separator: " "))"/>
            \(dots)
            </svg></figure>

            """
    }
}

import ChorusScoring

/// The HTML report's NLU sections beside the confusion matrix: the confidence histogram of
/// correct and wrong predictions, the threshold sweep with its recommendation, and the most
/// confused intent pairs with example utterances.
extension HTMLReporter {
    // MARK: - Confidence

    func confidenceSection(_ figures: ConfidenceFigures) -> String {
        var html = "<h2>Confidence <small>\(figures.turns) judged turns with a confidence · "
        html += "green: correct · red: wrong · dashed: recommended threshold</small></h2>\n"
        html += Self.confidenceHistogram(figures) + "\n"
        html += "<p>Recommended threshold <b>\(Figures.fixed(figures.recommendedThreshold, 2))</b>: it "
        html += "\(h(ConfidenceFigures.rule)); a turn below the threshold counts as a fallback.</p>\n"
        html += "<div class=\"scroll\"><table class=\"sweep\">\n<thead><tr><th>Threshold</th><th>Fallback rate</th>"
        html += "<th>Kept</th><th>Accuracy of kept</th><th>Correct − wrong</th></tr></thead>\n<tbody>\n"
        for point in figures.sweep {
            let best = point.threshold == figures.recommendedThreshold
            html += "<tr\(best ? " class=\"good\"" : "")><td class=\"num\">\(Figures.fixed(point.threshold, 2))</td>"
            html += "<td class=\"num\">\(Figures.rate(point.fallbackRate))</td><td class=\"num\">\(point.kept)</td>"
            html += "<td class=\"num\">\(point.keptAccuracy.map(Figures.rate) ?? "n/a")</td>"
            html += "<td class=\"num\">\(point.net)</td></tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    /// Two bars per 0.05 of confidence (correct, wrong), heights relative to the largest count,
    /// and the recommended threshold as a dashed line.
    static func confidenceHistogram(_ figures: ConfidenceFigures) -> String {
        let top = max(figures.histogram.map { max($0.correct, $0.wrong) }.max() ?? 0, 1)
        let left = 30.0
        let bottom = 170.0
        let height = 150.0
        let step = 30.0
        var svg = "<svg class=\"histogram\" viewBox=\"0 0 640 200\" width=\"640\" height=\"200\" role=\"img\" "
        svg += "aria-label=\"Confidence of correct and wrong predictions\">"
        svg += "<line x1=\"\(coordinate(left))\" x2=\"\(coordinate(left + 20 * step))\" y1=\"\(coordinate(bottom))\" "
        svg += "y2=\"\(coordinate(bottom))\" stroke=\"#90a4ae\"/>"
        for (k, bucket) in figures.histogram.enumerated() {
            let x = left + Double(k) * step
            for (offset, count, fill, noun) in [
                (2.0, bucket.correct, "#2e7d32", "correct"), (15.0, bucket.wrong, "#c62828", "wrong"),
            ]
            where count > 0 {
                let barHeight = max(1, height * Double(count) / Double(top))
                svg += "<rect x=\"\(coordinate(x + offset))\" y=\"\(coordinate(bottom - barHeight))\" width=\"13\" "
                svg += "height=\"\(coordinate(barHeight))\" fill=\"\(fill)\"><title>"
                svg +=
                    "\(Figures.fixed(bucket.low, 2))–\(Figures.fixed(bucket.high, 2)): \(count) \(noun)</title></rect>"
            }
            if k % 2 == 0 {
                svg +=
                    "<text x=\"\(coordinate(x))\" y=\"188\" text-anchor=\"middle\">\(Figures.fixed(bucket.low, 1))</text>"
            }
        }
        svg += "<text x=\"\(coordinate(left + 20 * step))\" y=\"188\" text-anchor=\"middle\">1.0</text>"
        let threshold = left + figures.recommendedThreshold * 20 * step
        svg +=
            "<line x1=\"\(coordinate(threshold))\" x2=\"\(coordinate(threshold))\" y1=\"10\" y2=\"\(coordinate(bottom))\" "
        svg += "stroke=\"#1f4e8c\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
        return svg + "</svg>"
    }

    // MARK: - Confused pairs

    func confusedPairsSection(_ pairs: [ConfusedPair]) -> String {
        var html =
            "<h2>Most confused <small>what the user meant → what the bot understood, with example utterances</small></h2>\n"
        html +=
            "<table>\n<thead><tr><th>Expected</th><th>Predicted</th><th>Turns</th><th>Examples</th></tr></thead>\n<tbody>\n"
        for pair in pairs.prefix(maxRows) {
            html +=
                "<tr><th>\(h(pair.expected))</th><td>\(h(pair.predicted))</td><td class=\"num\">\(pair.count)</td><td>"
            html += pair.examples.map { "<q>\(h($0))</q>" }.joined(separator: "<br>") + "</td></tr>\n"
        }
        return html + "</tbody></table>\n" + more(pairs.count - maxRows, "pairs")
    }
}

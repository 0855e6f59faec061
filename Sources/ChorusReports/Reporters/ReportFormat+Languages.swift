import ChorusScoring

extension ReportFormat {
    /// The column heads of the by-language table.
    static let languageHeader = [
        "language", "conversations", "completion", "intent accuracy", "fallback", "handoff", "abandonment",
    ]

    /// One row per language of a suite that mixes languages (two or more), in tag order; `nil`
    /// for a run in one language, whose figures are the headline rates already.
    static func languageRows(_ summary: Summary) -> [[String]]? {
        guard summary.languages.count >= 2 else { return nil }
        return summary.languages.keys.sorted().map { language in
            let figures = summary.languages[language]!
            let rate = { (metric: RateMetric?) in metric.map { Figures.rate($0.value) } ?? "n/a" }
            return [
                language, String(figures.conversations), rate(figures.completionRate), rate(figures.intentAccuracy),
                rate(figures.fallbackRate), rate(figures.handoffRate), rate(figures.abandonmentRate),
            ]
        }
    }
}

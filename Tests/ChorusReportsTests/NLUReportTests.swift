import ChorusModel
import ChorusReports
import ChorusScoring
import Foundation
import Testing

/// The NLU parts of the reports: confusion.csv, the confidence histogram and sweep, the heat map
/// of a run with many intents and the most confused pairs, with hand-computed expectations.
@Suite struct NLUReportTests {
    static func report(_ conversations: [ConversationRecord], failures: FailureAnalysis = FailureAnalysis())
        -> RunReport
    {
        let summary = Summary(
            suite: "nlu", target: TargetInfo(kind: "fake", name: "fake", detail: ""), seed: 1,
            aggregate: Aggregate(conversations))
        return RunReport(
            runName: "nlu-run", summary: summary, failures: failures, replayCommand: "chorus replay {i}",
            chorusVersion: "test")
    }

    static func turns(_ list: [(String, String, Double?)]) -> [ConversationRecord] {
        list.enumerated().map { offset, turn in
            ConversationRecord(
                index: offset, persona: "p", goal: turn.0, outcome: .completed,
                turns: [
                    TurnRecord(user: "u\(offset)", expectedIntent: turn.0, predictedIntent: turn.1, confidence: turn.2)
                ])
        }
    }

    @Test func confusionCSVIsTheSquareMatrixOverEveryLabel() {
        let csv = ConfusionCSVReporter().render(["b": ["b": 2, "a,x": 1, "nlu\"f": 1], "a,x": ["a,x": 3]])
        #expect(
            csv == """
                expected\\predicted,"a,x",b,"nlu""f"
                "a,x",3,0,0
                b,1,2,1
                "nlu""f",0,0,0

                """)
        #expect(ConfusionCSVReporter().render([:]) == "expected\\predicted\n")
        #expect(ReporterRegistry.reporter(for: "csv") is ConfusionCSVReporter)
        #expect(ConfusionCSVReporter.fileName == "confusion.csv")
    }

    @Test func confidenceHistogramAndSweepAreDrawn() {
        // Correct at 0.92 and 0.55; wrong at 0.15 and 0.30: the net peaks first at 0.35.
        let report = Self.report(Self.turns([("a", "a", 0.92), ("b", "b", 0.55), ("b", "a", 0.15), ("a", "b", 0.30)]))
        let html = HTMLReporter().render(report)
        #expect(html.contains("<section id=\"confidence\">"))
        #expect(html.contains("Recommended threshold <b>0.35</b>"))
        #expect(
            html.contains(
                "<tr class=\"good\"><td class=\"num\">0.35</td><td class=\"num\">50.0 %</td><td class=\"num\">2</td>"))
        // Bucket 3 (0.15–0.20), wrong bar: x = 30 + 3 × 30 + 15, full height (the largest count is 1).
        #expect(
            html.contains(
                "<rect x=\"135.0\" y=\"20.0\" width=\"13\" height=\"150.0\" fill=\"#c62828\"><title>0.15–0.20: 1 wrong</title></rect>"
            ))
        // Bucket 18 (0.90–0.95), correct bar: x = 30 + 18 × 30 + 2.
        #expect(html.contains("<rect x=\"572.0\" y=\"20.0\" width=\"13\" height=\"150.0\" fill=\"#2e7d32\">"))
        // The recommended threshold's line: x = 30 + 0.35 × 600.
        #expect(html.contains("<line x1=\"240.0\" x2=\"240.0\""))
        let json = JSONSummaryReporter().render(report)
        #expect(json.contains("\"recommended_threshold\" : 0.35"))
    }

    @Test func aRunWithoutConfidenceHasNoConfidenceSection() {
        let html = HTMLReporter().render(Self.report(Self.turns([("a", "a", nil)])))
        #expect(!html.contains("<section id=\"confidence\">"))
    }

    @Test func manyIntentsShowTheRowsWithTheMostErrors() throws {
        var list: [(String, String, Double?)] = Array(repeating: ("big", "big", nil), count: 10)
        list += Array(repeating: ("mid", "mid", nil), count: 5) + Array(repeating: ("mid", "small", nil), count: 3)
        list += [("small", "small", nil), ("small", "mid", nil)]
        let report = Self.report(Self.turns(list))
        let page = HTMLReporter(maxConfusionLabels: 2).render(report)
        let start = try #require(page.range(of: "<section id=\"confusion\">"))
        let end = try #require(page[start.upperBound...].range(of: "</section>"))
        let capped = String(page[start.lowerBound..<end.upperBound])
        #expect(capped.contains("<tr><th>mid</th>") && capped.contains("<tr><th>small</th>"))
        #expect(!capped.contains("<tr><th>big</th>"))
        #expect(capped.contains("… 1 more expected intents (those with the fewest errors; confusion.csv has them all)"))
        // Below the cap every row shows, the largest first, with no note.
        let full = HTMLReporter().render(report)
        #expect(full.contains("<tr><th>big</th>"))
        #expect(!full.contains("fewest errors"))
    }

    @Test func confusedPairsAreListedEscaped() {
        let pairs = [
            ConfusedPair(
                expected: "<b>refund</b>", predicted: "cancel", count: 2, examples: ["<script>x</script>", "ok"])
        ]
        let html = HTMLReporter().render(
            Self.report(Self.turns([("a", "b", nil)]), failures: FailureAnalysis(confusedPairs: pairs)))
        #expect(html.contains("<section id=\"confused\">"))
        #expect(
            html.contains(
                "<tr><th>&lt;b&gt;refund&lt;/b&gt;</th><td>cancel</td><td class=\"num\">2</td><td><q>&lt;script&gt;x&lt;/script&gt;</q><br><q>ok</q></td></tr>"
            ))
        #expect(!html.contains("<script"))
    }
}

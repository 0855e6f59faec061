import ChorusModel
import ChorusScoring
import ChorusSpec
import Foundation
import Testing

@testable import ChorusReports

/// One formatting of rates and deltas in every view of a run.
@Suite struct FiguresTests {
    /// A run that completed 1877 of 2000 conversations (93.85 %, half-way at one decimal), against
    /// a baseline of 1950 of 2000, judged by a gate with an absolute and a relative rule.
    static func report() -> RunReport {
        var aggregate = Aggregate()
        aggregate.conversations = 2000
        aggregate.userTurns = 2000
        aggregate.outcomes.completed = 1877
        aggregate.outcomes.abandoned = 123
        aggregate.goals["refund"] = aggregate.outcomes
        let target = TargetInfo(kind: "reference", name: "acme", detail: "")
        let current = Summary(suite: "s", target: target, seed: 1, aggregate: aggregate)
        aggregate.outcomes = OutcomeCounts(completed: 1950, abandoned: 50)
        aggregate.goals["refund"] = aggregate.outcomes
        let before = Summary(suite: "s", target: target, seed: 1, aggregate: aggregate)
        let gate = ["completion_rate": GateRule(min: 0.9, maxDrop: 0.01)]
        let diff = BaselineDiffer(gate: gate).diff(
            baseline: Baseline(suite: "s", suiteHash: "h", summary: before, failureClusters: []), current: current)
        return RunReport(
            runName: "r", summary: current, diff: diff,
            verdict: GateEvaluator(rules: gate).evaluate(current, diff: diff),
            replayCommand: "chorus replay {i}", chorusVersion: "0")
    }

    @Test func theSameRateReadsTheSameInEveryView() throws {
        let report = Self.report()
        let verdict = try #require(report.verdict)
        #expect(Figures.rate(0.9385) == "93.9 %")
        let views = [
            "text": TextSummaryReporter().render(report.summary, status: report.status),
            "md": MarkdownReporter().render(report),
            "html": HTMLReporter().render(report),
            "junit": JUnitReporter().render(report),
            "gate": verdict.checks.map(\.detail).joined(separator: "\n"),
        ]
        for (name, text) in views {
            #expect(text.contains("93.9 %"), "\(name) shows completion as 93.9 %")
            #expect(!text.contains("93.8 %") && !text.contains("93.85"), "\(name) rounds like the others")
        }
        // Changes are in percentage points everywhere, with the same interval.
        let delta = try #require(report.diff?.metrics.first { $0.name == "completion_rate" })
        let change = Figures.change(of: "completion_rate", delta.delta, low: delta.low, high: delta.high)
        #expect(change.hasPrefix("-3.6 pp ["))
        for (name, text) in views where name != "text" {
            #expect(!text.contains(" pt"), "\(name) says pp, not pt")
        }
        #expect(views["gate"]!.contains(change))
        #expect(views["md"]!.contains(change))
        #expect(views["html"]!.contains(change))
        #expect(views["gate"]!.contains("max_drop 1.0 pp"))
        #expect(views["gate"]!.contains("93.9 % ≥ min 90.0 %"))
    }

    @Test func helpersRoundHalfAwayFromZeroAndSignChanges() {
        #expect(Figures.fixed(2.5, 0) == "3" && Figures.fixed(-2.5, 0) == "-3")
        #expect(Figures.fixed(-0.04, 1) == "0.0")
        #expect(Figures.rate(0.7123) == "71.2 %")
        #expect(Figures.points(0.015) == "+1.5 pp")
        #expect(Figures.points(-0.0004) == "0.0 pp")
        #expect(Figures.interval(0.683, 0.739) == "[68.3, 73.9]")
        #expect(Figures.interval(-0.11, -0.052, signed: true) == "[-11.0, -5.2]")
        #expect(Figures.change(of: "refund.recall", -0.081, low: -0.11, high: -0.052) == "-0.081 [-0.110, -0.052]")
        #expect(Figures.change(of: "latency_p95_ms", 12, low: nil, high: nil) == "+12.00 ms")
        #expect(Figures.value(of: "intent_f1", 0.8604) == "0.860")
        #expect(Figures.tolerance(of: "latency_p95_ms", 0.5) == "50.0 % of the baseline")
    }
}

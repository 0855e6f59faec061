import ChorusModel
import ChorusScoring
import ChorusSpec
import ChorusStore
import Foundation
import Testing

@testable import ChorusReports

/// Every output states the run's status; a run the gate did not judge never reads as one without a gate.
@Suite struct ReportStatusTests {
    static func run(_ status: RunStatus, shard: String? = nil) -> StoredRun {
        StoredRun(
            id: 1, name: "acme-run", suite: "acme", suiteHash: "h", suitePath: "Scenarios/acme", targetPath: "t.yaml",
            target: ReportFixtures.targetB, seed: 42, conversations: 2000, shard: shard, chorusVersion: "0",
            startedAt: "2026-01-01T00:00:00Z", status: status)
    }

    static func report(_ run: StoredRun, stopReason: String? = nil, gate: [String: GateRule]) -> RunReport {
        RunReport(
            run: run, status: ReportStatus(run: run, stopReason: stopReason),
            aggregate: Aggregate(ReportFixtures.conversations), failures: ReportFixtures.failures, gate: gate,
            baseline: nil,
            chorusVersion: "0")
    }

    static let gate = ["completion_rate": GateRule(min: 0.99)]

    static func summaryJSON(_ report: RunReport) throws -> [String: Any] {
        let text = JSONSummaryReporter().render(report)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func anInterruptedRunIsPartialAndNotJudgedInEveryOutput() throws {
        let report = Self.report(Self.run(.interrupted), stopReason: "interrupted by Ctrl-C", gate: Self.gate)
        #expect(report.verdict == nil, "the gate does not judge a partial run")
        let line = "partial: 10 of 2000 planned conversations ran (interrupted by Ctrl-C); not judged"
        #expect(report.status.line(conversations: 10) == line)

        let junit = JUnitReporter().render(report)
        #expect(junit.contains("<skipped message=\"not judged: \(line)\"/>"))
        #expect(!junit.contains("defines no release gate"))
        let markdown = MarkdownReporter().render(report)
        #expect(markdown.contains(line))
        #expect(markdown.contains("Not judged"))
        #expect(!markdown.contains("defines no release gate"))
        let html = HTMLReporter().render(report)
        #expect(html.contains("<strong>Not judged</strong>"))
        #expect(html.contains(line))
        let text = TextSummaryReporter().render(report.summary, status: report.status)
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("  status ") && $0.hasSuffix(line) })
        let status = try #require(try Self.summaryJSON(report)["status"] as? [String: Any])
        #expect(status["state"] as? String == "partial")
        #expect(status["judged"] as? Bool == false)
        #expect(status["planned"] as? Int == 2000)
        #expect(status["reason"] as? String == "interrupted by Ctrl-C")
        #expect(try Self.summaryJSON(report)["verdict"] == nil)
    }

    @Test func aKilledRunReadFromTheStoreIsPartial() {
        let report = Self.report(Self.run(.running), gate: Self.gate)
        #expect(report.status.state == .partial)
        #expect(report.verdict == nil)
        #expect(report.status.reason?.contains("has not finished") == true)
    }

    @Test func aShardIsNotJudgedUntilMerged() throws {
        let report = Self.report(Self.run(.completed, shard: "2/8"), gate: Self.gate)
        #expect(report.status.state == .shard)
        #expect(report.verdict == nil)
        #expect(
            JUnitReporter().render(report).contains(
                "not judged: shard: 10 of 2000 planned conversations ran (shard 2/8"))
        #expect(try Self.summaryJSON(report)["status"].flatMap { $0 as? [String: Any] }?["state"] as? String == "shard")
    }

    @Test func aCompleteRunIsJudgedAndWithoutAGateSaysSo() throws {
        let judged = Self.report(Self.run(.completed), gate: Self.gate)
        #expect(judged.status == .complete(planned: 2000))
        #expect(judged.verdict?.passed == false)
        let status = try #require(try Self.summaryJSON(judged)["status"] as? [String: Any])
        #expect(status["state"] as? String == "complete" && status["judged"] as? Bool == true)
        #expect(status["reason"] is NSNull)

        let ungated = Self.report(Self.run(.completed), gate: [:])
        #expect(ungated.verdict == nil)
        #expect(JUnitReporter().render(ungated).contains("<skipped message=\"the suite defines no release gate\"/>"))
        #expect(MarkdownReporter().render(ungated).contains("No gate — the suite defines no release gate"))
    }
}

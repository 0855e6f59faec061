import ChorusModel
import ChorusScoring
import ChorusStore
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusServer

/// The dashboard's routing in process: form queries as browsers send them, answers to bad
/// requests, and the verdict of a run stored without one (judged again from what it stored).
@Suite struct DashboardSiteTests {
    @Test func formQueriesDecodePlusAsSpaceAndPercentAsUTF8() {
        let parsed = FormQuery.parse("q=a+b%2Bc&x=%E2%9C%93&q=second&bad=%zz&empty=&flag")
        #expect(parsed == ["q": "a b+c", "x": "✓", "empty": "", "flag": ""])
    }

    static func store() throws -> (ResultStore, StoredRun) {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory("chorus-dashboard-site") + "/results.sqlite")
        let run = try store.createRun(
            StoredRun(
                name: "r1", suite: "shop", suiteHash: "h", suitePath: "s", targetPath: "t.yaml",
                target: TargetInfo(kind: "reference", name: "acme", detail: ""), seed: 1, conversations: 4,
                chorusVersion: "test", startedAt: "2026-01-01T00:00:00Z"))
        let records = (0..<4).map { i in
            ConversationRecord(
                index: i, persona: "calm", goal: "hours", outcome: i == 0 ? .completed : .abandoned,
                turns: [TurnRecord(user: "hours?", bot: ["<b>closed</b>"], latencyMs: 2)])
        }
        try store.append(records, run: run.id)
        // Judged by a gate but finished without a stored verdict, as a merged run is.
        try store.setJudgement(runID: run.id, gate: #"{"completion_rate":{"min":0.5}}"#, baseline: nil)
        try store.finishRun(
            id: run.id, status: .completed, endedAt: "2026-01-01T00:01:00Z", aggregate: Aggregate(records))
        return (store, try #require(try store.run(named: "r1")))
    }

    @Test func badRequestsAreAnsweredWithTheirStatus() throws {
        let (store, _) = try Self.store()
        let dashboard = Dashboard(store: store, chorusVersion: "test")
        #expect(dashboard.page("/nope", [:]).status == 404)
        #expect(dashboard.page("/run", ["name": "missing"]).status == 404)
        #expect(dashboard.page("/trends", [:]).status == 400)
        #expect(dashboard.page("/search", ["run": "r1", "outcome": "sideways"]).status == 400)
        #expect(dashboard.page("/search", ["run": "r1", "after": "-3"]).status == 400)
        #expect(dashboard.page("/conversation", ["run": "r1", "at": "9"]).status == 404)
        // A position at the end of the integers is past every conversation, not an overflow.
        let last = dashboard.page("/search", ["run": "r1", "after": "\(Int.max).\(Int.max)"])
        #expect(last.status == 200 && last.html.contains("id=\"no-results\""))
        let search = dashboard.page("/search", ["run": "r1", "q": "<b>closed"])
        #expect(search.status == 200 && search.html.contains("at=3"))
    }

    @Test func aRunWithoutAStoredVerdictIsJudgedAgainFromItsGate() throws {
        let (store, run) = try Self.store()
        let dashboard = Dashboard(store: store, chorusVersion: "test")
        #expect(try dashboard.verdict(of: run, stored: nil) == false, "completion 25 % < min 50 %")
        let front = dashboard.page("/", [:])
        #expect(front.status == 200 && front.html.contains("✘ FAIL"))
    }
}

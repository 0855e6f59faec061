import ChorusModel
import ChorusReports
import ChorusScoring
import ChorusSpec
import ChorusStore
import Foundation
import Testing

/// The dashboard's pages, rendered from data: hostile names and texts show as text, links are
/// encoded, trends draw one line per target over real time with intervals, gate bounds and
/// failing runs marked.
@Suite struct DashboardPageTests {
    static let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"

    static func run(_ name: String, target: String = "acme-v1", startedAt: String = "2026-01-01T00:00:00Z") -> StoredRun
    {
        StoredRun(
            name: name, suite: "shop", suiteHash: "h", suitePath: "Scenarios/shop", targetPath: "t.yaml",
            target: TargetInfo(kind: "reference", name: target, detail: ""), seed: 1, conversations: 10,
            chorusVersion: "test", startedAt: startedAt, status: .completed)
    }

    static func headline(completion: Int, of n: Int) -> RunHeadline {
        RunHeadline(
            conversations: n, rates: ["completion_rate": RateMetric(successes: completion, trials: n)!],
            latencyMs: Summary.Latency(p50: 10, p90: 20, p95: 30, p99: 40, max: 50))
    }

    /// No markup of the template contains a script or an image: any occurrence was injected.
    static func expectInert(_ html: String, _ page: String) {
        #expect(!html.contains("<script"), "\(page)")
        #expect(!html.contains("<img"), "\(page)")
        #expect(!html.contains("onerror=alert(2)>"), "\(page)")
    }

    @Test func hostileNamesAndTextsShowAsTextOnEveryPage() {
        let hostile = Self.run(Self.evil, target: Self.evil)
        let record = ConversationRecord(
            index: 3, persona: Self.evil, goal: Self.evil, outcome: .abandoned,
            turns: [TurnRecord(user: Self.evil, bot: [Self.evil], latencyMs: 1)])
        let pages = [
            (
                "suites",
                DashboardPage.suites(
                    [.init(run: hostile, headline: Self.headline(completion: 1, of: 2), passed: false)],
                    recent: [hostile])
            ),
            (
                "trends",
                DashboardPage.trends(
                    suite: Self.evil, target: Self.evil,
                    runs: [.init(run: hostile, headline: Self.headline(completion: 1, of: 2), passed: true)],
                    gate: [:], baseline: nil)
            ),
            ("run", DashboardPage.run(ReportFixtures.hostileReport, run: hostile)),
            ("failures", DashboardPage.failures(ReportFixtures.hostileReport, run: hostile)),
            ("conversation", DashboardPage.conversation(record, run: hostile)),
            (
                "search",
                DashboardPage.search(
                    run: hostile, runs: [hostile], query: ConversationQuery(text: Self.evil, goal: Self.evil),
                    page: ConversationPage(
                        hits: [
                            .init(
                                position: ConversationPosition(index: 3), persona: Self.evil, goal: Self.evil,
                                outcome: .abandoned, turns: 1, language: Self.evil)
                        ],
                        next: ConversationPosition(index: 3), examinedThrough: 3))
            ),
            ("diff", DashboardPage.diff(a: hostile, b: hostile, runs: [hostile], report: ReportFixtures.hostileReport)),
            ("not found", DashboardPage.notFound(Self.evil)),
        ]
        for (name, html) in pages {
            Self.expectInert(html, name)
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || html.contains("%3Cscript%3E"), "\(name)")
        }
    }

    @Test func linksArePercentEncodedThenEscaped() {
        #expect(
            DashboardPage.link("/search", [("run", "a b&c"), ("q", "x+y=z/é"), ("goal", nil), ("persona", "")])
                == "/search?run=a%20b%26c&q=x%2By%3Dz%2F%C3%A9")
        let html = DashboardPage.search(
            run: Self.run("r&1"), runs: [], query: ConversationQuery(),
            page: ConversationPage(hits: [], next: nil, examinedThrough: 0))
        #expect(html.contains("href=\"/run?name=r%261\"") || html.contains("value=\"r&amp;1\""))
    }

    @Test func theContentSecurityPolicyAllowsNoScript() {
        let policy = DashboardPage.contentSecurityPolicy
        #expect(policy.hasPrefix("default-src 'none'"))
        #expect(!policy.contains("script-src") && !policy.contains("unsafe-eval"))
        #expect(policy.contains("frame-ancestors 'none'") && policy.contains("form-action 'self'"))
    }

    @Test func aTrendIsOneLineOverRealTimeWithIntervalsBoundsAndFailingRunsMarked() {
        let runs = [
            DashboardPage.RunRow(
                run: Self.run("r1", startedAt: "2026-01-01T00:00:00Z"),
                headline: Self.headline(completion: 90, of: 100), passed: true),
            DashboardPage.RunRow(
                run: Self.run("r2", startedAt: "2026-01-01T01:00:00Z"),
                headline: Self.headline(completion: 50, of: 100), passed: false),
            DashboardPage.RunRow(
                run: Self.run("r3", startedAt: "2026-01-03T00:00:00Z"),
                headline: Self.headline(completion: 88, of: 100), passed: true),
        ]
        let html = DashboardPage.trends(
            suite: "shop", target: "acme-v1", runs: runs, gate: ["completion_rate": GateRule(min: 0.6, maxDrop: 0.05)],
            baseline: nil)
        let completion = String(html[html.range(of: "<figcaption>completion</figcaption>")!.lowerBound...])
        let chart = String(completion[..<completion.range(of: "</figure>")!.upperBound])
        #expect(chart.components(separatedBy: "<polyline").count == 2, "one line: one target")
        #expect(chart.components(separatedBy: "class=\"interval\"").count == 4, "each run's interval")
        #expect(chart.components(separatedBy: "class=\"point failed\"").count == 2, "the failing run is marked")
        #expect(chart.contains("href=\"/run?name=r2\""))
        #expect(chart.contains("gate min 60.0 %"))
        #expect(chart.contains("2026-01-01 00:00 UTC") && chart.contains("2026-01-03 00:00 UTC"))
        // Real time: r2 is an hour after r1 and r3 two days later, so r2 sits near r1, not midway.
        let xs = chart.matches(of: /<circle class="point[^"]*" cx="([0-9.]+)"/).map { Double($0.1)! }
        #expect(xs.count == 3)
        #expect(xs[1] - xs[0] < (xs[2] - xs[0]) / 10)
    }

    @Test func historyDrawsOneLinePerTargetNeverAZigZagAcrossTargets() {
        let summary = ReportFixtures.summary
        let points = (0..<4).map { i in
            HistoryReport.Point(
                run: "run-\(i)", target: i % 2 == 0 ? "acme-v1" : "acme-v2", seed: 1,
                startedAt: "2026-01-0\(i + 1)T00:00:00Z", summary: summary)
        }
        let html = HistoryReport(suite: "shop", points: points).html()
        let completion = String(html[html.range(of: "<figcaption>completion</figcaption>")!.lowerBound...])
        let chart = String(completion[..<completion.range(of: "</figure>")!.upperBound])
        #expect(chart.contains("data-target=\"acme-v1\"") && chart.contains("data-target=\"acme-v2\""))
        #expect(chart.components(separatedBy: "<polyline").count == 3, "two lines, one per target")
    }
}

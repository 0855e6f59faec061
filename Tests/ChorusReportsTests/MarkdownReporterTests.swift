import ChorusModel
import ChorusReports
import ChorusScoring
import ChorusTargets
import Testing

@Suite struct MarkdownReporterTests {
    let reporter = MarkdownReporter()

    @Test func failedGateHeadlineNamesTheFailedRules() throws {
        let text = reporter.render(ReportFixtures.report)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("### ❌ Gate failed — 2 of 3 rules: `completion_rate.max_drop`, `fallback_rate.max`"))
        #expect(
            lines.contains {
                $0.hasPrefix("- `completion_rate.max_drop`: completion\\_rate 50.0 % vs baseline 80.0 %: -30.0 pp")
            })
        // The verdict comes before every table.
        let verdict = try #require(text.range(of: "Gate failed"))
        let table = try #require(text.range(of: "| Metric"))
        #expect(table.lowerBound > verdict.lowerBound)
    }

    @Test func passAndNoGateHeadlines() {
        var report = ReportFixtures.report
        report.verdict = GateVerdict(checks: [ReportFixtures.verdict.checks[0]])
        #expect(reporter.render(report).contains("### ✅ Pass — all 1 gate rule passed"))
        report.verdict = nil
        let text = reporter.render(report)
        #expect(text.contains("### ➖ No gate"))
        #expect(text.contains("significant regressions against the baseline"))
    }

    @Test func ratesCarryIntervalsBaselineAndMarkedDeltas() {
        let text = reporter.render(ReportFixtures.report)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("| Metric | Value | 95% interval | n | Baseline | Δ [95% interval] |  |"))
        #expect(
            lines.contains {
                $0.hasPrefix("| Completion | 44.4 % | [")
                    && $0.contains("| 80.0 % | -30.0 pp [-52.0, -8.0] | ❌ regression |")
            })
        #expect(lines.contains { $0.hasPrefix("| Handoff | 11.1 %") && $0.hasSuffix("|  |") })
        #expect(lines.contains("| Latency p95 | 30.00 ms | — | — | 18.50 ms | +11.50 ms |  |"))
        // Without a diff: no baseline columns.
        let plain = reporter.render(ReportFixtures.plainReport)
        #expect(plain.contains("| Metric | Value | 95% interval | n |\n"))
        #expect(!plain.contains("Baseline"))
    }

    @Test func intentsClustersUtterancesAbandonmentComparisonAndLatency() {
        let text = reporter.render(ReportFixtures.report)
        #expect(text.contains("| refund | 1.000 | 0.333 | 0.500 | 6 | — | -0.617 ❌ regression | -0.450 ❌ regression |"))
        #expect(text.contains("`chorus replay Scenarios/acme --target Fixtures/targets/acme-v2.yaml --conversation 1`"))
        #expect(text.contains("| 1 🆕 | 2 | refund | abandoned | 1 |"))
        #expect(text.contains("| 2 | refund my &lt;order&gt; |"))
        #expect(text.contains("| refund | 2 | 4 | 50.0 % | request (2) | 2 (2) |"))
        #expect(text.contains("McNemar p = 1.000"))
        #expect(text.contains("<details><summary>#5 · refund · calm · A completed → B abandoned</summary>"))
        #expect(text.contains("| p50 | p90 | p95 | p99 | max |"))
    }

    @Test func untrustedTextCannotBreakTablesOrInjectHTML() {
        let text = reporter.render(ReportFixtures.hostileReport)
        // Code spans show their content literally (GitHub escapes it), so only text outside them
        // could inject markup.
        let outsideCode = Self.removingCodeSpans(text)
        #expect(!outsideCode.contains("<script"))
        #expect(!outsideCode.contains("<img"))
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Every table row keeps its column count: no raw `|` or newline leaks from a cell.
        for table in text.components(separatedBy: "\n\n") where table.hasPrefix("| ") {
            let rows = table.split(separator: "\n").filter { $0.hasPrefix("|") }
            let counts = Set(rows.map { Self.cellCount(String($0)) })
            #expect(counts.count == 1, "ragged table:\n\(table)")
        }
    }

    @Test func staysUnderTheCommentLimitHoweverLargeTheRun() {
        let report = Self.hugeReport(5_000)
        let text = reporter.render(report)
        #expect(text.count < 60_000)
        #expect(text.utf16.count < 60_000)
        #expect(text.contains("### ❌ Gate failed — 5000 of 5000 rules"))
        #expect(text.contains("… 4985 more intents"))
        #expect(text.contains("… 4985 more clusters"))
        #expect(text.contains("more flipped conversations"))
        #expect(text.hasSuffix("full report: report.html</sub>\n"))
        // Opened `<details>` blocks are all closed.
        #expect(text.components(separatedBy: "<details>").count == text.components(separatedBy: "</details>").count)
    }

    @Test func aTinyBudgetStillKeepsTheVerdict() {
        let text = MarkdownReporter(characterBudget: 2_000).render(Self.hugeReport(200))
        #expect(text.utf16.count < 2_000)
        #expect(text.contains("Gate failed"))
        #expect(text.contains("section is left out"))
    }

    /// `text` without its code spans (a run of N unescaped backticks up to the next run of N).
    static func removingCodeSpans(_ text: String) -> String {
        let characters = Array(text)
        var out = ""
        var i = 0
        while i < characters.count {
            if characters[i] == "\\", i + 1 < characters.count {
                out.append(characters[i])
                out.append(characters[i + 1])
                i += 2
                continue
            }
            guard characters[i] == "`" else {
                out.append(characters[i])
                i += 1
                continue
            }
            var fence = 0
            while i + fence < characters.count, characters[i + fence] == "`" { fence += 1 }
            var j = i + fence
            var closed = false
            while j < characters.count {
                var run = 0
                while j + run < characters.count, characters[j + run] == "`" { run += 1 }
                if run == fence {
                    closed = true
                    break
                }
                j += max(run, 1)
            }
            if closed {
                i = j + fence
            } else {
                out += String(characters[i..<(i + fence)])
                i += fence
            }
        }
        return out
    }

    /// Cells of a Markdown table row, not counting escaped pipes.
    static func cellCount(_ row: String) -> Int {
        var count = 0
        var escaped = false
        for character in row {
            if character == "|" && !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }

    /// A report with `n` intents, clusters, utterances, goals, gate rules and flips, with long texts.
    static func hugeReport(_ n: Int) -> RunReport {
        var report = ReportFixtures.report
        let long = String(repeating: "very long reply | with `ticks` <b> ", count: 40)
        report.summary.intents = Dictionary(
            uniqueKeysWithValues: (0..<n).map {
                (
                    "intent_\($0)_" + String(repeating: "x", count: 50),
                    IntentScores(precision: 0.5, recall: 0.5, f1: 0.5, support: $0 + 1)
                )
            })
        report.diff?.intents = (0..<n).map {
            MetricDelta(
                name: "intent_\($0).f1", baseline: 0.9, current: 0.5, low: -0.5, high: -0.3, pValue: 0.001,
                higherIsBetter: true, tolerance: 0.05, significant: true)
        }
        report.diff?.confusionMoves = (0..<n).map {
            ConfusionMove(expected: "intent_\($0)", predicted: "other", baselineShare: 0.1, currentShare: 0.5)
        }
        report.verdict = GateVerdict(
            checks: (0..<n).map {
                GateCheck(metric: "metric_\($0)", kind: .max, threshold: 0, actual: 1, passed: false, detail: long)
            })
        let record = ConversationRecord(
            index: 0, persona: "p", goal: "g", outcome: .abandoned,
            turns: (0..<60).map { _ in
                TurnRecord(user: long, expectedIntent: "a", predictedIntent: "b", bot: [long, long])
            })
        report.failures = FailureAnalysis(
            clusters: (0..<n).map {
                FailureCluster(
                    signature: FailureSignature(
                        goal: "goal_\($0)", outcome: .abandoned, turn: 2, expectedIntent: "a", predictedIntent: "b",
                        reply: long), count: n - $0, example: record)
            },
            failingConversations: n * 10,
            fallbackUtterances: (0..<n).map { UtteranceCount(text: long, count: n - $0) },
            abandonment: Dictionary(
                uniqueKeysWithValues: (0..<n).map {
                    (
                        "goal_\($0)",
                        AbandonmentFunnel(
                            conversations: 10, abandoned: 5, byTurn: [1: 2, 2: 3], byStage: ["a": 1, "b": 4])
                    )
                }))
        report.comparison?.flips = (0..<n).map {
            Flip(index: $0, a: record, b: record, replayA: long, replayB: long)
        }
        return report
    }
}

import ChorusModel
import ChorusReports
import ChorusScoring
import ChorusSpec
import Testing

/// A transport fault is an error, never a change in the bot: behavioural rates leave out the
/// conversations the network broke off, and the error rate alone counts them.
@Suite struct TransportErrorScoringTests {
    static let info = TargetInfo(kind: "fake", name: "t", detail: "")

    /// `completed` completed conversations of two turns, one of them a fallback for `fallbacks` of
    /// them, and `errors` conversations whose second turn failed after a fallback on the first.
    static func records(completed: Int, fallbacks: Int, errors: Int) -> [ConversationRecord] {
        var records: [ConversationRecord] = []
        for index in 0..<completed {
            records.append(
                ConversationRecord(
                    index: index, persona: "calm", goal: "hours", outcome: .completed,
                    turns: [
                        TurnRecord(
                            user: "hours", expectedIntent: "hours",
                            predictedIntent: index < fallbacks ? "nlu_fallback" : "hours",
                            fallback: index < fallbacks, latencyMs: 10),
                        TurnRecord(
                            user: "thanks", expectedIntent: "goodbye", predictedIntent: "goodbye", latencyMs: 10),
                    ]))
        }
        for index in completed..<(completed + errors) {
            records.append(
                ConversationRecord(
                    index: index, persona: "calm", goal: "hours", outcome: .error,
                    turns: [
                        TurnRecord(
                            user: "hours", expectedIntent: "hours", predictedIntent: "nlu_fallback", fallback: true,
                            latencyMs: 10, dialogueFailures: [.loop]),
                        TurnRecord(
                            user: "hours?", expectedIntent: "hours", latencyMs: 3, error: .httpStatus,
                            errorDetail: "HTTP 500"),
                    ]))
        }
        return records
    }

    @Test func behaviouralRatesLeaveOutConversationsEndedByATransportError() throws {
        let summary = Summary(
            suite: "s", target: Self.info, seed: 1,
            aggregate: Aggregate(Self.records(completed: 90, fallbacks: 9, errors: 10)))
        #expect(summary.conversations == 100)
        #expect(summary.outcomes.error == 10)
        let metrics = summary.metrics
        #expect(metrics.errorRate?.successes == 10 && metrics.errorRate?.n == 100)
        #expect(metrics.completionRate?.value == 1.0 && metrics.completionRate?.n == 90)
        #expect(metrics.fallbackRate?.successes == 9 && metrics.fallbackRate?.n == 180)
        #expect(metrics.conversationFallbackRate?.n == 90)
        #expect(metrics.handoffRate?.n == 90 && metrics.abandonmentRate?.n == 90)
        #expect(metrics.intentAccuracy?.n == 180 && metrics.intentAccuracy?.successes == 171)
        #expect(metrics.dialogueFailureRate?.successes == 0 && metrics.dialogueFailureRate?.n == 90)
        #expect(summary.dialogueFailures["loop"]?.conversations == 0)
        #expect(summary.errors == ["http_status": 10])
        // The reply the errored conversations did get still counts for latency.
        #expect(summary.latencyMs != nil)
        #expect(summary.goals["hours"]?.error == 10)
        #expect(summary.goals["hours"]?.completionShare == 1.0)
    }

    /// The 10 %-HTTP-500 proxy: against a baseline of the same bot without faults, completion
    /// does not regress; the error rate rises, and its own rule says so.
    @Test func aFlakyProxyIsNotACompletionRegression() throws {
        let clean = Summary(
            suite: "s", target: Self.info, seed: 1,
            aggregate: Aggregate(Self.records(completed: 900, fallbacks: 90, errors: 0)))
        let flaky = Summary(
            suite: "s", target: Self.info, seed: 1,
            aggregate: Aggregate(Self.records(completed: 810, fallbacks: 81, errors: 90)))
        let gate = [
            "completion_rate": GateRule(maxDrop: 0.02), "fallback_rate": GateRule(maxRise: 0.02),
            "error_rate": GateRule(maxRise: 0.02),
        ]
        let baseline = Baseline(suite: "s", suiteHash: "h", summary: clean, failureClusters: [])
        let diff = BaselineDiffer(gate: gate).diff(baseline: baseline, current: flaky)
        let completion = try #require(diff.delta(named: "completion_rate"))
        #expect(!completion.regression && completion.delta == 0)
        #expect(diff.delta(named: "fallback_rate")?.regression == false)
        let verdict = GateEvaluator(rules: gate).evaluate(flaky, diff: diff)
        #expect(verdict.failures.map(\.name) == ["error_rate.max_rise"])
    }

    /// A rule on a metric the run has no value for is reported as not evaluated — neither passed
    /// nor failed.
    @Test func aRuleOnAnUnavailableMetricIsNotEvaluated() throws {
        let textOnly = ConversationRecord(
            index: 0, persona: "calm", goal: "hours", outcome: .completed,
            turns: [TurnRecord(user: "hours", expectedIntent: "hours", latencyMs: 5)])
        let summary = Summary(suite: "s", target: Self.info, seed: 1, aggregate: Aggregate([textOnly]))
        #expect(summary.metrics.intentAccuracy == nil)
        let verdict = GateEvaluator(rules: [
            "intent_accuracy": GateRule(min: 0.9), "completion_rate": GateRule(min: 0.5),
        ])
        .evaluate(summary, diff: nil)
        let check = try #require(verdict.checks.first { $0.metric == "intent_accuracy" })
        #expect(!check.evaluated && !check.passed && check.result == "not evaluated")
        #expect(check.detail.contains("not available"))
        #expect(verdict.passed)
        #expect(verdict.failures.isEmpty)
        #expect(verdict.passLine == "1 gate rule passed, 1 not evaluated (intent_accuracy.min: metric not available)")
    }
}

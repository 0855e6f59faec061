import ChorusModel
import ChorusScoring
import ChorusSpec
import ChorusTargets
import Testing

@testable import ChorusReports

/// Summaries built from counts, to test the diff and the gate on known numbers.
private func summary(completed: Int, of conversations: Int, confusion: [String: [String: Int]] = [:]) -> Summary {
    var aggregate = Aggregate()
    aggregate.conversations = conversations
    aggregate.outcomes.completed = completed
    aggregate.outcomes.abandoned = conversations - completed
    aggregate.userTurns = conversations
    aggregate.confusion = confusion
    aggregate.targetExposesIntent = !confusion.isEmpty
    aggregate.intentJudgedTurns = confusion.values.flatMap(\.values).reduce(0, +)
    aggregate.intentCorrectTurns = confusion.reduce(0) { $0 + ($1.value[$1.key] ?? 0) }
    return Summary(suite: "s", target: TargetInfo(kind: "fake", name: "t", detail: ""), seed: 1, aggregate: aggregate)
}

private func baseline(_ summary: Summary) -> Baseline {
    Baseline(suite: "s", suiteHash: "h", summary: summary, failureClusters: ["old"])
}

@Suite struct DiffAndGateTests {
    @Test func aLargeDropIsASignificantRegressionBeyondTheTolerance() throws {
        let gate = ["completion_rate": GateRule(maxDrop: 0.05)]
        let diff = BaselineDiffer(gate: gate).diff(
            baseline: baseline(summary(completed: 900, of: 1000)), current: summary(completed: 800, of: 1000))
        let completion = try #require(diff.metrics.first { $0.name == "completion_rate" })
        #expect(abs(completion.delta + 0.1) < 1e-12)
        #expect(completion.significant && completion.regression)
        let verdict = GateEvaluator(rules: gate).evaluate(summary(completed: 800, of: 1000), diff: diff)
        #expect(!verdict.passed)
        #expect(verdict.failures.map(\.name) == ["completion_rate.max_drop"])
        #expect(verdict.failures[0].detail.contains("90.0 %"))
    }

    @Test func aSignificantChangeWithinTheToleranceIsNotARegression() throws {
        let gate = ["completion_rate": GateRule(maxDrop: 0.2)]
        let diff = BaselineDiffer(gate: gate).diff(
            baseline: baseline(summary(completed: 900, of: 1000)), current: summary(completed: 800, of: 1000))
        let completion = try #require(diff.metrics.first { $0.name == "completion_rate" })
        #expect(completion.significant && !completion.regression)
        #expect(GateEvaluator(rules: gate).evaluate(summary(completed: 800, of: 1000), diff: diff).passed)
    }

    @Test func aChangeInsideTheNoiseIsNotSignificant() throws {
        let diff = BaselineDiffer(gate: ["completion_rate": GateRule(maxDrop: 0)]).diff(
            baseline: baseline(summary(completed: 90, of: 100)), current: summary(completed: 86, of: 100))
        let completion = try #require(diff.metrics.first { $0.name == "completion_rate" })
        #expect(!completion.significant && !completion.regression)
    }

    @Test func absoluteBoundsNeedNoBaseline() {
        let rules = ["completion_rate": GateRule(min: 0.85, max: 0.99)]
        let verdict = GateEvaluator(rules: rules).evaluate(summary(completed: 80, of: 100), diff: nil)
        #expect(verdict.checks.map(\.name) == ["completion_rate.min", "completion_rate.max"])
        #expect(verdict.failures.map(\.name) == ["completion_rate.min"])
    }

    @Test func intentFiguresAreHolmCorrectedAndNamed() throws {
        let before = ["refund": ["refund": 95, "order_status": 5], "order_status": ["order_status": 100]]
        let after = ["refund": ["refund": 40, "order_status": 60], "order_status": ["order_status": 99, "refund": 1]]
        let diff = BaselineDiffer().diff(
            baseline: baseline(summary(completed: 1, of: 2, confusion: before)),
            current: summary(completed: 1, of: 2, confusion: after))
        let recall = try #require(diff.intents.first { $0.name == "refund.recall" })
        #expect(abs(recall.baseline - 0.95) < 1e-12 && abs(recall.current - 0.40) < 1e-12)
        #expect(recall.regression)
        let stable = try #require(diff.intents.first { $0.name == "order_status.recall" })
        #expect(!stable.regression)
        #expect(diff.confusionMoves.first?.expected == "refund")
        #expect(diff.confusionMoves.first?.predicted == "order_status")
    }

    @Test func theIntentGateFailsWhenAnIntentRegressesBeyondItsTolerance() throws {
        let before = ["refund": ["refund": 95, "order_status": 5], "order_status": ["order_status": 100]]
        let after = ["refund": ["refund": 40, "order_status": 60], "order_status": ["order_status": 99, "refund": 1]]
        let current = summary(completed: 1, of: 2, confusion: after)
        func verdict(_ rule: GateRule) -> GateVerdict {
            let gate = ["intent_f1": rule]
            let diff = BaselineDiffer(gate: gate).diff(
                baseline: baseline(summary(completed: 1, of: 2, confusion: before)), current: current)
            return GateEvaluator(rules: gate).evaluate(current, diff: diff)
        }
        let strict = verdict(GateRule(maxDrop: 0.05))
        #expect(!strict.passed)
        #expect(strict.failures.first?.detail.contains("refund.recall") == true)
        // A tolerance wider than every change passes, and a macro-F1 floor is checked on its own.
        #expect(verdict(GateRule(maxDrop: 0.9)).passed)
        let floor = verdict(GateRule(min: 0.99))
        #expect(floor.failures.map(\.name) == ["intent_f1.min"])
    }

    @Test func newFailureClustersAreTheOnesTheBaselineDidNotHave() {
        let diff = BaselineDiffer().diff(
            baseline: baseline(summary(completed: 9, of: 10)), current: summary(completed: 9, of: 10),
            currentClusters: ["old", "new"])
        #expect(diff.newFailureClusters == ["new"])
    }

    @Test func commandLineOverridesReplaceAndAddBounds() throws {
        var evaluator = GateEvaluator(rules: ["completion_rate": GateRule(min: 0.9)])
        try evaluator.override(["completion_rate.min=0.7", "fallback_rate.max_rise=0.02"])
        #expect(evaluator.rules["completion_rate"] == GateRule(min: 0.7))
        #expect(evaluator.rules["fallback_rate"] == GateRule(maxRise: 0.02))
        #expect(throws: GateOverrideError.self) { try evaluator.override(["completion.min=1"]) }
        #expect(throws: GateOverrideError.self) { try evaluator.override(["completion_rate.minimum=1"]) }
        #expect(throws: GateOverrideError.self) { try evaluator.override(["completion_rate.min"]) }
    }

    /// `metric{language=tag}.bound=value` sets a language's bound, named like its gate check;
    /// a language the suite does not have, a relative bound or a metric without languages is refused.
    @Test func commandLineOverridesBoundALanguage() throws {
        var evaluator = GateEvaluator(
            rules: [
                "completion_rate": GateRule(min: 0.5, languages: ["en": GateRule(min: 0.9), "fi": GateRule(max: 1)])
            ])
        try evaluator.override(
            ["completion_rate{language=fi}.min=0.85", "intent_accuracy{language=en}.max=0.99"], languages: ["en", "fi"])
        #expect(
            evaluator.rules["completion_rate"]
                == GateRule(min: 0.5, languages: ["en": GateRule(min: 0.9), "fi": GateRule(min: 0.85, max: 1)]))
        #expect(evaluator.rules["intent_accuracy"] == GateRule(languages: ["en": GateRule(max: 0.99)]))
        func refusal(_ assignment: String) -> String? {
            var copy = evaluator
            let error = #expect(throws: GateOverrideError.self) {
                try copy.override([assignment], languages: ["en", "fi"])
            }
            return error?.description
        }
        #expect(
            refusal("completion_rate{language=fj}.min=0.9")
                == "unknown language \"fj\" in completion_rate{language=fj}: the suite's users write en, fi (did you mean \"fi\"?)"
        )
        #expect(
            refusal("completion_rate{language=fi}.min=90")
                == "completion_rate{language=fi}.min must be between 0 and 1, found 90 (rates are fractions: 0.9 means 90 %)"
        )
        #expect(
            refusal("completion_rate{language=fi}.max_drop=0.1")
                == "unknown gate bound \"max_drop\" of completion_rate{language=fi} (known: min, max)")
        #expect(
            refusal("latency_p95_ms{language=fi}.max=100")?.hasPrefix("latency_p95_ms has no bounds by language")
                == true)
        #expect(refusal("completion_rate{lang=fi}.min=0.9")?.hasPrefix("expected METRIC.BOUND=NUMBER") == true)
        #expect(refusal("completion_rate{language=fi}min=0.9")?.hasPrefix("expected METRIC.BOUND=NUMBER") == true)
        #expect(
            refusal("completion_rate{language=fi}.min=high")
                == "completion_rate{language=fi}.min must be a number, found \"high\"")
        // Without the suite's languages (a library caller), any tag is taken.
        try evaluator.override(["completion_rate{language=sv}.min=0.8"])
        #expect(evaluator.rules["completion_rate"]?.languages?["sv"] == GateRule(min: 0.8))
    }

    @Test func pairedComparerCountsFlipsBothWays() {
        var comparer = PairedComparer(replayA: "replay a {i}", replayB: "replay b {i}")
        func record(_ index: Int, _ outcome: Outcome) -> ConversationRecord {
            ConversationRecord(index: index, persona: "p", goal: "g", outcome: outcome, turns: [])
        }
        comparer.add(a: record(0, .completed), b: record(0, .completed))
        comparer.add(a: record(1, .completed), b: record(1, .abandoned))
        comparer.add(a: record(2, .abandoned), b: record(2, .completed))
        comparer.add(a: record(3, .completed), b: record(3, .handedOff))
        let info = TargetInfo(kind: "fake", name: "x", detail: "")
        let comparison = comparer.comparison(a: info, b: info)
        #expect(
            comparison.pairs == 4 && comparison.bothPassed == 1 && comparison.onlyAPassed == 2
                && comparison.onlyBPassed == 1)
        #expect(comparison.flips.map(\.index) == [1, 3, 2])
        #expect(comparison.flips[0].replayB == "replay b 1")
    }
}

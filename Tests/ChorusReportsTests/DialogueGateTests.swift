import ChorusModel
import ChorusScoring
import ChorusSpec
import Testing

@testable import ChorusReports

/// A run of `n` conversations, `lost` of them with `context_lost` (all in conversations with a
/// digression), `digressions` conversations with a digression of which `completedDigressions`
/// completed, the rest plain and completed; slot judgements and turns to success as given.
private func dialogueSummary(
    n: Int, lost: Int, digressions: Int, completedDigressions: Int, slots: SlotCounts = SlotCounts(),
    escalated: Int = 0, turns: [Int: Int] = [3: 1]
) -> Summary {
    var a = Aggregate()
    a.conversations = n
    a.userTurns = 3 * n
    a.outcomes = OutcomeCounts(
        completed: n - digressions + completedDigressions - escalated, escalated: escalated,
        abandoned: digressions - completedDigressions)
    a.goalOutcomes = a.outcomes
    a.goals = ["g": a.outcomes]
    a.behaviours = [
        "digression": OutcomeCounts(completed: completedDigressions, abandoned: digressions - completedDigressions),
        "plain": OutcomeCounts(completed: n - digressions - escalated, escalated: escalated),
    ]
    a.conversationsWithDialogueFailure = lost
    if lost > 0 {
        a.dialogueFailures["context_lost"] = DialogueFailureCounts(
            conversations: lost, occurrences: 2 * lost, behaviours: ["digression": lost])
    }
    a.confirmedSlots = slots
    for (count, conversations) in turns { a.completedTurns.add(turns: count, count: conversations) }
    return Summary(suite: "s", target: TargetInfo(kind: "fake", name: "t", detail: ""), seed: 1, aggregate: a)
}

private func judge(_ gate: [String: GateRule], baseline before: Summary, current: Summary) -> (
    BaselineDiff, GateVerdict
) {
    let diff = BaselineDiffer(gate: gate).diff(
        baseline: Baseline(suite: "s", suiteHash: "h", summary: before, failureClusters: []), current: current)
    return (diff, GateEvaluator(rules: gate).evaluate(current, diff: diff))
}

@Suite struct DialogueGateTests {
    let baseline = dialogueSummary(n: 1000, lost: 10, digressions: 200, completedDigressions: 190)
    /// A bot that forgets what it was told after a digression.
    let forgetful = dialogueSummary(n: 1000, lost: 120, digressions: 200, completedDigressions: 90)

    @Test func everyDialogueFailureHasAGateKeyAndTheSchemaFollows() {
        for failure in DialogueFailure.allCases {
            #expect(GateMetric(rawValue: "\(failure.rawValue)_rate")?.dialogueFailure == failure)
        }
        for key in [
            "dialogue_failure_rate", "goal_completion_rate", "escalation_rate", "slot_f1", "turns_to_success_p95",
        ] {
            #expect(GateMetric(rawValue: key) != nil, "\(key)")
        }
        #expect(
            GateMetric.completionRate.dialogueFailure == nil && GateMetric.dialogueFailureRate.dialogueFailure == nil)
    }

    @Test func aRisenFailureRateFailsItsRuleAndNamesTheBehavioursItHit() throws {
        let gate = ["context_lost_rate": GateRule(maxRise: 0.02), "dialogue_failure_rate": GateRule(maxRise: 0.02)]
        let (diff, verdict) = judge(gate, baseline: baseline, current: forgetful)
        let delta = try #require(diff.delta(named: "context_lost_rate"))
        #expect(abs(delta.delta - 0.11) < 1e-12 && delta.significant && delta.regression)
        #expect(verdict.failures.map(\.name) == ["dialogue_failure_rate.max_rise", "context_lost_rate.max_rise"])
        let detail = try #require(verdict.failures.last?.detail)
        #expect(detail.hasPrefix("context_lost_rate 12.0 % vs baseline 1.0 %: +11.0 pp ["))
        #expect(detail.hasSuffix("; max_rise 2.0 pp; hit conversations with digression 120"))
        #expect(verdict.failures[0].detail.contains("regressed: context_lost 1.0 % → 12.0 % (+11.0 pp ["))
        // The printed verdict's lines: the failures that regressed and the behaviours they hit,
        // and the behaviours whose completion fell.
        #expect(
            diff.dialogueFailureRegressions(forgetful).first?.hasSuffix("in conversations with digression 120") == true)
        #expect(
            diff.behaviourDrops.count == 1 && diff.behaviourDrops[0].hasPrefix("digression 95.0 % → 45.0 % (-50.0 pp [")
        )
    }

    @Test func theUnchangedBotPassesTheSameRules() {
        let again = dialogueSummary(n: 1000, lost: 12, digressions: 200, completedDigressions: 188)
        let gate = [
            "context_lost_rate": GateRule(maxRise: 0.02), "dialogue_failure_rate": GateRule(max: 0.05, maxRise: 0.02),
            "goal_completion_rate": GateRule(maxDrop: 0.02),
        ]
        let (diff, verdict) = judge(gate, baseline: baseline, current: again)
        #expect(verdict.passed, "\(verdict.failures.map(\.detail))")
        #expect(diff.behaviourDrops.isEmpty && diff.dialogueFailureRegressions(again).isEmpty)
    }

    @Test func goalCompletionAndEscalationAreGatedLikeTheOtherRates() throws {
        let escalating = dialogueSummary(n: 1000, lost: 10, digressions: 200, completedDigressions: 190, escalated: 80)
        let gate = [
            "goal_completion_rate": GateRule(maxDrop: 0.02), "escalation_rate": GateRule(max: 0.05, maxRise: 0.02),
        ]
        let (diff, verdict) = judge(gate, baseline: baseline, current: escalating)
        #expect(diff.delta(named: "escalation_rate")?.regression == true)
        #expect(
            verdict.failures.map(\.name) == [
                "goal_completion_rate.max_drop", "escalation_rate.max", "escalation_rate.max_rise",
            ])
        #expect(verdict.failures[1].detail == "escalation_rate 8.0 % > max 5.0 %")
    }

    /// Slot F1 is compared as the proportion tp / (tp + (fp + fn)/2) over its effective trials.
    @Test func slotF1IsComparedOnItsEffectiveTrials() throws {
        let good = dialogueSummary(
            n: 500, lost: 0, digressions: 0, completedDigressions: 0,
            slots: SlotCounts(goals: 400, truePositives: 760, falsePositives: 20, falseNegatives: 20))
        let wrong = dialogueSummary(
            n: 500, lost: 0, digressions: 0, completedDigressions: 0,
            slots: SlotCounts(goals: 400, truePositives: 600, falsePositives: 180, falseNegatives: 180))
        let (diff, verdict) = judge(["slot_f1": GateRule(min: 0.9, maxDrop: 0.05)], baseline: good, current: wrong)
        let delta = try #require(diff.delta(named: "slot_f1"))
        let expected = try #require(ProportionDifference(successes1: 760, trials1: 780, successes2: 600, trials2: 780))
        #expect(delta.low == expected.low && delta.high == expected.high)
        #expect(abs(delta.current - 600.0 / 780) < 1e-12 && delta.regression)
        #expect(verdict.failures.map(\.name) == ["slot_f1.min", "slot_f1.max_drop"])
        #expect(judge(["slot_f1": GateRule(min: 0.9, maxDrop: 0.05)], baseline: good, current: good).1.passed)
    }

    @Test func turnsToSuccessP95RisesRelativeToTheBaseline() throws {
        let quick = dialogueSummary(n: 100, lost: 0, digressions: 0, completedDigressions: 0, turns: [4: 100])
        let slow = dialogueSummary(n: 100, lost: 0, digressions: 0, completedDigressions: 0, turns: [4: 90, 7: 10])
        let gate = ["turns_to_success_p95": GateRule(max: 6, maxRise: 0.25)]
        let (diff, verdict) = judge(gate, baseline: quick, current: slow)
        let delta = try #require(diff.delta(named: "turns_to_success_p95"))
        #expect(delta.baseline == 4 && delta.current == 7 && delta.tolerance == 1 && delta.regression)
        #expect(verdict.failures.map(\.name) == ["turns_to_success_p95.max", "turns_to_success_p95.max_rise"])
        #expect(verdict.failures[0].detail == "turns_to_success_p95 7 turns > max 6 turns")
        #expect(verdict.failures[1].detail.hasSuffix("+3.0 turns; max_rise 25.0 % of the baseline"))
        // One turn more is within the floor.
        let oneMore = dialogueSummary(n: 100, lost: 0, digressions: 0, completedDigressions: 0, turns: [4: 90, 5: 10])
        #expect(judge(gate, baseline: quick, current: oneMore).1.passed)
    }

    /// A baseline accepted before the dialogue was judged has no figures to compare: relative
    /// dialogue rules have nothing to check, absolute ones still apply.
    @Test func anOlderBaselineWithoutDialogueFiguresSkipsTheRelativeRules() {
        var old = baseline
        old.dialogueFailures = [:]
        old.behaviours = [:]
        old.metrics.dialogueFailureRate = nil
        let gate = [
            "context_lost_rate": GateRule(max: 0.2, maxRise: 0.02), "dialogue_failure_rate": GateRule(maxRise: 0.02),
        ]
        let (diff, verdict) = judge(gate, baseline: old, current: forgetful)
        #expect(diff.dialogueFailures.isEmpty && diff.behaviours.isEmpty)
        #expect(verdict.checks.map(\.name) == ["context_lost_rate.max"])
        #expect(verdict.passed)
    }
}

import ChorusModel
import ChorusScoring
import ChorusStore
import ChorusTestSupport
import Foundation
import Testing

/// The gate on the dialogue keys, end to end: runs of hand-made conversations stored in a
/// database, judged by `chorus diff` against one another with the gate stored with the later run.
@Suite struct DialogueGateEndToEndTests {
    static let gate = """
        {"context_lost_rate":{"max_rise":0.02},"dialogue_failure_rate":{"max_rise":0.02},\
        "goal_completion_rate":{"max_drop":0.05},"slot_f1":{"max_drop":0.05},"turns_to_success_p95":{"max_rise":0.5}}
        """

    /// `n` conversations: the first `n / 4` digress, and of those the first `lost` lose the context
    /// after the digression (the bot asks again for the order number) and are abandoned; the next
    /// `wrong` plain ones fail with the bot confirming another order number; the rest complete with
    /// the bot confirming the user's own values.
    static func records(n: Int, lost: Int, wrong: Int = 0) -> [ConversationRecord] {
        (0..<n).map { index in
            let digresses = index < n / 4
            let failed = index < lost
            let confirmsWrong = (n / 4..<n / 4 + wrong).contains(index)
            let values = [Entity(name: "order_id", value: "AB-\(index)")]
            var turns = [
                TurnRecord(user: "refund AB-\(index)", bot: ["Which item?"], latencyMs: 1, act: .open),
                TurnRecord(user: "the laptop", bot: ["Shall I refund order AB-\(index)?"], latencyMs: 1, act: .inform),
            ]
            if digresses {
                turns.insert(
                    TurnRecord(user: "do you sell gift cards?", bot: ["Yes!"], latencyMs: 1, act: .digress), at: 1)
            }
            if failed {
                turns[2] = TurnRecord(
                    user: "the laptop", bot: ["What is your order number?"], latencyMs: 1, act: .inform,
                    dialogueFailures: [.contextLost])
            }
            if confirmsWrong {
                turns[1] = TurnRecord(
                    user: "the laptop", bot: ["Shall I refund order AB-9?"], latencyMs: 1, act: .inform,
                    dialogueFailures: [.wrongValueConfirmed])
            }
            let outcome: Outcome = failed ? .abandoned : confirmsWrong ? .failed : .completed
            let confirmed = failed ? [] : confirmsWrong ? [Entity(name: "order_id", value: "AB-9")] : values
            return ConversationRecord(
                index: index, persona: "calm", goal: "refund", outcome: outcome, turns: turns,
                goals: [
                    GoalRecord(
                        name: "refund", outcome: outcome, turns: turns.count, values: values, confirmed: confirmed)
                ],
                behaviours: digresses ? [.digression] : [])
        }
    }

    static func store(_ records: [ConversationRecord], name: String, in store: ResultStore) throws {
        let run = try store.createRun(
            StoredRun(
                name: name, suite: "shop", suiteHash: "h", suitePath: "Scenarios/shop", targetPath: "t.yaml",
                target: TargetInfo(kind: "reference", name: name, detail: ""), seed: 1, conversations: records.count,
                chorusVersion: "test", startedAt: "2026-01-01T00:00:00Z"))
        try store.append(records, run: run.id)
        try store.setJudgement(runID: run.id, gate: gate, baseline: nil)
        try store.finishRun(
            id: run.id, status: .completed, endedAt: "2026-01-01T00:01:00Z", aggregate: Aggregate(records))
    }

    @Test func aBotThatForgetsAfterADigressionFailsTheDialogueGateAndTheVerdictSaysWhere() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-dialogue-gate")
        let db = "\(directory)/chorus.sqlite"
        let results = try ResultStore(path: db)
        try Self.store(Self.records(n: 800, lost: 4), name: "v1", in: results)
        try Self.store(Self.records(n: 800, lost: 4), name: "v1-again", in: results)
        try Self.store(Self.records(n: 800, lost: 150, wrong: 60), name: "v3", in: results)

        let failing = try await ChorusProcess.run(["diff", "v1", "v3", "--db", db, "--out", "\(directory)/v3"])
        #expect(failing.status == 1, "\(failing.stdout)\(failing.stderr)")
        #expect(failing.stdout.contains("gate: FAIL"))
        for rule in [
            "context_lost_rate.max_rise", "dialogue_failure_rate.max_rise", "goal_completion_rate.max_drop",
            "slot_f1.max_drop",
        ] {
            #expect(failing.stdout.contains("✗ \(rule): "), "\(rule) fails")
        }
        #expect(!failing.stdout.contains("✗ turns_to_success_p95"))
        #expect(failing.stdout.contains("Dialogue failures that regressed:\n  context_lost 0.5 % → 18.8 % (+18.3 pp ["))
        #expect(failing.stdout.contains("in conversations with digression 150"))
        #expect(
            failing.stdout.contains("wrong_value_confirmed 0.0 % → 7.5 % (+7.5 pp [")
                && failing.stdout.contains("in conversations with plain 60"))
        #expect(failing.stdout.contains("Behaviours whose completion fell:\n  digression 98.0 % → 25.0 % (-73.0 pp ["))
        let summary = try CLI.json("\(directory)/v3/summary.json")
        let verdict = try #require(summary["verdict"] as? [String: Any])
        #expect(verdict["passed"] as? Bool == false)
        let diff = try #require(summary["diff"] as? [String: Any])
        let failures = try #require(diff["dialogue_failures"] as? [[String: Any]])
        #expect(failures.contains { $0["name"] as? String == "context_lost_rate" && $0["regression"] as? Bool == true })

        let passing = try await ChorusProcess.run(["diff", "v1", "v1-again", "--db", db, "--out", "\(directory)/again"])
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.contains("gate: PASS (all 5 gate rules passed)"))
    }
}

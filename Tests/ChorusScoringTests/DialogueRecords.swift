import ChorusModel
import ChorusScoring

/// Hand-made conversations with dialogue judgements (goals, behaviours, acts, dialogue failures),
/// whose figures `DialogueAggregateTests` computes by hand.
///
/// | # | behaviours                | goals (outcome)                          | outcome   | turns | dialogue failures                          |
/// | 0 | multi_goal, confirmation  | refund (completed), hours (completed)    | completed | 5     | —                                          |
/// | 1 | confirmation, correction  | refund (failed)                          | failed    | 3     | turn 3: correction_ignored, wrong_value_confirmed |
/// | 2 | digression                | appointment (abandoned)                  | abandoned | 4     | turns 3, 4: context_lost                   |
/// | 3 | —                         | hours (completed)                        | completed | 3     | —                                          |
/// | 4 | escalation                | refund (escalated)                       | escalated | 3     | —                                          |
/// | 5 | —                         | order_status (abandoned)                 | abandoned | 4     | turn 4: loop                               |
enum DialogueRecords {
    static func turns(
        _ count: Int, failures: [Int: [DialogueFailure]] = [:], acts: [Int: UserAct] = [:], goals: [Int: Int] = [:]
    )
        -> [TurnRecord]
    {
        (1...count).map { number in
            TurnRecord(
                user: "turn \(number)", bot: ["reply \(number)"], latencyMs: 1, act: acts[number] ?? .inform,
                goal: goals[number] ?? 0, dialogueFailures: failures[number] ?? [])
        }
    }

    static let conversations: [ConversationRecord] = [
        ConversationRecord(
            index: 0, persona: "calm", goal: "refund", outcome: .completed,
            turns: turns(5, acts: [1: .open, 3: .affirm, 4: .open], goals: [4: 1, 5: 1]),
            goals: [
                GoalRecord(
                    name: "refund", outcome: .completed, turns: 3,
                    values: [Entity(name: "order_id", value: "AB-1"), Entity(name: "product", value: "laptop")],
                    confirmed: [Entity(name: "order_id", value: "ab-1"), Entity(name: "product", value: "laptop")]),
                GoalRecord(name: "hours", outcome: .completed, turns: 2),
            ],
            behaviours: [.confirmation, .multiGoal]),
        ConversationRecord(
            index: 1, persona: "calm", goal: "refund", outcome: .failed,
            turns: turns(3, failures: [3: [.correctionIgnored, .wrongValueConfirmed]], acts: [1: .open, 2: .correct]),
            goals: [
                GoalRecord(
                    name: "refund", outcome: .failed, turns: 3,
                    values: [Entity(name: "order_id", value: "AB-2"), Entity(name: "product", value: "phone")],
                    confirmed: [Entity(name: "order_id", value: "AB-9"), Entity(name: "product", value: "phone")])
            ],
            behaviours: [.confirmation, .correction]),
        ConversationRecord(
            index: 2, persona: "hasty", goal: "appointment", outcome: .abandoned,
            turns: turns(4, failures: [3: [.contextLost], 4: [.contextLost]], acts: [1: .open, 2: .digress]),
            goals: [
                GoalRecord(
                    name: "appointment", outcome: .abandoned, turns: 4, values: [Entity(name: "day", value: "monday")])
            ],
            behaviours: [.digression]),
        ConversationRecord(
            index: 3, persona: "hasty", goal: "hours", outcome: .completed, turns: turns(3)),
        ConversationRecord(
            index: 4, persona: "calm", goal: "refund", outcome: .escalated, turns: turns(3, acts: [3: .escalate]),
            goals: [GoalRecord(name: "refund", outcome: .escalated, turns: 3)], behaviours: [.escalation]),
        ConversationRecord(
            index: 5, persona: "hasty", goal: "order_status", outcome: .abandoned,
            turns: turns(4, failures: [4: [.loop]])),
    ]
}

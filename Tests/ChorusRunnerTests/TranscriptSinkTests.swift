import ChorusModel
import ChorusRunner
import Foundation
import Testing

/// A transcript line carries what the dialogue figures are computed from.
@Suite struct TranscriptSinkTests {
    @Test func aLineCarriesActsGoalsDialogueFailuresBehavioursAndTheRepeat() throws {
        let record = ConversationRecord(
            index: 7, repeatIndex: 2, persona: "calm", goal: "refund", outcome: .failed,
            turns: [
                TurnRecord(user: "refund AB-1", bot: ["Which item?"], act: .open),
                TurnRecord(
                    user: "sorry, I meant AB-2", bot: ["Refund for AB-1 started."], act: .correct,
                    dialogueFailures: [.correctionIgnored, .wrongValueConfirmed]),
                TurnRecord(user: "thanks, bye", bot: [], act: .close, goal: 1, dialogueFailures: [.closingUnanswered]),
            ],
            goals: [
                GoalRecord(
                    name: "refund", outcome: .failed, turns: 2, values: [Entity(name: "order_id", value: "AB-2")],
                    confirmed: [Entity(name: "order_id", value: "AB-1")]),
                GoalRecord(name: "goodbye", outcome: .completed, turns: 1),
            ],
            behaviours: [.closing, .correction, .multiGoal])
        let line = TranscriptSink.line(record)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(json["conversation"] as? Int == 7 && json["repeat"] as? Int == 2)
        #expect(json["behaviours"] as? [String] == ["closing", "correction", "multi_goal"])
        let goals = try #require(json["goals"] as? [[String: Any]])
        #expect(goals.map { $0["name"] as? String } == ["refund", "goodbye"])
        #expect(goals[0]["outcome"] as? String == "failed" && goals[0]["turns"] as? Int == 2)
        #expect(goals[0]["values"] as? [String: String] == ["order_id": "AB-2"])
        #expect(goals[0]["confirmed"] as? [String: String] == ["order_id": "AB-1"])
        let turns = try #require(json["turns"] as? [[String: Any]])
        #expect(turns.map { $0["act"] as? String } == ["open", "correct", "close"])
        #expect(turns.map { $0["goal"] as? Int } == [0, 0, 1])
        #expect(
            turns.map { $0["dialogue_failures"] as? [String] } == [
                [], ["correction_ignored", "wrong_value_confirmed"], ["closing_unanswered"],
            ])
        // A turn without an act says so.
        let plain = TranscriptSink.line(
            ConversationRecord(index: 0, persona: "p", goal: "g", outcome: .completed, turns: [TurnRecord(user: "x")]))
        #expect(plain.contains("\"act\":null,\"goal\":0,"))
    }
}

import ChorusModel
import ChorusScoring
import Foundation
import Testing

/// The dialogue figures of `DialogueRecords`, counted by hand.
@Suite struct DialogueAggregateTests {
    let aggregate = Aggregate(DialogueRecords.conversations)
    var summary: Summary { SampleRecords.summary(of: DialogueRecords.conversations) }

    @Test func goalAttemptsAreCountedPerGoal() {
        #expect(aggregate.conversations == 6)
        #expect(aggregate.goalOutcomes == OutcomeCounts(completed: 3, escalated: 1, abandoned: 2, failed: 1))
        #expect(
            aggregate.goals == [
                "refund": OutcomeCounts(completed: 1, escalated: 1, failed: 1),
                "hours": OutcomeCounts(completed: 2),
                "appointment": OutcomeCounts(abandoned: 1),
                "order_status": OutcomeCounts(abandoned: 1),
            ])
        let rate = summary.metrics.goalCompletionRate
        #expect(rate?.successes == 3 && rate?.n == 7)
        // Conversations still count once each.
        #expect(summary.metrics.completionRate?.successes == 2 && summary.metrics.completionRate?.n == 6)
    }

    @Test func dialogueFailuresCountConversationsTurnsAndTheBehavioursTheyHit() throws {
        #expect(aggregate.conversationsWithDialogueFailure == 3)
        #expect(
            aggregate.dialogueFailures == [
                "correction_ignored": DialogueFailureCounts(
                    conversations: 1, occurrences: 1, behaviours: ["confirmation": 1, "correction": 1]),
                "wrong_value_confirmed": DialogueFailureCounts(
                    conversations: 1, occurrences: 1, behaviours: ["confirmation": 1, "correction": 1]),
                "context_lost": DialogueFailureCounts(conversations: 1, occurrences: 2, behaviours: ["digression": 1]),
                "loop": DialogueFailureCounts(conversations: 1, occurrences: 1, behaviours: ["plain": 1]),
            ])
        let s = summary
        #expect(s.metrics.dialogueFailureRate?.successes == 3 && s.metrics.dialogueFailureRate?.n == 6)
        // Every named failure is in the summary, the ones that never happened at 0.
        #expect(Set(s.dialogueFailures.keys) == Set(DialogueFailure.allCases.map(\.rawValue)))
        let contextLost = try #require(s.dialogueFailures["context_lost"])
        #expect(contextLost.conversations == 1 && contextLost.occurrences == 2)
        #expect(contextLost.rate?.successes == 1 && contextLost.rate?.n == 6)
        let request = try #require(s.dialogueFailures["request_unanswered"])
        #expect(request.conversations == 0 && request.rate?.value == 0 && request.behaviours.isEmpty)
    }

    @Test func completionByBehaviourHasPlainForConversationsWithoutAny() {
        #expect(
            aggregate.behaviours == [
                "multi_goal": OutcomeCounts(completed: 1),
                "confirmation": OutcomeCounts(completed: 1, failed: 1),
                "correction": OutcomeCounts(failed: 1),
                "digression": OutcomeCounts(abandoned: 1),
                "escalation": OutcomeCounts(escalated: 1),
                "plain": OutcomeCounts(completed: 1, abandoned: 1),
            ])
        #expect(summary.behaviours == aggregate.behaviours)
    }

    /// Goal 0 of conversation 0: both values confirmed right (case ignored). Conversation 1: the
    /// old order number confirmed (a false positive, and the user's value a false negative), the
    /// product right. Conversation 2's goal never got a confirmation, so it is not judged.
    @Test func slotPrecisionRecallAndF1OfWhatTheBotConfirmed() throws {
        #expect(
            aggregate.confirmedSlots == SlotCounts(goals: 2, truePositives: 3, falsePositives: 1, falseNegatives: 1))
        let m = summary.metrics
        #expect(m.slotPrecision?.successes == 3 && m.slotPrecision?.n == 4)
        #expect(m.slotRecall?.successes == 3 && m.slotRecall?.n == 4)
        let f1 = try #require(m.slotF1)
        // F1 = 2·3 / (2·3 + 1 + 1) = 3 / (3 + (1 + 1)/2) = 0.75, its interval over 4 effective trials.
        #expect(f1.value == 0.75 && f1.successes == 6 && f1.n == 8)
        let interval = try #require(Wilson.interval(successes: 3.0, trials: 4.0))
        #expect(f1.low == interval.low && f1.high == interval.high)
        #expect(summary.slotConfirmation == aggregate.confirmedSlots)
    }

    @Test func escalationIsAnOutcomeNotAHandoff() {
        let m = summary.metrics
        #expect(m.escalationRate?.successes == 1 && m.escalationRate?.n == 6)
        #expect(m.handoffRate?.successes == 0)
    }

    @Test func turnsToSuccessAreTheUserTurnsOfCompletedConversations() {
        #expect(aggregate.completedTurns.counts == [5: 1, 3: 1])
        #expect(summary.turns == Summary.Turns(mean: 4, median: 4, p95: 5))
    }

    @Test func shardsMergeToTheWhole() {
        let records = DialogueRecords.conversations
        let shards = (0..<3).map { k in Aggregate(records.enumerated().filter { $0.offset % 3 == k }.map(\.element)) }
        #expect(shards.reduce(Aggregate()) { $0.merging($1) } == aggregate)
        #expect(shards.reversed().reduce(Aggregate()) { $0.merging($1) } == aggregate)
    }

    @Test func anAggregateStoredBeforeDialogueFiguresStillReads() throws {
        let plain = Aggregate(SampleRecords.conversations)
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(plain)) as? [String: Any])
        for key in [
            "goal_outcomes", "conversations_with_dialogue_failure", "dialogue_failures", "behaviours",
            "confirmed_slots",
        ] {
            #expect(json.removeValue(forKey: key) != nil, "\(key) is encoded")
        }
        let older = try JSONDecoder().decode(Aggregate.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(older.conversations == plain.conversations && older.goals == plain.goals)
        #expect(older.dialogueFailures.isEmpty && older.behaviours.isEmpty && older.confirmedSlots == SlotCounts())
        #expect(try JSONDecoder().decode(Aggregate.self, from: JSONEncoder().encode(aggregate)) == aggregate)
    }
}

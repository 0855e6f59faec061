import ChorusModel
import ChorusSpec
import Testing

@testable import ChorusScoring

private func conversation(
    _ index: Int, goal: String = "refund", outcome: Outcome, turns: [TurnRecord]
) -> ConversationRecord {
    ConversationRecord(index: index, persona: "p", goal: goal, outcome: outcome, turns: turns)
}

@Suite struct FailureAnalyzerTests {
    @Test func conversationsThatWentWrongTheSameWayFormOneCluster() throws {
        var analyzer = FailureAnalyzer()
        for index in 0..<5 {
            let order = "AB-\(100_000 + index)"
            analyzer.add(
                conversation(
                    index, outcome: .abandoned,
                    turns: [
                        TurnRecord(
                            user: "refund order \(order)", expectedIntent: "refund", predictedIntent: "refund",
                            expectedSlots: [Entity(name: "order_id", value: order)],
                            bot: ["Order \(order) is not refundable after 30 days."]),
                        TurnRecord(
                            user: "why??", expectedIntent: "inform", predictedIntent: "nlu_fallback", fallback: true,
                            bot: ["Sorry, I didn't understand."]),
                    ]))
        }
        analyzer.add(
            conversation(9, goal: "hours", outcome: .completed, turns: [TurnRecord(user: "hours?", bot: ["9 to 5"])]))
        let analysis = analyzer.analysis()
        #expect(analysis.failingConversations == 5)
        let cluster = try #require(analysis.clusters.first)
        #expect(analysis.clusters.count == 1)
        #expect(cluster.count == 5)
        #expect(cluster.example.index == 0, "the first conversation of the run is the example")
        #expect(cluster.signature.turn == 2)
        #expect(cluster.signature.expectedIntent == "inform" && cluster.signature.predictedIntent == "nlu_fallback")
        #expect(analysis.fallbackUtterances == [UtteranceCount(text: "why??", count: 5)])
        let funnel = try #require(analysis.abandonment["refund"])
        #expect(funnel.conversations == 5 && funnel.abandoned == 5)
        #expect(funnel.byTurn == [2: 5])
        #expect(funnel.byStage == ["request": 5])
    }

    @Test func slotValuesNumbersAndSpacesAreNormalised() {
        let slots = [Entity(name: "order_id", value: "AB-123456")]
        #expect(
            FailureAnalyzer.normalise(
                "Your order  AB-123456 ships in 2 days,\tat 10:30", slots: slots, lowercase: false)
                == "Your order {order_id} ships in # days, at #:#")
        #expect(
            FailureAnalyzer.normalise("WHERE is Order AB-123456 ", slots: slots, lowercase: true)
                == "where is order {order_id}")
        // Beyond ASCII, Unicode's rules apply: case, and digits of other scripts.
        #expect(FailureAnalyzer.normalise("ÓRDEN ٣٤ Está", slots: [], lowercase: true) == "órden # está")
    }

    @Test func clustersAreRankedByCountThenByKey() {
        var analyzer = FailureAnalyzer()
        for (index, goal) in ["b", "a", "b", "c", "a", "b"].enumerated() {
            analyzer.add(
                conversation(index, goal: goal, outcome: .maxTurns, turns: [TurnRecord(user: "x", bot: ["?"])]))
        }
        #expect(analyzer.analysis().clusters.map { $0.signature.goal } == ["b", "a", "c"])
        #expect(analyzer.analysis(clusterLimit: 1).clusters.count == 1)
    }

    /// The issue's case: a large group of conversations that completed after a fallback must not
    /// lead the clusters of a run whose failures are few.
    @Test func completedConversationsAreNotClusteredEvenAfterAFallback() throws {
        var analyzer = FailureAnalyzer()
        for index in 0..<74 {
            analyzer.add(
                conversation(
                    index, outcome: .completed,
                    turns: [
                        TurnRecord(
                            user: "refnud", expectedIntent: "refund", predictedIntent: "nlu_fallback", fallback: true,
                            bot: ["Sorry?"]),
                        TurnRecord(user: "refund", expectedIntent: "refund", predictedIntent: "refund", bot: ["Done."]),
                    ]))
        }
        for index in 74..<78 {
            analyzer.add(
                conversation(
                    index, outcome: .abandoned, turns: [TurnRecord(user: "x", fallback: true, bot: ["Sorry?"])]))
        }
        let analysis = analyzer.analysis()
        #expect(analysis.failingConversations == 4)
        #expect(analysis.clusters.map(\.count) == [4])
        #expect(analysis.clusters.allSatisfy { $0.signature.outcome != .completed })
        // Their fallback utterances still count.
        #expect(analysis.fallbackUtterances.first == UtteranceCount(text: "refnud", count: 74))
    }

    @Test func aCompletedConversationWithAFailedExpectationOrDialogueFailureIsClusteredThere() throws {
        var analyzer = FailureAnalyzer()
        analyzer.add(
            conversation(
                0, outcome: .completed,
                turns: [
                    TurnRecord(user: "hi", fallback: true, bot: ["Sorry?"]),
                    TurnRecord(user: "hours", bot: ["We open at 9."], failures: ["expected reply /closed on Sunday/"]),
                ]))
        analyzer.add(
            conversation(
                1, outcome: .completed,
                turns: [
                    TurnRecord(user: "refund AB-1", bot: ["Which item?"]),
                    TurnRecord(
                        user: "what's the weather", bot: ["Sunny!"], act: .digress,
                        dialogueFailures: [.digressionNotResumed]),
                    TurnRecord(user: "the laptop", bot: ["Refund started."]),
                ]))
        let analysis = analyzer.analysis()
        #expect(analysis.failingConversations == 2)
        #expect(Set(analysis.clusters.map(\.signature.turn)) == [2])
        #expect(analysis.clusters.allSatisfy { $0.signature.outcome == .completed })
    }
}

import ChorusModel
import ChorusScoring
import Foundation
import Testing

/// The most confused intent pairs of `FailureAnalysis`, with their capped example utterances.
@Suite struct ConfusedPairsTests {
    private func turn(_ user: String, _ expected: String, _ predicted: String) -> TurnRecord {
        TurnRecord(user: user, expectedIntent: expected, predictedIntent: predicted)
    }

    @Test func countsPairsAndKeepsTheFirstExamplesInRunOrder() {
        var analyzer = FailureAnalyzer(examplesPerPair: 2)
        let turns = [
            turn("one", "refund", "cancel"), turn("right", "refund", "refund"), turn("two", "refund", "cancel"),
            turn("three", "refund", "cancel"), turn("x", "hours", "greet"), turn("y", "bye", "greet"),
        ]
        for (index, turn) in turns.enumerated() {
            analyzer.add(ConversationRecord(index: index, persona: "p", goal: "g", outcome: .completed, turns: [turn]))
        }
        // A conversation broken off by the network is not scored, here as in the aggregate.
        analyzer.add(
            ConversationRecord(
                index: 9, persona: "p", goal: "g", outcome: .error, turns: [turn("lost", "refund", "cancel")]))
        let pairs = analyzer.analysis().confusedPairs
        #expect(
            pairs == [
                ConfusedPair(expected: "refund", predicted: "cancel", count: 3, examples: ["one", "two"]),
                // Ties by name: bye before hours.
                ConfusedPair(expected: "bye", predicted: "greet", count: 1, examples: ["y"]),
                ConfusedPair(expected: "hours", predicted: "greet", count: 1, examples: ["x"]),
            ])
        #expect(analyzer.analysis(pairLimit: 1).confusedPairs.count == 1)
    }

    @Test func anAnalysisWrittenBeforePairsReadsWithNone() throws {
        let old = Data(
            #"{"clusters": [], "failing_conversations": 0, "fallback_utterances": [], "abandonment": {}}"#.utf8)
        #expect(try JSONDecoder().decode(FailureAnalysis.self, from: old).confusedPairs == [])
    }
}

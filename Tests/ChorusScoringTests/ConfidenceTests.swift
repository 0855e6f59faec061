import ChorusModel
import ChorusScoring
import Foundation
import Testing

/// The confidence histogram and threshold sweep, on turns whose figures are worked out by hand.
@Suite struct ConfidenceTests {
    /// (expected, predicted, confidence): 7 judged turns with a confidence, 3 correct, 4 wrong,
    /// and one without a confidence, which the histogram leaves out.
    static let turns: [(String, String, Double?)] = [
        ("a", "a", 0.92),  // bucket 18, correct
        ("a", "a", 0.95),  // bucket 19 (0.95 is a bound), correct
        ("a", "b", 0.30),  // bucket 6, wrong
        ("b", "b", 0.55),  // bucket 11, correct
        ("b", "a", 0.15),  // bucket 3 (a bound), wrong
        ("b", "a", 0.62),  // bucket 12, wrong
        ("c", "c", nil),  // no confidence: judged, not in the histogram
        ("c", "a", 1.0),  // bucket 19, wrong
    ]

    static func conversations(_ slice: ArraySlice<(String, String, Double?)>) -> [ConversationRecord] {
        slice.enumerated().map { offset, turn in
            ConversationRecord(
                index: offset, persona: "p", goal: turn.0, outcome: .completed,
                turns: [
                    TurnRecord(user: "u\(offset)", expectedIntent: turn.0, predictedIntent: turn.1, confidence: turn.2)
                ])
        }
    }

    let aggregate = Aggregate(conversations(turns[...]))

    @Test func countsJudgedTurnsByBucketAndCorrectness() {
        var correct = Array(repeating: 0, count: 20)
        var wrong = Array(repeating: 0, count: 20)
        for k in [18, 19, 11] { correct[k] = 1 }
        for k in [6, 3, 12, 19] { wrong[k] = 1 }
        #expect(aggregate.confidence.correct == correct)
        #expect(aggregate.confidence.wrong == wrong)
        #expect(aggregate.confidence.turns == 7)
        #expect(aggregate.intentJudgedTurns == 8)
    }

    @Test func bucketBoundsAreTheSweepsThresholds() {
        for k in 0..<ConfidenceCounts.bucketCount {
            let bound = ConfidenceCounts.threshold(k)
            #expect(ConfidenceCounts.bucket(bound) == k)
            if k > 0 { #expect(ConfidenceCounts.bucket(bound.nextDown) == k - 1) }
        }
        #expect(ConfidenceCounts.bucket(1.0) == 19)
        #expect(ConfidenceCounts.bucket(-0.2) == 0)
        #expect(ConfidenceCounts.bucket(7) == 19)
        #expect(ConfidenceCounts.bucket(.nan) == nil)
        #expect(ConfidenceCounts.bucket(.infinity) == nil)
    }

    @Test func sweepAndRecommendationByHand() throws {
        let figures = try #require(ConfidenceFigures(aggregate.confidence))
        #expect(figures.turns == 7)
        #expect(figures.histogram.count == 20)
        #expect(figures.histogram[19] == ConfidenceFigures.Bucket(low: 0.95, high: 1.0, correct: 1, wrong: 1))
        #expect(figures.sweep.map(\.threshold) == (0..<20).map { Double($0) / 20 })
        // kept / kept correct / net (= 2 × correct − kept) at each threshold, worked out from the turns.
        let expected: [(k: Int, kept: Int, correct: Int, net: Int)] = [
            (0, 7, 3, -1), (3, 7, 3, -1), (4, 6, 3, 0), (6, 6, 3, 0), (7, 5, 3, 1), (11, 5, 3, 1),
            (12, 4, 2, 0), (13, 3, 2, 1), (18, 3, 2, 1), (19, 2, 1, 0),
        ]
        for row in expected {
            let point = figures.sweep[row.k]
            #expect(point.kept == row.kept, "threshold \(point.threshold)")
            #expect(point.keptCorrect == row.correct, "threshold \(point.threshold)")
            #expect(point.net == row.net, "threshold \(point.threshold)")
            #expect(abs(point.fallbackRate - Double(7 - row.kept) / 7) < 1e-12)
            #expect(abs(try #require(point.keptAccuracy) - Double(row.correct) / Double(row.kept)) < 1e-12)
        }
        // The net first reaches its maximum, 1, at 0.35 (above the two wrong answers at 0.15 and 0.30).
        #expect(figures.recommendedThreshold == 0.35)
        #expect(figures.recommendationRule == ConfidenceFigures.rule)
    }

    @Test func nothingKeptHasNoAccuracyAndEverythingFallsBack() throws {
        var correct = Array(repeating: 0, count: 20)
        correct[0] = 2
        let counts = try #require(ConfidenceCounts(correct: correct, wrong: Array(repeating: 0, count: 20)))
        let figures = try #require(ConfidenceFigures(counts))
        #expect(figures.sweep[0].keptAccuracy == 1)
        #expect(figures.sweep[1].keptAccuracy == nil)
        #expect(figures.sweep[1].fallbackRate == 1)
        // All right answers: keeping everything is best.
        #expect(figures.recommendedThreshold == 0)
        #expect(ConfidenceFigures(ConfidenceCounts()) == nil)
        #expect(ConfidenceCounts(correct: [1], wrong: [1]) == nil)
    }

    @Test func shardsMergeToTheWholeRun() {
        let whole = Aggregate(Self.conversations(Self.turns[...]))
        let first = Aggregate(Self.conversations(Self.turns[..<3]))
        let second = Aggregate(Self.conversations(Self.turns[3...]))
        #expect(second.merging(first).confidence == whole.confidence)
        #expect(first.merging(second).confidence == whole.confidence)
    }

    @Test func summaryCarriesTheFiguresOnlyWithIntentMetrics() {
        let target = TargetInfo(kind: "fake", name: "fake", detail: "")
        let summary = Summary(suite: "s", target: target, seed: 1, aggregate: aggregate)
        #expect(summary.confidence == ConfidenceFigures(aggregate.confidence))
        let noIntents = Aggregate([
            ConversationRecord(index: 0, persona: "p", goal: "g", outcome: .completed, turns: [TurnRecord(user: "hi")])
        ])
        #expect(Summary(suite: "s", target: target, seed: 1, aggregate: noIntents).confidence == nil)
    }

    @Test func anAggregateStoredBeforeConfidenceReadsAsEmpty() throws {
        let noConfidence = Aggregate([
            ConversationRecord(
                index: 0, persona: "p", goal: "g", outcome: .completed,
                turns: [TurnRecord(user: "hi", expectedIntent: "g", predictedIntent: "g")])
        ])
        let data = try JSONEncoder().encode(noConfidence)
        #expect(!String(decoding: data, as: UTF8.self).contains("\"confidence\""))
        #expect(try JSONDecoder().decode(Aggregate.self, from: data) == noConfidence)
        let withConfidence = try JSONEncoder().encode(aggregate)
        #expect(try JSONDecoder().decode(Aggregate.self, from: withConfidence) == aggregate)
        let bad = Data(#"{"correct": [1, 2], "wrong": [0, 0]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConfidenceCounts.self, from: bad) }
    }
}

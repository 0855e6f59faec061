import ChorusModel
import ChorusScoring
import ChorusSpec
import Foundation
import Testing

@Suite struct AggregateTests {
    let aggregate = Aggregate(SampleRecords.conversations)

    @Test func countsTheSampleByHand() {
        #expect(aggregate.conversations == 5)
        #expect(aggregate.outcomes == OutcomeCounts(completed: 2, handedOff: 1, abandoned: 1, error: 1))
        // The timed-out conversation's turn is left out of every behavioural count.
        #expect(aggregate.userTurns == 8)
        #expect(aggregate.fallbackTurns == 2)
        #expect(aggregate.conversationsWithFallback == 1)
        // The timeout turn has no prediction and the "thanks" turn no expectation: 7 judged turns.
        #expect(aggregate.intentJudgedTurns == 7)
        #expect(aggregate.intentCorrectTurns == 3)
        #expect(
            aggregate.confusion == [
                "refund": ["refund": 1, "fallback": 2],
                "provide_order": ["provide_order": 1],
                "affirm": ["refund": 1],
                "hours": ["human": 1, "hours": 1],
            ])
        #expect(aggregate.targetExposesIntent)
        #expect(aggregate.targetExposesEntities)
        // "ab-1" matches "AB-1" ignoring case; "XY-2" was not extracted (empty entity list).
        #expect(aggregate.slotsExpected == 2)
        #expect(aggregate.slotsExtracted == 1)
        #expect(aggregate.errors == ["timeout": 1])
        #expect(aggregate.errorCount(.timeout) == 1)
        #expect(aggregate.errorCount(.connection) == 0)
        // Eight replies; the failed exchange has no reply latency.
        #expect(aggregate.latency.count == 8)
        #expect(aggregate.latency.maxMicroseconds == 80_000)
        #expect(aggregate.completedTurns.counts == [3: 1, 2: 1])
        #expect(
            aggregate.goals == [
                "refund": OutcomeCounts(completed: 1, abandoned: 1),
                "hours": OutcomeCounts(completed: 1, handedOff: 1, error: 1),
            ])
        #expect(
            aggregate.personas == [
                "calm": OutcomeCounts(completed: 2, handedOff: 1),
                "hasty": OutcomeCounts(abandoned: 1, error: 1),
            ])
    }

    @Test func summaryRatesMatchTheDefinitions() throws {
        let metrics = SampleRecords.summary(of: SampleRecords.conversations).metrics
        func check(_ metric: RateMetric?, _ successes: Int, _ n: Int) throws {
            let metric = try #require(metric)
            #expect(metric.successes == successes)
            #expect(metric.n == n)
            #expect(abs(metric.value - Double(successes) / Double(n)) < 1e-12)
        }
        try check(metrics.intentAccuracy, 3, 7)
        // Behavioural rates are over the four conversations the timeout did not break off; the
        // error rate over all five.
        try check(metrics.fallbackRate, 2, 8)
        try check(metrics.conversationFallbackRate, 1, 4)
        try check(metrics.completionRate, 2, 4)
        try check(metrics.handoffRate, 1, 4)
        try check(metrics.abandonmentRate, 1, 4)
        try check(metrics.errorRate, 1, 5)
        try check(metrics.slotAccuracy, 1, 2)
    }

    @Test func mergeEqualsAddingEverythingToOne() {
        let records = SampleRecords.conversations
        let a = Aggregate(records.prefix(2))
        let b = Aggregate(records.dropFirst(2).prefix(2))
        let c = Aggregate(records.dropFirst(4))
        #expect(a.merging(b).merging(c) == aggregate)
        #expect(a.merging(b.merging(c)) == aggregate)
        #expect(c.merging(a).merging(b) == aggregate)
        #expect(b.merging(c).merging(a) == aggregate)
        #expect(Aggregate().merging(aggregate) == aggregate)
        #expect(aggregate.merging(Aggregate()) == aggregate)
    }

    @Test func mergeOfSingletonsInAnyOrder() {
        let singles = SampleRecords.conversations.map { Aggregate([$0]) }
        let forward = singles.reduce(Aggregate()) { $0.merging($1) }
        let backward = singles.reversed().reduce(Aggregate()) { $0.merging($1) }
        #expect(forward == aggregate)
        #expect(backward == aggregate)
    }

    @Test func noPredictedIntentMeansIntentMetricsNotAvailable() {
        let records = (0..<4).map { SampleRecords.opaque(index: $0, fallback: $0 == 0) }
        let aggregate = Aggregate(records)
        #expect(!aggregate.targetExposesIntent)
        #expect(aggregate.intentJudgedTurns == 0)
        let summary = SampleRecords.summary(of: records)
        #expect(summary.metrics.intentAccuracy == nil)
        #expect(summary.metrics.slotAccuracy == nil)
        #expect(summary.intents.isEmpty)
        #expect(summary.intentAverages == nil)
        #expect(summary.confusion.isEmpty)
        // The other rates are still there.
        #expect(summary.metrics.completionRate?.value == 1)
        #expect(summary.metrics.fallbackRate?.successes == 1)
        #expect(summary.metrics.fallbackRate?.n == 8)
    }

    @Test func slotMatchingNeedsTheSameNameAndOneExtractionPerSlot() {
        let expected = [Entity(name: "city", value: "Zürich"), Entity(name: "city", value: "zürich")]
        #expect(
            Aggregate.extractedCountForTesting(expected: expected, entities: [Entity(name: "city", value: "ZÜRICH")])
                == 1)
        #expect(
            Aggregate.extractedCountForTesting(expected: expected, entities: [Entity(name: "town", value: "Zürich")])
                == 0)
        #expect(
            Aggregate.extractedCountForTesting(
                expected: expected,
                entities: [Entity(name: "city", value: "zürich"), Entity(name: "city", value: "Zürich")]
            ) == 2)
    }

    @Test func codableRoundTrip() throws {
        let data = try JSONEncoder().encode(aggregate)
        let decoded = try JSONDecoder().decode(Aggregate.self, from: data)
        #expect(decoded == aggregate)
        #expect(try JSONDecoder().decode(Aggregate.self, from: JSONEncoder().encode(Aggregate())) == Aggregate())
    }
}

extension Aggregate {
    /// Slot matching on its own, through a real aggregate so the test uses only public API.
    static func extractedCountForTesting(expected: [Entity], entities: [Entity]) -> Int {
        Aggregate([
            ConversationRecord(
                index: 0, persona: "p", goal: "g", outcome: .completed,
                turns: [TurnRecord(user: "u", expectedSlots: expected, entities: entities)])
        ]).slotsExtracted
    }
}

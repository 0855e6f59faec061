import ChorusScoring
import Foundation
import Testing

@Suite struct SummaryTests {
    let summary = SampleRecords.summary(of: SampleRecords.conversations)

    private func encoded(_ summary: Summary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(summary)
    }

    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func keysAreAsSpecified() throws {
        let json = try object(encoded(summary))
        #expect(
            Set(json.keys) == [
                "schema", "suite", "target", "seed", "conversations", "outcomes", "metrics", "intents",
                "intent_averages", "unexpected_predictions", "confusion", "confidence", "errors", "turns", "latency_ms",
                "goals",
                "personas", "goal_outcomes", "dialogue_failures", "behaviours", "slot_confirmation", "languages",
            ])
        #expect(json["schema"] as? String == "chorus.summary/1")
        #expect(json["suite"] as? String == "acme")
        #expect(json["seed"] as? Int == 42)
        let target = try #require(json["target"] as? [String: Any])
        #expect(Set(target.keys) == ["name", "kind", "detail"])
        let outcomes = try #require(json["outcomes"] as? [String: Any])
        #expect(
            Set(outcomes.keys) == ["completed", "handed_off", "escalated", "abandoned", "max_turns", "failed", "error"])
        let metrics = try #require(json["metrics"] as? [String: Any])
        #expect(
            Set(metrics.keys) == [
                "intent_accuracy", "fallback_rate", "conversation_fallback_rate", "completion_rate",
                "goal_completion_rate", "handoff_rate", "escalation_rate", "abandonment_rate", "error_rate",
                "slot_accuracy", "dialogue_failure_rate", "slot_precision", "slot_recall", "slot_f1",
            ])
        let completion = try #require(metrics["completion_rate"] as? [String: Any])
        #expect(Set(completion.keys) == ["value", "low", "high", "n", "successes"])
        let intents = try #require(json["intents"] as? [String: [String: Any]])
        // The intents users meant; the labels only the target used are listed apart, with their share
        // of the 7 judged turns.
        #expect(Set(intents.keys) == ["refund", "provide_order", "affirm", "hours"])
        let unexpected = try #require(json["unexpected_predictions"] as? [String: [String: Any]])
        #expect(Set(unexpected.keys) == ["fallback", "human"])
        #expect(unexpected["fallback"]?["count"] as? Int == 2)
        #expect(abs((unexpected["fallback"]?["share"] as? Double ?? 0) - 2.0 / 7) < 1e-12)
        #expect(Set(try #require(intents["refund"]).keys) == ["precision", "recall", "f1", "support"])
        let averages = try #require(json["intent_averages"] as? [String: Any])
        #expect(Set(averages.keys) == ["macro", "weighted"])
        let turns = try #require(json["turns"] as? [String: Double])
        #expect(turns == ["mean": 2.5, "median": 2.5, "p95": 3])
        let latency = try #require(json["latency_ms"] as? [String: Double])
        #expect(Set(latency.keys) == ["p50", "p90", "p95", "p99", "max"])
        #expect(latency["max"] == 80)
        #expect(json["errors"] as? [String: Int] == ["timeout": 1])
        #expect(json["confusion"] as? [String: [String: Int]] == summary.confusion)
        let goals = try #require(json["goals"] as? [String: [String: Int]])
        #expect(goals["hours"]?["handed_off"] == 1)
    }

    @Test func unavailablePartsAreNullNotMissing() throws {
        let opaque = SampleRecords.summary(of: [SampleRecords.opaque(index: 0, outcome: .abandoned)])
        let json = try object(encoded(opaque))
        let metrics = try #require(json["metrics"] as? [String: Any])
        #expect(metrics["intent_accuracy"] is NSNull)
        #expect(metrics["slot_accuracy"] is NSNull)
        #expect(metrics["slot_f1"] is NSNull, "the bot confirmed nothing")
        #expect(json["intent_averages"] is NSNull)
        #expect(json["turns"] is NSNull)
        #expect(metrics["completion_rate"] is [String: Any])
    }

    @Test func sameInputSameBytesWhateverTheShardOrder() throws {
        let records = SampleRecords.conversations
        var sharded = Aggregate(records.suffix(2))
        sharded.merge(Aggregate(records.prefix(3)))
        let fromShards = Summary(suite: "acme", target: SampleRecords.target, seed: 42, aggregate: sharded)
        #expect(fromShards == summary)
        #expect(try encoded(fromShards) == encoded(summary))
    }

    @Test func latencyIsTheOnlyRunDependentPart() {
        let records = SampleRecords.conversations
        var slower = records
        for c in slower.indices {
            for t in slower[c].turns.indices { slower[c].turns[t].latencyMs *= 3 }
        }
        let other = SampleRecords.summary(of: slower)
        #expect(other != summary)
        #expect(other.deterministicPart == summary.deterministicPart)
        #expect(summary.deterministicPart.latencyMs == nil)
    }

    @Test func codableRoundTrip() throws {
        let decoded = try JSONDecoder().decode(Summary.self, from: encoded(summary))
        #expect(decoded == summary)
        let opaque = SampleRecords.summary(of: [SampleRecords.opaque(index: 0)])
        #expect(try JSONDecoder().decode(Summary.self, from: encoded(opaque)) == opaque)
    }

    /// A baseline written before a part of the summary existed still reads, the part empty.
    @Test func anOlderSummaryWithoutNewerPartsStillDecodes() throws {
        var json = try object(encoded(summary))
        for key in ["unexpected_predictions", "goal_outcomes", "dialogue_failures", "behaviours", "slot_confirmation"] {
            json.removeValue(forKey: key)
        }
        var metrics = try #require(json["metrics"] as? [String: Any])
        metrics.removeValue(forKey: "slot_f1")
        json["metrics"] = metrics
        let older = try JSONSerialization.data(withJSONObject: json)
        let decoded = try JSONDecoder().decode(Summary.self, from: older)
        #expect(decoded.unexpectedPredictions.isEmpty)
        #expect(decoded.intents == summary.intents)
        #expect(decoded.dialogueFailures.isEmpty && decoded.metrics.slotF1 == nil)
    }

    @Test func emptyRunHasNoRates() throws {
        let empty = SampleRecords.summary(of: [])
        #expect(empty.conversations == 0)
        #expect(empty.metrics.all.allSatisfy { $0.metric == nil })
        #expect(empty.latencyMs == nil && empty.turns == nil)
        _ = try encoded(empty)
    }
}

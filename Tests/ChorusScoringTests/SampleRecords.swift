import ChorusModel
import ChorusScoring
import ChorusSpec

/// Hand-made conversations whose aggregate the tests compute by hand (see `AggregateTests`).
enum SampleRecords {
    static let conversations: [ConversationRecord] = [
        ConversationRecord(
            index: 0, persona: "calm", goal: "refund", outcome: .completed,
            turns: [
                TurnRecord(
                    user: "I want a refund for AB-1", expectedIntent: "refund", predictedIntent: "refund",
                    expectedSlots: [Entity(name: "order_id", value: "ab-1")],
                    entities: [Entity(name: "order_id", value: "AB-1")], latencyMs: 10),
                TurnRecord(
                    user: "it's AB-1", expectedIntent: "provide_order", predictedIntent: "provide_order",
                    latencyMs: 20),
                TurnRecord(user: "yes", expectedIntent: "affirm", predictedIntent: "refund", latencyMs: 30),
            ]),
        ConversationRecord(
            index: 1, persona: "hasty", goal: "refund", outcome: .abandoned,
            turns: [
                TurnRecord(
                    user: "refnud XY-2", expectedIntent: "refund", predictedIntent: "fallback",
                    expectedSlots: [Entity(name: "order_id", value: "XY-2")], entities: [], fallback: true,
                    latencyMs: 40),
                TurnRecord(
                    user: "REFUND!!", expectedIntent: "refund", predictedIntent: "fallback", fallback: true,
                    latencyMs: 50),
            ]),
        ConversationRecord(
            index: 2, persona: "calm", goal: "hours", outcome: .handedOff,
            turns: [
                TurnRecord(
                    user: "when are you open", expectedIntent: "hours", predictedIntent: "human", handoff: true,
                    latencyMs: 60)
            ]),
        ConversationRecord(
            index: 3, persona: "hasty", goal: "hours", outcome: .error,
            turns: [
                TurnRecord(
                    user: "opening hours?", expectedIntent: "hours", latencyMs: 5000, error: .timeout,
                    errorDetail: "no reply in 5 s")
            ]),
        ConversationRecord(
            index: 4, persona: "calm", goal: "hours", outcome: .completed,
            turns: [
                TurnRecord(user: "hours please", expectedIntent: "hours", predictedIntent: "hours", latencyMs: 70),
                TurnRecord(user: "thanks", predictedIntent: "goodbye", latencyMs: 80),
            ]),
    ]

    /// A conversation of a target that exposes neither intents nor entities.
    static func opaque(index: Int, outcome: Outcome = .completed, fallback: Bool = false) -> ConversationRecord {
        ConversationRecord(
            index: index, persona: "calm", goal: "hours", outcome: outcome,
            turns: [
                TurnRecord(user: "hours", expectedIntent: "hours", fallback: fallback, latencyMs: 12.5),
                TurnRecord(user: "thanks", expectedIntent: "goodbye", latencyMs: 7.25),
            ])
    }

    static let target = TargetInfo(kind: "reference", name: "acme-v1", detail: "Fixtures/bots/acme-v1.yaml")

    static func summary(of conversations: [ConversationRecord]) -> Summary {
        Summary(suite: "acme", target: target, seed: 42, aggregate: Aggregate(conversations))
    }
}

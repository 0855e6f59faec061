import ChorusModel
import ChorusSpec

/// The counts a run's metrics are computed from, built one conversation at a time.
///
/// Everything here is a count, a set of counts or a flag, and `merge` adds them field by field, so
/// merging is exact, associative and commutative: shards of a run, aggregated separately and merged
/// in any order, equal the aggregate of the whole run. Memory is flat in the number of
/// conversations (it grows only with the number of distinct intents, goals, personas and latency
/// buckets). `Summary` turns an aggregate into rates.
public struct Aggregate: Sendable, Equatable, Codable {
    /// Conversations added.
    public var conversations: Int = 0
    /// Conversations by outcome.
    public var outcomes = OutcomeCounts()
    /// User turns over all conversations.
    public var userTurns: Int = 0
    /// User turns whose bot reply was a fallback.
    public var fallbackTurns: Int = 0
    /// Conversations with at least one fallback reply.
    public var conversationsWithFallback: Int = 0
    /// User turns with both an expected and a predicted intent: the intent accuracy denominator.
    public var intentJudgedTurns: Int = 0
    /// Judged turns whose predicted intent equals the expected one.
    public var intentCorrectTurns: Int = 0
    /// Judged turns as `[expected: [predicted: count]]`; only non-zero cells are present.
    public var confusion: [String: [String: Int]] = [:]
    /// Whether the target predicted an intent on any turn at all. When it never did, intent
    /// metrics are not available (rather than 0).
    public var targetExposesIntent: Bool = false
    /// Whether the target reported entities (even an empty list) on any turn. When it never did,
    /// slot accuracy is not available.
    public var targetExposesEntities: Bool = false
    /// Expected slot values on turns where the target reported entities: the slot accuracy denominator.
    public var slotsExpected: Int = 0
    /// Of `slotsExpected`, those the target extracted exactly (same name, value equal ignoring case).
    public var slotsExtracted: Int = 0
    /// Failed exchanges by `TargetErrorClass` raw value (`timeout`, `http_status`, …), counted per
    /// turn. Keyed by the raw value so the encoded form is a plain JSON object.
    public var errors: [String: Int] = [:]
    /// Latency of every bot reply (turns that did not fail), in microseconds.
    public var latency = LatencyHistogram()
    /// User turns per completed conversation.
    public var completedTurns = TurnDistribution()
    /// Outcomes by goal name (scripted suites use the script's name).
    public var goals: [String: OutcomeCounts] = [:]
    /// Outcomes by persona name.
    public var personas: [String: OutcomeCounts] = [:]

    enum CodingKeys: String, CodingKey {
        case conversations, outcomes
        case userTurns = "user_turns"
        case fallbackTurns = "fallback_turns"
        case conversationsWithFallback = "conversations_with_fallback"
        case intentJudgedTurns = "intent_judged_turns"
        case intentCorrectTurns = "intent_correct_turns"
        case confusion
        case targetExposesIntent = "target_exposes_intent"
        case targetExposesEntities = "target_exposes_entities"
        case slotsExpected = "slots_expected"
        case slotsExtracted = "slots_extracted"
        case errors, latency
        case completedTurns = "completed_turns"
        case goals, personas
    }

    /// An empty aggregate.
    public init() {}

    /// The aggregate of the given conversations.
    public init(_ conversations: some Sequence<ConversationRecord>) {
        for conversation in conversations {
            add(conversation)
        }
    }

    /// How many failed exchanges of one class were recorded.
    public func errorCount(_ errorClass: TargetErrorClass) -> Int {
        errors[errorClass.rawValue, default: 0]
    }

    /// Counts one scored conversation.
    public mutating func add(_ conversation: ConversationRecord) {
        conversations += 1
        outcomes[conversation.outcome] += 1
        goals[conversation.goal, default: OutcomeCounts()][conversation.outcome] += 1
        personas[conversation.persona, default: OutcomeCounts()][conversation.outcome] += 1
        userTurns += conversation.turns.count
        if conversation.outcome == .completed {
            completedTurns.add(turns: conversation.turns.count)
        }

        var sawFallback = false
        for turn in conversation.turns {
            if turn.fallback {
                fallbackTurns += 1
                sawFallback = true
            }
            if turn.predictedIntent != nil {
                targetExposesIntent = true
            }
            if let expected = turn.expectedIntent, let predicted = turn.predictedIntent {
                intentJudgedTurns += 1
                if expected == predicted { intentCorrectTurns += 1 }
                confusion[expected, default: [:]][predicted, default: 0] += 1
            }
            if let entities = turn.entities {
                targetExposesEntities = true
                slotsExpected += turn.expectedSlots.count
                slotsExtracted += Self.extractedCount(expected: turn.expectedSlots, entities: entities)
            }
            if let error = turn.error {
                errors[error.rawValue, default: 0] += 1
            } else {
                // A failed exchange has no reply, and its time (often a timeout) is not a reply latency.
                latency.record(milliseconds: turn.latencyMs)
            }
        }
        if sawFallback { conversationsWithFallback += 1 }
    }

    /// Adds another aggregate's counts, e.g. a shard's.
    public mutating func merge(_ other: Aggregate) {
        conversations += other.conversations
        outcomes.merge(other.outcomes)
        userTurns += other.userTurns
        fallbackTurns += other.fallbackTurns
        conversationsWithFallback += other.conversationsWithFallback
        intentJudgedTurns += other.intentJudgedTurns
        intentCorrectTurns += other.intentCorrectTurns
        for (expected, row) in other.confusion {
            for (predicted, count) in row {
                confusion[expected, default: [:]][predicted, default: 0] += count
            }
        }
        targetExposesIntent = targetExposesIntent || other.targetExposesIntent
        targetExposesEntities = targetExposesEntities || other.targetExposesEntities
        slotsExpected += other.slotsExpected
        slotsExtracted += other.slotsExtracted
        errors.merge(other.errors, uniquingKeysWith: +)
        latency.merge(other.latency)
        completedTurns.merge(other.completedTurns)
        for (goal, counts) in other.goals {
            goals[goal, default: OutcomeCounts()].merge(counts)
        }
        for (persona, counts) in other.personas {
            personas[persona, default: OutcomeCounts()].merge(counts)
        }
    }

    /// The aggregate of both.
    public func merging(_ other: Aggregate) -> Aggregate {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// How many expected slots the entities match, each entity matching at most one slot (so a
    /// slot the user gave twice needs two extractions). Names compare exactly; values ignoring case,
    /// since targets often normalise case and the user's casing is noise.
    static func extractedCount(expected: [Entity], entities: [Entity]) -> Int {
        var unused = entities.map { (name: $0.name, value: $0.value.lowercased()) }
        var matched = 0
        for slot in expected {
            let value = slot.value.lowercased()
            if let index = unused.firstIndex(where: { $0.name == slot.name && $0.value == value }) {
                unused.remove(at: index)
                matched += 1
            }
        }
        return matched
    }
}

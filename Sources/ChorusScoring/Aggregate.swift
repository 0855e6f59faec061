import ChorusModel
import ChorusSpec

/// The counts a run's metrics are computed from, built one conversation at a time.
///
/// Everything here is a count, a set of counts or a flag, and `merge` adds them field by field, so
/// merging is exact, associative and commutative: shards of a run, aggregated separately and merged
/// in any order, equal the aggregate of the whole run. Memory is flat in the number of
/// conversations (it grows only with the number of distinct intents, goals, personas, behaviours,
/// dialogue failures and latency buckets). `Summary` turns an aggregate into rates.
public struct Aggregate: Sendable, Equatable, Codable {
    /// Conversations added.
    public var conversations: Int = 0
    /// Conversations by outcome.
    public var outcomes = OutcomeCounts()
    /// User turns over the conversations that did not end in a transport error (as every
    /// behavioural count below).
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
    /// Judged turns that carried a confidence, by confidence bucket and correctness (the
    /// confidence histogram and threshold sweep).
    public var confidence = ConfidenceCounts()
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
    /// User turns per completed conversation (turns to success).
    public var completedTurns = TurnDistribution()
    /// Goal attempts by goal name and outcome: every `GoalRecord` of every conversation, so a
    /// multi-goal conversation counts once per goal (scripted suites use the script's name).
    public var goals: [String: OutcomeCounts] = [:]
    /// Outcomes by persona name (per conversation).
    public var personas: [String: OutcomeCounts] = [:]
    /// Goal attempts by outcome, over every goal of every conversation.
    public var goalOutcomes = OutcomeCounts()
    /// Conversations with at least one turn showing a dialogue failure.
    public var conversationsWithDialogueFailure: Int = 0
    /// Per dialogue failure (`DialogueFailure` raw value): conversations, turns and behaviours it hit.
    public var dialogueFailures: [String: DialogueFailureCounts] = [:]
    /// Conversation outcomes by behaviour (`Behaviour` raw value, or `plain` for a conversation
    /// with none); a conversation with two behaviours counts under both.
    public var behaviours: [String: OutcomeCounts] = [:]
    /// The slot judgement of what the bot confirmed, over goals it confirmed or acted on.
    public var confirmedSlots = SlotCounts()
    /// Passing plays per conversation, for runs with `--repeat` (empty otherwise). Every other
    /// count above counts each play as a conversation.
    public var repeats = RepeatCounts()
    /// Counts by the language the user wrote in (conversations that record one).
    public var languages: [String: LanguageCounts] = [:]

    /// The key of conversations with no particular behaviour in `behaviours`.
    public static let plain = "plain"

    enum CodingKeys: String, CodingKey {
        case conversations, outcomes
        case userTurns = "user_turns"
        case fallbackTurns = "fallback_turns"
        case conversationsWithFallback = "conversations_with_fallback"
        case intentJudgedTurns = "intent_judged_turns"
        case intentCorrectTurns = "intent_correct_turns"
        case confusion, confidence
        case targetExposesIntent = "target_exposes_intent"
        case targetExposesEntities = "target_exposes_entities"
        case slotsExpected = "slots_expected"
        case slotsExtracted = "slots_extracted"
        case errors, latency
        case completedTurns = "completed_turns"
        case goals, personas
        case goalOutcomes = "goal_outcomes"
        case conversationsWithDialogueFailure = "conversations_with_dialogue_failure"
        case dialogueFailures = "dialogue_failures"
        case behaviours
        case confirmedSlots = "confirmed_slots"
        case repeats
        case languages
    }

    /// An empty aggregate.
    public init() {}

    /// The aggregate of the given conversations (the plays of a repeated conversation in a row).
    public init(_ conversations: some Sequence<ConversationRecord>) {
        var builder = AggregateBuilder()
        for conversation in conversations { builder.add(conversation) }
        self = builder.finish()
    }

    /// Reads an aggregate; the dialogue counts, which aggregates stored before they existed lack,
    /// read as empty (those runs recorded no dialogue judgement).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        conversations = try c.decode(Int.self, forKey: .conversations)
        outcomes = try c.decode(OutcomeCounts.self, forKey: .outcomes)
        userTurns = try c.decode(Int.self, forKey: .userTurns)
        fallbackTurns = try c.decode(Int.self, forKey: .fallbackTurns)
        conversationsWithFallback = try c.decode(Int.self, forKey: .conversationsWithFallback)
        intentJudgedTurns = try c.decode(Int.self, forKey: .intentJudgedTurns)
        intentCorrectTurns = try c.decode(Int.self, forKey: .intentCorrectTurns)
        confusion = try c.decode([String: [String: Int]].self, forKey: .confusion)
        confidence = try c.decodeIfPresent(ConfidenceCounts.self, forKey: .confidence) ?? ConfidenceCounts()
        targetExposesIntent = try c.decode(Bool.self, forKey: .targetExposesIntent)
        targetExposesEntities = try c.decode(Bool.self, forKey: .targetExposesEntities)
        slotsExpected = try c.decode(Int.self, forKey: .slotsExpected)
        slotsExtracted = try c.decode(Int.self, forKey: .slotsExtracted)
        errors = try c.decode([String: Int].self, forKey: .errors)
        latency = try c.decode(LatencyHistogram.self, forKey: .latency)
        completedTurns = try c.decode(TurnDistribution.self, forKey: .completedTurns)
        goals = try c.decode([String: OutcomeCounts].self, forKey: .goals)
        personas = try c.decode([String: OutcomeCounts].self, forKey: .personas)
        goalOutcomes = try c.decodeIfPresent(OutcomeCounts.self, forKey: .goalOutcomes) ?? OutcomeCounts()
        conversationsWithDialogueFailure =
            try c.decodeIfPresent(Int.self, forKey: .conversationsWithDialogueFailure) ?? 0
        dialogueFailures = try c.decodeIfPresent([String: DialogueFailureCounts].self, forKey: .dialogueFailures) ?? [:]
        behaviours = try c.decodeIfPresent([String: OutcomeCounts].self, forKey: .behaviours) ?? [:]
        confirmedSlots = try c.decodeIfPresent(SlotCounts.self, forKey: .confirmedSlots) ?? SlotCounts()
        repeats = try c.decodeIfPresent(RepeatCounts.self, forKey: .repeats) ?? RepeatCounts()
        languages = try c.decodeIfPresent([String: LanguageCounts].self, forKey: .languages) ?? [:]
    }

    /// Writes every count; `repeats` only when the run repeated conversations and `confidence`
    /// only when some judged turn had one, so aggregates of other runs read as before.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(conversations, forKey: .conversations)
        try c.encode(outcomes, forKey: .outcomes)
        try c.encode(userTurns, forKey: .userTurns)
        try c.encode(fallbackTurns, forKey: .fallbackTurns)
        try c.encode(conversationsWithFallback, forKey: .conversationsWithFallback)
        try c.encode(intentJudgedTurns, forKey: .intentJudgedTurns)
        try c.encode(intentCorrectTurns, forKey: .intentCorrectTurns)
        try c.encode(confusion, forKey: .confusion)
        if !confidence.isEmpty { try c.encode(confidence, forKey: .confidence) }
        try c.encode(targetExposesIntent, forKey: .targetExposesIntent)
        try c.encode(targetExposesEntities, forKey: .targetExposesEntities)
        try c.encode(slotsExpected, forKey: .slotsExpected)
        try c.encode(slotsExtracted, forKey: .slotsExtracted)
        try c.encode(errors, forKey: .errors)
        try c.encode(latency, forKey: .latency)
        try c.encode(completedTurns, forKey: .completedTurns)
        try c.encode(goals, forKey: .goals)
        try c.encode(personas, forKey: .personas)
        try c.encode(goalOutcomes, forKey: .goalOutcomes)
        try c.encode(conversationsWithDialogueFailure, forKey: .conversationsWithDialogueFailure)
        try c.encode(dialogueFailures, forKey: .dialogueFailures)
        try c.encode(behaviours, forKey: .behaviours)
        try c.encode(confirmedSlots, forKey: .confirmedSlots)
        try c.encode(languages, forKey: .languages)
        if !repeats.isEmpty { try c.encode(repeats, forKey: .repeats) }
    }

    /// How many failed exchanges of one class were recorded.
    public func errorCount(_ errorClass: TargetErrorClass) -> Int {
        errors[errorClass.rawValue, default: 0]
    }

    /// Counts one scored conversation.
    ///
    /// A conversation that ended in a transport error counts in the outcomes (by persona, goal and
    /// behaviour too), its error classes and the latencies of the replies it did get, and nowhere
    /// else: the behavioural counts (turns, fallbacks, intents, slots, dialogue failures) cover
    /// only conversations the network did not break off, so a flaky proxy is reported as errors,
    /// never as a bot that got worse.
    public mutating func add(_ conversation: ConversationRecord) {
        conversations += 1
        outcomes[conversation.outcome] += 1
        for goal in conversation.goals {
            goals[goal.name, default: OutcomeCounts()][goal.outcome] += 1
            goalOutcomes[goal.outcome] += 1
            if goal.outcome != .error { confirmedSlots.add(goal) }
        }
        personas[conversation.persona, default: OutcomeCounts()][conversation.outcome] += 1
        if let language = conversation.language {
            languages[language, default: LanguageCounts()].add(conversation)
        }
        let behaviourKeys = conversation.behaviours.isEmpty ? [Self.plain] : conversation.behaviours.map(\.rawValue)
        for key in behaviourKeys {
            behaviours[key, default: OutcomeCounts()][conversation.outcome] += 1
        }
        guard conversation.outcome != .error else {
            for turn in conversation.turns {
                if let error = turn.error {
                    errors[error.rawValue, default: 0] += 1
                } else {
                    latency.record(milliseconds: turn.latencyMs)
                }
                if turn.predictedIntent != nil { targetExposesIntent = true }
                if turn.entities != nil { targetExposesEntities = true }
            }
            return
        }
        userTurns += conversation.turns.count
        if conversation.outcome == .completed {
            completedTurns.add(turns: conversation.turns.count)
        }

        var sawFallback = false
        // Failures seen in this conversation, with their turn counts (few, so a list is cheapest).
        var failuresSeen: [(failure: DialogueFailure, turns: Int)] = []
        for turn in conversation.turns {
            for failure in turn.dialogueFailures {
                if let index = failuresSeen.firstIndex(where: { $0.failure == failure }) {
                    failuresSeen[index].turns += 1
                } else {
                    failuresSeen.append((failure, 1))
                }
            }
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
                if let value = turn.confidence { confidence.add(confidence: value, correct: expected == predicted) }
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
        if !failuresSeen.isEmpty { conversationsWithDialogueFailure += 1 }
        for (failure, turns) in failuresSeen {
            var counts = dialogueFailures[failure.rawValue, default: DialogueFailureCounts()]
            counts.conversations += 1
            counts.occurrences += turns
            for key in behaviourKeys { counts.behaviours[key, default: 0] += 1 }
            dialogueFailures[failure.rawValue] = counts
        }
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
        confidence.merge(other.confidence)
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
        goalOutcomes.merge(other.goalOutcomes)
        conversationsWithDialogueFailure += other.conversationsWithDialogueFailure
        for (failure, counts) in other.dialogueFailures {
            dialogueFailures[failure, default: DialogueFailureCounts()].merge(counts)
        }
        for (behaviour, counts) in other.behaviours {
            behaviours[behaviour, default: OutcomeCounts()].merge(counts)
        }
        confirmedSlots.merge(other.confirmedSlots)
        repeats.merge(other.repeats)
        for (language, counts) in other.languages {
            languages[language, default: LanguageCounts()].merge(counts)
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

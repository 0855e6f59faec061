import ChorusModel

/// The counts behind the rates of one language's conversations, in a suite that mixes languages:
/// outcomes, user turns, fallback turns and intent judgements. Mergeable like `Aggregate`.
public struct LanguageCounts: Sendable, Equatable, Codable {
    public var conversations: Int = 0
    public var outcomes = OutcomeCounts()
    public var userTurns: Int = 0
    public var fallbackTurns: Int = 0
    public var intentJudgedTurns: Int = 0
    public var intentCorrectTurns: Int = 0

    enum CodingKeys: String, CodingKey {
        case conversations, outcomes
        case userTurns = "user_turns"
        case fallbackTurns = "fallback_turns"
        case intentJudgedTurns = "intent_judged_turns"
        case intentCorrectTurns = "intent_correct_turns"
    }

    public init() {}

    /// Counts one conversation.
    public mutating func add(_ conversation: ConversationRecord) {
        conversations += 1
        outcomes[conversation.outcome] += 1
        userTurns += conversation.turns.count
        for turn in conversation.turns {
            if turn.fallback { fallbackTurns += 1 }
            if let expected = turn.expectedIntent, let predicted = turn.predictedIntent {
                intentJudgedTurns += 1
                if expected == predicted { intentCorrectTurns += 1 }
            }
        }
    }

    /// Adds another language aggregate's counts (a shard's).
    public mutating func merge(_ other: LanguageCounts) {
        conversations += other.conversations
        outcomes.merge(other.outcomes)
        userTurns += other.userTurns
        fallbackTurns += other.fallbackTurns
        intentJudgedTurns += other.intentJudgedTurns
        intentCorrectTurns += other.intentCorrectTurns
    }
}

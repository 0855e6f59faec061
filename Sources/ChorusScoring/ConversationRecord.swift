import ChorusSpec
import ChorusTargets

/// How a conversation ended. Every conversation ends in exactly one outcome.
public enum Outcome: String, Sendable, Codable, CaseIterable, Comparable {
    /// The goal's success condition held (or every scripted step ran).
    case completed
    /// The bot handed the user to a human (and that was not the user's goal).
    case handedOff = "handed_off"
    /// The synthetic user ran out of patience after consecutive fallbacks.
    case abandoned
    /// `max_turns` user turns passed without another outcome.
    case maxTurns = "max_turns"
    /// A required scripted step's expectation failed.
    case failed
    /// A transport error or timeout ended the conversation.
    case error

    public static func < (a: Outcome, b: Outcome) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One user turn and the bot's reply, as scored.
public struct TurnRecord: Sendable, Equatable, Codable {
    /// The text the synthetic user sent (after noise).
    public var user: String
    /// The intent the user meant, when the scenario says.
    public var expectedIntent: String?
    /// The intent the target predicted, when it exposes one.
    public var predictedIntent: String?
    public var confidence: Double?
    /// Slot values the user's text carried, for slot accuracy.
    public var expectedSlots: [Entity]
    /// Entities the target extracted; `nil` when the target exposes none.
    public var entities: [Entity]?
    /// The reply was a fallback (by the suite's `bot.fallback` recognizer).
    public var fallback: Bool
    /// The reply handed the conversation to a human.
    public var handoff: Bool
    /// The bot's reply texts.
    public var bot: [String]
    /// Time from sending the message to the complete reply.
    public var latencyMs: Double
    /// The class of target failure, when the exchange failed.
    public var error: TargetErrorClass?
    public var errorDetail: String?
    /// Scripted expectations that did not hold, as messages.
    public var failures: [String]

    public init(
        user: String, expectedIntent: String? = nil, predictedIntent: String? = nil, confidence: Double? = nil,
        expectedSlots: [Entity] = [], entities: [Entity]? = nil, fallback: Bool = false, handoff: Bool = false,
        bot: [String] = [], latencyMs: Double = 0, error: TargetErrorClass? = nil, errorDetail: String? = nil,
        failures: [String] = []
    ) {
        self.user = user
        self.expectedIntent = expectedIntent
        self.predictedIntent = predictedIntent
        self.confidence = confidence
        self.expectedSlots = expectedSlots
        self.entities = entities
        self.fallback = fallback
        self.handoff = handoff
        self.bot = bot
        self.latencyMs = latencyMs
        self.error = error
        self.errorDetail = errorDetail
        self.failures = failures
    }
}

/// One whole synthetic conversation, as scored.
public struct ConversationRecord: Sendable, Equatable, Codable {
    /// The conversation's index within the run (0-based); with the seed it determines everything.
    public var index: Int
    public var persona: String
    public var goal: String
    public var outcome: Outcome
    public var turns: [TurnRecord]

    public init(index: Int, persona: String, goal: String, outcome: Outcome, turns: [TurnRecord]) {
        self.index = index
        self.persona = persona
        self.goal = goal
        self.outcome = outcome
        self.turns = turns
    }
}

import ChorusModel
import ChorusSpec

/// The reference bot's answer to one user message, with what its NLU understood.
public struct BotResponse: Sendable, Equatable {
    /// The bot's messages for this turn, in order.
    public var texts: [String]
    /// The intent reported for the user message: the fallback intent when the classifier was
    /// not confident, else the classifier's prediction.
    public var intent: String
    /// The classifier's confidence in its prediction (cosine similarity, 0…1).
    public var confidence: Double
    /// The entities found in the user message.
    public var entities: [Entity]
    /// Whether the bot handed the conversation to a human.
    public var handoff: Bool

    /// A response; `entities` default to none and `handoff` to `false`.
    public init(
        texts: [String], intent: String, confidence: Double, entities: [Entity] = [], handoff: Bool = false
    ) {
        self.texts = texts
        self.intent = intent
        self.confidence = confidence
        self.entities = entities
        self.handoff = handoff
    }
}

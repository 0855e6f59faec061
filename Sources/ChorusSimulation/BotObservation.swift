import ChorusModel
import ChorusSpec

/// What a synthetic user perceives of one bot reply.
public struct BotObservation: Sendable, Equatable {
    public var texts: [String]
    /// The intent the target predicted for the user's message, when it exposes one.
    public var intent: String?
    /// Extracted entities; `nil` when the target exposes none.
    public var entities: [Entity]?
    public var fallback: Bool
    public var handoff: Bool

    public init(
        texts: [String], intent: String? = nil, entities: [Entity]? = nil, fallback: Bool = false, handoff: Bool = false
    ) {
        self.texts = texts
        self.intent = intent
        self.entities = entities
        self.fallback = fallback
        self.handoff = handoff
    }
}

/// One message a synthetic user sends, with what it meant.
public struct UserTurn: Sendable, Equatable {
    public var text: String
    /// The intent the user meant, when the scenario says.
    public var expectedIntent: String?
    /// The slot values the text carries.
    public var expectedSlots: [Entity]
    /// What the user does with this message.
    public var act: UserAct
    /// Which of the conversation's goals the message serves (0 for the first).
    public var goal: Int

    public init(text: String, expectedIntent: String?, expectedSlots: [Entity], act: UserAct = .open, goal: Int = 0) {
        self.text = text
        self.expectedIntent = expectedIntent
        self.expectedSlots = expectedSlots
        self.act = act
        self.goal = goal
    }
}

/// The user's reaction to a bot reply: the scripted expectations that did not hold and the
/// dialogue failures the reply showed, both for the turn just answered, and what it does next.
public struct UserReaction: Sendable, Equatable {
    public enum Next: Sendable, Equatable {
        case say(UserTurn)
        /// The conversation is over, with this outcome.
        case end(Outcome)
    }

    public var failures: [String]
    public var dialogueFailures: [DialogueFailure]
    public var next: Next

    public init(failures: [String] = [], dialogueFailures: [DialogueFailure] = [], next: Next) {
        self.failures = failures
        self.dialogueFailures = dialogueFailures
        self.next = next
    }
}

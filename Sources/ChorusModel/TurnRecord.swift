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
    /// What the user did on this turn; nil for turns stored before acts were recorded.
    public var act: UserAct?
    /// Which goal of the conversation the turn belongs to (index into `ConversationRecord.goals`).
    public var goal: Int
    /// The dialogue failures the bot's reply showed, sorted.
    public var dialogueFailures: [DialogueFailure]

    public init(
        user: String, expectedIntent: String? = nil, predictedIntent: String? = nil, confidence: Double? = nil,
        expectedSlots: [Entity] = [], entities: [Entity]? = nil, fallback: Bool = false, handoff: Bool = false,
        bot: [String] = [], latencyMs: Double = 0, error: TargetErrorClass? = nil, errorDetail: String? = nil,
        failures: [String] = [], act: UserAct? = nil, goal: Int = 0, dialogueFailures: [DialogueFailure] = []
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
        self.act = act
        self.goal = goal
        self.dialogueFailures = dialogueFailures
    }
}

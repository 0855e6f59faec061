/// What the reference bot remembers about one conversation between turns. A fresh value
/// starts a conversation; the caller keeps it and passes it to every `respond` call.
public struct ConversationState: Sendable, Equatable {
    /// The intent whose form is collecting slots, if any.
    public var activeForm: String?
    /// Slots filled so far for the active form, by slot name.
    public var slots: [String: String]
    /// Fallbacks in a row; reset by any understood message.
    public var consecutiveFallbacks: Int
    /// User messages received so far; also picks reply variants deterministically.
    public var turnCount: Int

    /// A conversation state; the defaults start a new conversation.
    public init(
        activeForm: String? = nil, slots: [String: String] = [:], consecutiveFallbacks: Int = 0, turnCount: Int = 0
    ) {
        self.activeForm = activeForm
        self.slots = slots
        self.consecutiveFallbacks = consecutiveFallbacks
        self.turnCount = turnCount
    }
}

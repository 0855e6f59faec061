/// Information a goal's user wants from the bot, asked once the task is done, e.g. how long a
/// refund takes. The goal succeeds only when the reply contains it.
///
/// YAML: `refund_time: {user: ["how long does the refund take?"], reply: "(?i)5 working days"}`.
public struct GoalRequest: Codable, Sendable, Equatable {
    /// Utterance variants asking for the information (`{slot}` placeholders allowed).
    public var user: [String]
    /// A reply text must match this pattern; `{slot}` and `{vocab}` placeholders stand for the
    /// conversation's values (e.g. `"(?i){day}.*{hours}"`).
    public var reply: String
    /// The intent the user's question expresses, scored for intent accuracy when given.
    public var intent: String?

    public init(user: [String], reply: String, intent: String? = nil) {
        self.user = user
        self.reply = reply
        self.intent = intent
    }
}

/// What synthetic users say for the dialogue acts that are not part of a goal. Every list is
/// optional and replaces the suite language's defaults (English, Spanish, French, Finnish,
/// German, Chinese and Japanese have them).
///
/// `{value}` in `deny` and `correct` stands for the slot value the user states (protected from
/// noise); `also` prefixes the opening of a second goal.
public struct DialoguePhrases: Codable, Sendable, Equatable {
    /// Agreeing with values the bot read back: "yes", "that's right".
    public var affirm: [String]?
    /// Rejecting a wrong value, with the right one: "no, it's {value}".
    public var deny: [String]?
    /// Changing a value given before: "sorry, I meant {value}".
    public var correct: [String]?
    /// Asking for a human after the bot kept failing.
    public var escalate: [String]?
    /// Thanking and saying goodbye.
    public var close: [String]?
    /// Going on with another goal: "also, " (put before the next goal's opening).
    public var also: [String]?
    /// Off-task questions a user may ask mid-task.
    public var digressions: [Digression]?
    /// The intents the bot should recognise for these acts (keys `affirm`, `deny`, `correct`,
    /// `escalate`, `close`), scored for intent accuracy when given.
    public var intents: [String: String]?

    public init(
        affirm: [String]? = nil, deny: [String]? = nil, correct: [String]? = nil, escalate: [String]? = nil,
        close: [String]? = nil, also: [String]? = nil, digressions: [Digression]? = nil,
        intents: [String: String]? = nil
    ) {
        self.affirm = affirm
        self.deny = deny
        self.correct = correct
        self.escalate = escalate
        self.close = close
        self.also = also
        self.digressions = digressions
        self.intents = intents
    }

    /// The act names `intents` may use.
    public static let intentKeys = ["affirm", "close", "correct", "deny", "escalate"]
}

/// An off-task question: its variants, and the intent it expresses when the suite says.
public struct Digression: Codable, Sendable, Equatable {
    public var user: [String]
    public var intent: String?

    public init(user: [String], intent: String? = nil) {
        self.user = user
        self.intent = intent
    }
}

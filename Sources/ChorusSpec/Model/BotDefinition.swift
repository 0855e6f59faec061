/// The definition of a reference bot (`Fixtures/bots/*.yaml`): an intent-based chatbot with
/// training examples, entities, forms that ask for missing slots, a fallback threshold and a
/// handoff intent.
public struct BotDefinition: Codable, Sendable, Equatable {
    /// The bot file format version; only `1` exists.
    public var version: Int
    /// The bot's name, e.g. `acme`.
    public var bot: String
    /// Language of the training examples (`en`, `es`, `zh`, …).
    public var language: String
    /// Below this classifier confidence the bot falls back.
    public var threshold: Double
    /// The fallback intent and its replies.
    public var fallback: FixedReply
    /// The handoff intent and its replies; predicting it hands the conversation to a human.
    public var handoff: FixedReply
    /// After this many consecutive fallbacks the bot hands off (absent: never).
    public var handoffAfterFallbacks: Int?
    public var entities: [String: EntityDefinition]
    public var intents: [String: IntentDefinition]

    enum CodingKeys: String, CodingKey {
        case version, bot, language, threshold, fallback, handoff
        case handoffAfterFallbacks = "handoff_after_fallbacks"
        case entities, intents
    }

    public init(
        version: Int = 1, bot: String, language: String = "en", threshold: Double, fallback: FixedReply,
        handoff: FixedReply, handoffAfterFallbacks: Int? = nil, entities: [String: EntityDefinition] = [:],
        intents: [String: IntentDefinition]
    ) {
        self.version = version
        self.bot = bot
        self.language = language
        self.threshold = threshold
        self.fallback = fallback
        self.handoff = handoff
        self.handoffAfterFallbacks = handoffAfterFallbacks
        self.entities = entities
        self.intents = intents
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        bot = try c.decode(String.self, forKey: .bot)
        language = try c.decodeIfPresent(String.self, forKey: .language) ?? "en"
        threshold = try c.decode(Double.self, forKey: .threshold)
        fallback = try c.decode(FixedReply.self, forKey: .fallback)
        handoff = try c.decode(FixedReply.self, forKey: .handoff)
        handoffAfterFallbacks = try c.decodeIfPresent(Int.self, forKey: .handoffAfterFallbacks)
        entities = try c.decodeIfPresent([String: EntityDefinition].self, forKey: .entities) ?? [:]
        intents = try c.decode([String: IntentDefinition].self, forKey: .intents)
    }
}

/// An intent name with the replies the bot gives for it.
public struct FixedReply: Codable, Sendable, Equatable {
    public var intent: String
    public var replies: [String]

    public init(intent: String, replies: [String]) {
        self.intent = intent
        self.replies = replies
    }
}

/// An entity the bot extracts: from a value list (matched as whole words, case- and
/// accent-insensitively; `synonyms` map other spellings to a value) or from a pattern.
public struct EntityDefinition: Codable, Sendable, Equatable {
    public var values: [String]?
    public var synonyms: [String: String]?
    public var pattern: String?

    public init(values: [String]? = nil, synonyms: [String: String]? = nil, pattern: String? = nil) {
        self.values = values
        self.synonyms = synonyms
        self.pattern = pattern
    }
}

/// An intent: training examples, and either fixed replies or a form that collects slots.
public struct IntentDefinition: Codable, Sendable, Equatable {
    public var examples: [String]
    /// Reply variants; `{entity}` placeholders are filled from the turn's entities.
    public var replies: [String]?
    public var form: FormDefinition?

    public init(examples: [String], replies: [String]? = nil, form: FormDefinition? = nil) {
        self.examples = examples
        self.replies = replies
        self.form = form
    }
}

/// A form: the slots to collect in order, the question for each, and the reply once all are filled.
public struct FormDefinition: Codable, Sendable, Equatable {
    public var slots: [FormSlot]
    /// Reply when every slot is filled; `{slot}` placeholders are filled.
    public var done: [String]

    public init(slots: [FormSlot], done: [String]) {
        self.slots = slots
        self.done = done
    }
}

/// One slot of a form: the entity that fills it and the question asking for it.
public struct FormSlot: Codable, Sendable, Equatable {
    public var name: String
    /// The entity filling the slot; defaults to the slot's name.
    public var entity: String?
    public var ask: [String]

    public init(name: String, entity: String? = nil, ask: [String]) {
        self.name = name
        self.entity = entity
        self.ask = ask
    }
}

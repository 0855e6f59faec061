/// The definition of a reference bot (`Fixtures/bots/*.yaml`): an intent-based chatbot with
/// training examples, entities, forms that ask for missing slots (and confirm before acting),
/// tables of facts its replies quote, a fallback threshold, a handoff intent and a dialogue
/// policy.
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
    /// The intents that answer a confirmation question, and the reply to a bare "no"; needed
    /// when a form has `confirm`.
    public var confirmation: Confirmation?
    /// How the engine handles digressions, corrections and malformed values (absent: well).
    public var policy: Policy
    /// What the engine folds away before classifying a message and matching entity values
    /// (absent: accents, case, punctuation and full-width forms).
    public var normalize: Normalization
    /// Entities the bot extracts, by name.
    public var entities: [String: EntityDefinition]
    /// Tables of facts, by name; a reply's `{name}` placeholder quotes the row for the value of
    /// the table's key entity.
    public var tables: [String: Table]
    /// Intents, by name.
    public var intents: [String: IntentDefinition]

    enum CodingKeys: String, CodingKey {
        case version, bot, language, threshold, fallback, handoff
        case handoffAfterFallbacks = "handoff_after_fallbacks"
        case confirmation, policy, normalize, entities, tables, intents
    }

    public init(
        version: Int = 1, bot: String, language: String = "en", threshold: Double, fallback: FixedReply,
        handoff: FixedReply, handoffAfterFallbacks: Int? = nil, confirmation: Confirmation? = nil,
        policy: Policy = Policy(), normalize: Normalization = Normalization(),
        entities: [String: EntityDefinition] = [:], tables: [String: Table] = [:],
        intents: [String: IntentDefinition]
    ) {
        self.version = version
        self.bot = bot
        self.language = language
        self.threshold = threshold
        self.fallback = fallback
        self.handoff = handoff
        self.handoffAfterFallbacks = handoffAfterFallbacks
        self.confirmation = confirmation
        self.policy = policy
        self.normalize = normalize
        self.entities = entities
        self.tables = tables
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
        confirmation = try c.decodeIfPresent(Confirmation.self, forKey: .confirmation)
        policy = try c.decodeIfPresent(Policy.self, forKey: .policy) ?? Policy()
        normalize = try c.decodeIfPresent(Normalization.self, forKey: .normalize) ?? Normalization()
        entities = try c.decodeIfPresent([String: EntityDefinition].self, forKey: .entities) ?? [:]
        tables = try c.decodeIfPresent([String: Table].self, forKey: .tables) ?? [:]
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
    /// What a malformed value looks like, and what the bot says about it.
    public var invalid: BotDefinition.InvalidValue?

    public init(
        values: [String]? = nil, synonyms: [String: String]? = nil, pattern: String? = nil,
        invalid: BotDefinition.InvalidValue? = nil
    ) {
        self.values = values
        self.synonyms = synonyms
        self.pattern = pattern
        self.invalid = invalid
    }
}

/// An intent: training examples, and either fixed replies or a form that collects slots.
public struct IntentDefinition: Codable, Sendable, Equatable {
    public var examples: [String]
    /// Reply variants; `{entity}` placeholders are filled from the turn's entities and `{table}`
    /// placeholders from the tables. Variants that quote more values are preferred.
    public var replies: [String]?
    public var form: FormDefinition?
    /// Whether the intent closes the conversation ("bye"): its reply ends any active form.
    public var closes: Bool?

    public init(examples: [String], replies: [String]? = nil, form: FormDefinition? = nil, closes: Bool? = nil) {
        self.examples = examples
        self.replies = replies
        self.form = form
        self.closes = closes
    }
}

/// A form: the slots to collect in order, the question for each, an optional confirmation
/// question, and the reply once all are filled (and confirmed).
public struct FormDefinition: Codable, Sendable, Equatable {
    public var slots: [FormSlot]
    /// Asked once every slot is filled, naming the values; the `done` reply waits for a yes.
    public var confirm: [String]?
    /// Reply when every slot is filled (and confirmed); `{slot}` placeholders are filled.
    public var done: [String]

    public init(slots: [FormSlot], confirm: [String]? = nil, done: [String]) {
        self.slots = slots
        self.confirm = confirm
        self.done = done
    }
}

/// One slot of a form: the entity that fills it, the question asking for it and the
/// acknowledgement of a corrected value.
public struct FormSlot: Codable, Sendable, Equatable {
    public var name: String
    /// The entity filling the slot; defaults to the slot's name.
    public var entity: String?
    public var ask: [String]
    /// Said when the user corrects the slot's value ("OK, I've changed the order number to
    /// {order_id}."); absent: the correction is applied without a word.
    public var changed: [String]?

    public init(name: String, entity: String? = nil, ask: [String], changed: [String]? = nil) {
        self.name = name
        self.entity = entity
        self.ask = ask
        self.changed = changed
    }
}

/// What the bot under test declares about itself: the intents it can predict, the entities it
/// extracts and the questions it asks for slots. `chorus validate --target` checks a suite
/// against it (`SuiteTargetValidator`), from a reference bot's definition or a Rasa domain.
public struct BotDeclaration: Sendable, Equatable {
    /// One question the bot asks for a slot, as written (it may hold `{placeholders}`).
    public struct Question: Sendable, Equatable {
        /// The slot asked for.
        public var slot: String
        public var text: String

        public init(slot: String, text: String) {
            self.slot = slot
            self.text = text
        }
    }

    /// How messages name the bot: `bot "acme" (Fixtures/bots/acme-v1.yaml)`.
    public var name: String
    /// The language the bot speaks, when it says (`en`, `es`, …).
    public var language: String?
    public var intents: Set<String>
    public var entities: Set<String>
    public var questions: [Question]

    public init(
        name: String, language: String? = nil, intents: Set<String>, entities: Set<String>, questions: [Question]
    ) {
        self.name = name
        self.language = language
        self.intents = intents
        self.entities = entities
        self.questions = questions
    }
}

extension BotDeclaration {
    /// What a reference bot declares: its intents (with its fallback and handoff intents), its
    /// entities, and the `ask` questions of its forms.
    public init(bot: BotDefinition, path: String) {
        var questions: [Question] = []
        for name in bot.intents.keys.sorted() {
            for slot in bot.intents[name]?.form?.slots ?? [] {
                questions += slot.ask.map { Question(slot: slot.name, text: $0) }
            }
        }
        self.init(
            name: "bot \"\(bot.bot)\" (\(path))", language: bot.language,
            intents: Set(bot.intents.keys).union([bot.fallback.intent, bot.handoff.intent]),
            entities: Set(bot.entities.keys), questions: questions)
    }
}

extension BotDeclaration {
    /// The bots each suite is checked against when several suites and bots are validated
    /// together: those speaking the suite's language (and those that do not say), or all of them
    /// when none does — so an English suite is not judged by the Spanish bot beside it, yet a
    /// suite given with a bot of another language alone is still checked.
    public static func pairs(suites: [Suite], bots: [BotDeclaration]) -> [(suite: Int, bot: Int)] {
        var pairs: [(Int, Int)] = []
        for (index, suite) in suites.enumerated() {
            let speaking = bots.indices.filter { bots[$0].language == nil || bots[$0].language == suite.language }
            pairs += (speaking.isEmpty ? Array(bots.indices) : speaking).map { (index, $0) }
        }
        return pairs
    }
}

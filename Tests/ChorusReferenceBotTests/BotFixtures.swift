import ChorusReferenceBot
import ChorusSpec
import Foundation
import Testing

/// Loads the bot files under `Fixtures/bots/` for tests, through the same loader (with
/// located diagnostics) that `chorus` uses.
enum BotFixtures {
    /// The repository root, found from this file's location.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func definition(_ name: String) throws -> BotDefinition {
        try BotLoader.load(path: root.appendingPathComponent("Fixtures/bots/\(name).yaml").path)
    }

    static func bot(_ name: String) throws -> ReferenceBot {
        try ReferenceBot(definition: definition(name))
    }

    /// A purpose-built bot for one behaviour: fallback "?", handoff "human".
    static func small(
        threshold: Double = 0.3, entities: [String: EntityDefinition] = [:],
        tables: [String: BotDefinition.Table] = [:],
        intents: [String: IntentDefinition]
    ) -> BotDefinition {
        BotDefinition(
            bot: "test", threshold: threshold,
            fallback: FixedReply(intent: "nlu_fallback", replies: ["?"]),
            handoff: FixedReply(intent: "human_handoff", replies: ["human"]),
            entities: entities, tables: tables, intents: intents)
    }
}

/// A conversation with a bot, for dialogue tests.
struct Dialogue {
    let bot: ReferenceBot
    var state = ConversationState()

    init(_ bot: ReferenceBot) {
        self.bot = bot
    }

    /// Sends `text` and returns the bot's response.
    mutating func say(_ text: String) -> BotResponse {
        bot.respond(to: text, state: &state)
    }
}

extension ReferenceBot {
    /// Expects `text` to classify as `intent` with a confidence at or above the bot's threshold.
    func expectClassifies(_ text: String, as intent: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let prediction = classify(text)
        #expect(prediction.intent == intent, "\(text)", sourceLocation: sourceLocation)
        #expect(prediction.confidence >= definition.threshold, "\(text)", sourceLocation: sourceLocation)
    }
}

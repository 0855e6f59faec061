import ChorusReferenceBot
import ChorusSpec
import Foundation
import Yams

/// Loads the bot files under `Fixtures/bots/` for tests.
///
/// Decodes with Yams directly because the bot loader with located diagnostics lives in
/// ChorusSpec and this module must not depend on files; tests only need the value.
enum BotFixtures {
    /// The repository root, found from this file's location.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func definition(_ name: String) throws -> BotDefinition {
        let url = root.appendingPathComponent("Fixtures/bots/\(name).yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try YAMLDecoder().decode(BotDefinition.self, from: text)
    }

    static func bot(_ name: String) throws -> ReferenceBot {
        try ReferenceBot(definition: definition(name))
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

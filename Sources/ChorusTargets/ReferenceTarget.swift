import ChorusModel
import ChorusReferenceBot
import ChorusSpec

/// The embedded reference bot as a target: no network, no process, deterministic replies.
public struct ReferenceTarget: Target {
    public let bot: ReferenceBot
    public let info: TargetInfo

    public init(bot: ReferenceBot, info: TargetInfo) {
        self.bot = bot
        self.info = info
    }

    public func makeSession(conversationID id: String) async throws(TargetError) -> any TargetSession {
        Session(bot: bot)
    }

    struct Session: TargetSession {
        let bot: ReferenceBot
        var state = ConversationState()

        mutating func send(_ text: String) async throws(TargetError) -> BotReply {
            let response = bot.respond(to: text, state: &state)
            return BotReply(
                texts: response.texts, intent: response.intent, confidence: response.confidence,
                entities: response.entities, handoff: response.handoff)
        }
    }
}
